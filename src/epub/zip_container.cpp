#include "epub/zip_container.hpp"

#include <docexport/diagnostics.hpp>

#include <zip.h>

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

}  // namespace

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

std::string ZipContainer::finish() const {
    ErrorHolder err;
    std::unique_ptr<zip_source_t, SourceDeleter> buffer(zip_source_buffer_create(nullptr, 0, 0, &err.error));
    if (!buffer) zip_failed("buffer", &err.error);
    std::unique_ptr<zip_t, ArchiveDeleter> archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err.error));
    if (!archive) zip_failed("open", &err.error);
    zip_source_keep(buffer.get());  // the archive takes a reference; we read the bytes after zip_close
    for (const Entry& e : entries_) {
        zip_source_t* src = zip_source_buffer(archive.get(), e.bytes.data(), e.bytes.size(), 0);
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
    std::string out;
    char chunk[65536];
    for (;;) {
        zip_int64_t n = zip_source_read(buffer.get(), chunk, sizeof chunk);
        if (n < 0) zip_failed("read back", zip_source_error(buffer.get()));
        if (n == 0) break;
        out.append(chunk, static_cast<std::size_t>(n));
    }
    zip_source_close(buffer.get());
    return out;
}

}  // namespace docexport::epub
