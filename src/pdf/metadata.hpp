// Document metadata for the PDF: the Info strings, dates and the XMP packet (same strings in both), and the file
// identifier.
#pragma once

#include "pdf/hpdf_document.hpp"

#include <docexport/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::pdf {

// A calendar date and time; utc false when the source gave a local time without a zone.
struct PdfDate {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    bool utc = true;
};

// Returns the creation date: from epoch (SOURCE_DATE_EPOCH) when given, else the document's date
// ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]"), else 1970-01-01T00:00:00Z (so output never depends on the clock).
PdfDate resolve_date(std::optional<std::int64_t> epoch, const std::string& document_date);
// Returns the date as a PDF date string, e.g. "D:20210220061900Z" ("D:20210220061900" for a local time).
std::string pdf_date(const PdfDate& date);
// Returns the date as an XMP (ISO 8601) date, e.g. "2021-02-20T06:19:00Z".
std::string xmp_date(const PdfDate& date);

// The strings of the Info dictionary and the XMP packet (UTF-8).
struct PdfMetadata {
    std::string title;
    std::vector<std::string> authors;
    std::string author;      // authors joined ("、" for Chinese and Japanese, ", " otherwise)
    std::string subject;
    std::string creator;
    std::string producer;
    std::string language;    // BCP 47
    PdfDate date;
    bool right_to_left = false;   // pages turn right to left (vertical writing)
    bool pdf_ua = false;          // identified as PDF/UA-1 (pdfuaid:part)
    bool pdf_a = false;           // identified as PDF/A-2u (pdfaid:part, pdfaid:conformance); its authors are one
                                  // dc:creator entry, the Info /Author
};

// Returns the metadata of a document: title, authors, subject (the summary, else the subtitle), language.
PdfMetadata collect_metadata(const DocumentMeta& meta, const std::string& creator, const std::string& producer,
                             const PdfDate& date);
// Returns an XMP packet (UTF-8 XML, values escaped) with the same title, authors, subject, dates and tools.
std::string xmp_packet(const PdfMetadata& metadata);

// The file identifier (/ID): a hash of what the document shows and says, never of the clock, so that the same
// input gives the same bytes. Parts are added in document order.
class DocumentId {
public:
    // The seeds of the two 64-bit FNV-1a hashes; a page's content is hashed with each (on the page's thread).
    static constexpr std::uint64_t seed_a = 0xcbf29ce484222325ULL, seed_b = 0x84222325cbf29ce4ULL;
    // Adds bytes (a title, a link target, a font name, the XMP packet).
    void add(std::string_view bytes);
    // Adds a page's content by its two hashes (fnv1a(content, seed_a), fnv1a(content, seed_b)).
    void add_page(std::uint64_t hash_a, std::uint64_t hash_b);
    // Returns the identifier's 16 bytes.
    std::string bytes() const;

private:
    std::uint64_t a_ = seed_a, b_ = seed_b;
};

// Writes the Info strings and dates, the XMP packet (/Metadata, uncompressed), /Lang and /ViewerPreferences
// (/DisplayDocTitle, and /Direction /R2L for right-to-left pages); adds what it wrote to id.
void write_metadata(HpdfDocument& doc, const PdfMetadata& metadata, DocumentId& id);
// Sets the trailer's /ID to [<id> <id>].
void write_id(HpdfDocument& doc, const DocumentId& id);

}  // namespace docexport::pdf
