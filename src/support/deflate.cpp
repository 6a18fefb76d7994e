#include "support/deflate.hpp"

#include <docexport/diagnostics.hpp>

#include <zlib.h>

namespace docexport {

struct Deflater::State {
    z_stream z{};
};

Deflater::Deflater(int level, bool raw, int memory_level) : state_(std::make_unique<State>()) {
    if (deflateInit2(&state_->z, level, Z_DEFLATED, raw ? -MAX_WBITS : MAX_WBITS, memory_level, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error(ErrorCode::internal, "zlib could not set up compression (out of memory?)");
}

Deflater::~Deflater() { deflateEnd(&state_->z); }

std::string Deflater::deflate(std::string_view bytes) {
    z_stream& z = state_->z;
    deflateReset(&z);
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int status = ::deflate(&z, Z_FINISH);
    if (status != Z_STREAM_END) throw Error(ErrorCode::internal, "zlib could not compress (" + std::to_string(status) + ")");
    out.resize(z.total_out);
    return out;
}

struct Inflater::State {
    z_stream z{};
};

Inflater::Inflater(bool raw) : state_(std::make_unique<State>()) {
    if (inflateInit2(&state_->z, raw ? -MAX_WBITS : MAX_WBITS) != Z_OK)
        throw Error(ErrorCode::internal, "zlib could not set up decompression (out of memory?)");
}

Inflater::~Inflater() { inflateEnd(&state_->z); }

std::string Inflater::inflate(std::string_view deflated, std::size_t size, std::string_view what) {
    z_stream& z = state_->z;
    inflateReset(&z);
    std::string out(size, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    z.avail_in = static_cast<uInt>(deflated.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int status = ::inflate(&z, Z_FINISH);
    if (status != Z_STREAM_END || z.total_out != size || z.avail_in != 0)
        throw Error(ErrorCode::internal, std::string(what) + " are damaged (zlib: " + std::to_string(status) + ")");
    return out;
}

}  // namespace docexport
