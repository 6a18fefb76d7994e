#include "epub/zip_container.hpp"

#include "support/deflate.hpp"

#include <docexport/diagnostics.hpp>

#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <memory>

namespace docexport::epub {

namespace {

[[noreturn]] void zip_failed(const char* what, zip_error_t* error) {
    std::string message = std::string("cannot build the EPUB container (") + what + "): " + zip_error_strerror(error);
    throw Error(ErrorCode::internal, message);
}

struct ErrorHolder {
    zip_error_t error;
    ErrorHolder() { zip_error_init(&error); }
    ~ErrorHolder() { zip_error_fini(&error); }
};

struct SourceDeleter {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDeleter {
    void operator()(zip_t* z) const { zip_discard(z); }
};

// A libzip source of an entry deflated ahead of time: its stat gives the method, the CRC and the sizes, so that
// zip_close copies the bytes as they are instead of compressing them again.
struct DeflatedSource {
    const std::string* bytes;
    std::uint32_t crc;
    std::uint64_t size;
    std::size_t at = 0;
    zip_error_t error;

    static zip_int64_t call(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
        auto* self = static_cast<DeflatedSource*>(user);
        switch (cmd) {
        case ZIP_SOURCE_OPEN: self->at = 0; return 0;
        case ZIP_SOURCE_READ: {
            std::size_t n = std::min<std::size_t>(len, self->bytes->size() - self->at);
            std::copy_n(self->bytes->data() + self->at, n, static_cast<char*>(data));
            self->at += n;
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE: return 0;
        case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
            st->size = self->size;
            st->comp_size = self->bytes->size();
            st->comp_method = ZIP_CM_DEFLATE;
            st->crc = self->crc;
            st->encryption_method = ZIP_EM_NONE;
            return sizeof(zip_stat_t);
        }
        case ZIP_SOURCE_GET_FILE_ATTRIBUTES: {
            // What libzip's own deflating at level 9 records: version 2.0 needed, the "maximum" option bits.
            if (len < sizeof(zip_file_attributes_t)) {
                zip_error_set(&self->error, ZIP_ER_INVAL, 0);
                return -1;
            }
            auto* attributes = static_cast<zip_file_attributes_t*>(data);
            attributes->valid |= ZIP_FILE_ATTRIBUTES_VERSION_NEEDED | ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
            attributes->version_needed = 20;
            attributes->general_purpose_bit_mask = 0x0006;   // bits 1 and 2: the deflating option
            attributes->general_purpose_bit_flags = 1 << 1;
            return sizeof(zip_file_attributes_t);
        }
        case ZIP_SOURCE_ERROR: return zip_error_to_data(&self->error, data, len);
        case ZIP_SOURCE_FREE:
            zip_error_fini(&self->error);
            delete self;
            return 0;
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                  ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);
        default:
            zip_error_set(&self->error, ZIP_ER_OPNOTSUPP, 0);
            return -1;
        }
    }
};

}  // namespace

ZipContainer::Deflated ZipContainer::deflate(std::string_view bytes) {
    // As libzip deflates an entry (level 9, raw, the largest memory level), so that the archive is the same; one
    // zlib state per thread, reused for every chapter.
    thread_local Deflater entries(Z_BEST_COMPRESSION, true, MAX_MEM_LEVEL);
    Deflated out;
    out.size = bytes.size();
    out.crc = static_cast<std::uint32_t>(crc32_z(0L, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
    out.bytes = entries.deflate(bytes);
    out.bytes.shrink_to_fit();
    return out;
}

void ZipContainer::add(std::string name, Deflated deflated) {
    entries_.push_back(Entry{std::move(name), std::move(deflated.bytes), true, true, deflated.crc, deflated.size});
}

ZipContainer::ZipContainer(std::time_t mtime) {
    std::tm utc{};
    gmtime_r(&mtime, &utc);
    if (utc.tm_year < 80) utc = std::tm{0, 0, 0, 1, 0, 80, 0, 0, 0, 0, nullptr};
    if (utc.tm_year > 207) utc = std::tm{58, 59, 23, 31, 11, 207, 0, 0, 0, 0, nullptr};
    dos_time_ = static_cast<std::uint16_t>((utc.tm_hour << 11) | (utc.tm_min << 5) | (utc.tm_sec / 2));
    dos_date_ = static_cast<std::uint16_t>(((utc.tm_year - 80) << 9) | ((utc.tm_mon + 1) << 5) | utc.tm_mday);
}

void ZipContainer::add(std::string name, std::string bytes, bool compress) {
    entries_.push_back(Entry{std::move(name), std::move(bytes), compress});
}

void ZipContainer::finish(const std::function<void(std::string_view)>& put) const {
    ErrorHolder err;
    std::unique_ptr<zip_source_t, SourceDeleter> buffer(zip_source_buffer_create(nullptr, 0, 0, &err.error));
    if (!buffer) zip_failed("buffer", &err.error);
    std::unique_ptr<zip_t, ArchiveDeleter> archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err.error));
    if (!archive) zip_failed("open", &err.error);
    zip_source_keep(buffer.get());  // the archive takes a reference; we read the bytes after zip_close
    for (const Entry& e : entries_) {
        zip_source_t* src = nullptr;
        if (e.deflated) {
            auto* user = new DeflatedSource{&e.bytes, e.crc, e.size, 0, {}};
            zip_error_init(&user->error);
            src = zip_source_function(archive.get(), &DeflatedSource::call, user);
            if (!src) {
                zip_error_fini(&user->error);
                delete user;
            }
        } else {
            src = zip_source_buffer(archive.get(), e.bytes.data(), e.bytes.size(), 0);
        }
        if (!src) zip_failed("entry", zip_get_error(archive.get()));
        zip_int64_t index = zip_file_add(archive.get(), e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(src);
            zip_failed("entry", zip_get_error(archive.get()));
        }
        auto i = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive.get(), i, e.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0 ||
            zip_file_set_dostime(archive.get(), i, dos_time_, dos_date_, 0) != 0 ||
            zip_file_set_external_attributes(archive.get(), i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
            zip_failed("entry attributes", zip_get_error(archive.get()));
    }
    if (zip_close(archive.get()) != 0) zip_failed("close", zip_get_error(archive.get()));
    archive.release();  // zip_close freed it
    if (zip_source_open(buffer.get()) != 0) zip_failed("read back", zip_source_error(buffer.get()));
    std::string chunk(1 << 20, '\0');
    for (;;) {
        zip_int64_t n = zip_source_read(buffer.get(), chunk.data(), chunk.size());
        if (n < 0) zip_failed("read back", zip_source_error(buffer.get()));
        if (n == 0) break;
        try {
            put(std::string_view(chunk.data(), static_cast<std::size_t>(n)));
        } catch (...) {
            zip_source_close(buffer.get());
            throw;
        }
    }
    zip_source_close(buffer.get());
}

std::string ZipContainer::finish() const {
    std::string out;
    finish([&](std::string_view piece) { out.append(piece); });
    return out;
}

}  // namespace docexport::epub
