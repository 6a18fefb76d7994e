// The OCF container: a ZIP built in memory with libzip, entries in the order added, fixed timestamps.
#pragma once

#include <cstdint>
#include <ctime>
#include <deque>
#include <string>

namespace docexport::epub {

// Collects entries, then returns the archive bytes. Entries keep the order they were added in.
class ZipContainer {
public:
    // mtime is the timestamp every entry gets (UTC; clamped to 1980, the earliest a ZIP can hold).
    explicit ZipContainer(std::time_t mtime);

    // Adds name with bytes; compress = false stores it (the mimetype entry must be stored).
    void add(std::string name, std::string bytes, bool compress = true);
    // Returns the archive. Throws Error(internal) if libzip fails.
    std::string finish() const;

private:
    struct Entry {
        std::string name;
        std::string bytes;
        bool compress;
    };
    std::deque<Entry> entries_;
    std::uint16_t dos_time_ = 0;
    std::uint16_t dos_date_ = 0;
};

}  // namespace docexport::epub
