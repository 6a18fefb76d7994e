// zlib compression with one state reused for every call: setting a state up costs more than compressing a small
// piece (about 256 KB to compress, 40 KB to decompress), so that a thread that handles many pieces keeps one.
// Output in zlib's format (RFC 1950: PDF's FlateDecode), or raw deflate (RFC 1951: no header, no checksum) for
// bytes that never leave the process.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace docexport {

class Deflater {
public:
    // level: zlib's, from 1 (fastest) to 9 (smallest); -1 its default (6). raw: RFC 1951 instead of RFC 1950.
    // memory_level: zlib's, 1 to 9 (8 its default); the same input gives the same bytes only at the same one.
    explicit Deflater(int level = -1, bool raw = false, int memory_level = 8);
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    // Returns bytes compressed.
    std::string deflate(std::string_view bytes);

private:
    struct State;
    std::unique_ptr<State> state_;
};

class Inflater {
public:
    // raw: what a raw Deflater makes.
    explicit Inflater(bool raw = false);
    ~Inflater();
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    // Returns deflated bytes decompressed, which must come to exactly size bytes; throws Error(internal) naming
    // what when they do not (damaged data).
    std::string inflate(std::string_view deflated, std::size_t size, std::string_view what);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace docexport
