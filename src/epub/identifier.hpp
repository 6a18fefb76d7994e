// Stable identifiers and timestamps: the same input gives the same identifier, dates and bytes.
#pragma once

#include <array>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace docexport::epub {

// Incremental SHA-1 (RFC 3174), used for name-based UUIDs, not for security.
class Sha1 {
public:
    Sha1();
    // Adds bytes to the digest.
    void update(std::string_view bytes);
    // Returns the 20-byte digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 20> digest();

private:
    void block(const std::uint8_t* p);
    std::uint32_t h_[5];
    std::uint8_t buffer_[64];
    std::size_t used_ = 0;
    std::uint64_t length_ = 0;
};

// Returns a name-based (version 5, SHA-1) UUID in the URL namespace for name, as "urn:uuid:...".
std::string uuid5_urn(std::string_view name);

// Returns the instant a date like "2021-02-20", "2021-02-20 06:19" or "2021-02-20T06:19:00Z" names (as UTC),
// or nothing when it is not such a date.
std::optional<std::time_t> parse_date(const std::string& date);

// Returns the build instant: source_date_epoch when given, else the document date, else fallback.
std::time_t build_time(std::optional<std::int64_t> source_date_epoch, const std::string& document_date,
                       std::time_t fallback);

// Returns t as "CCYY-MM-DDThh:mm:ssZ" (dcterms:modified).
std::string w3c_datetime(std::time_t t);

// Returns the date part "CCYY-MM-DD" (or "CCYY-MM", "CCYY") of a document date, or "" when it has none.
std::string w3c_date(const std::string& date);

}  // namespace docexport::epub
