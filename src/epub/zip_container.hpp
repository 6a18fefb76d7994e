// The OCF container: a ZIP built with libzip, entries in the order added, fixed timestamps. An entry can be
// deflated ahead of time (deflate()), so that a book's chapters wait in memory compressed.
#pragma once

#include <cstdint>
#include <ctime>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

namespace docexport::epub {

// Collects entries, then returns the archive bytes. Entries keep the order they were added in.
class ZipContainer {
public:
    // mtime is the timestamp every entry gets (UTC; clamped to 1980, the earliest a ZIP can hold).
    explicit ZipContainer(std::time_t mtime);

    // An entry's bytes deflated as libzip would (raw deflate, level 9), with what the archive records of them.
    struct Deflated {
        std::string bytes;
        std::uint32_t crc = 0;
        std::uint64_t size = 0;   // before deflating
    };
    // Returns bytes deflated (thread-safe: chapters can be deflated on several threads).
    static Deflated deflate(std::string_view bytes);

    // Adds name with bytes; compress = false stores it (the mimetype entry must be stored).
    void add(std::string name, std::string bytes, bool compress = true);
    // Adds name with bytes that deflate() made; the archive holds them as they are.
    void add(std::string name, Deflated deflated);
    // Returns the archive. Throws Error(internal) if libzip fails.
    std::string finish() const;
    // Hands the archive to put in pieces (what put throws comes out).
    void finish(const std::function<void(std::string_view)>& put) const;

private:
    struct Entry {
        std::string name;
        std::string bytes;
        bool compress;
        bool deflated = false;   // bytes came from deflate()
        std::uint32_t crc = 0;
        std::uint64_t size = 0;
    };
    std::deque<Entry> entries_;
    std::uint16_t dos_time_ = 0;
    std::uint16_t dos_date_ = 0;
};

}  // namespace docexport::epub
