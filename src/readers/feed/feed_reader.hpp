// Feeds: RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.0/1.1 into sections, one per entry; several feeds
// into one publication with a part per feed (see docs/feeds.md).
#pragma once

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::readers {

// One entry of a feed, with what ordering and duplicate removal need.
struct FeedEntry {
    Section section;
    std::string id;                     // guid, Atom id or JSON Feed id ("" when none)
    std::optional<std::int64_t> time;   // publication time in seconds since 1970 UTC, when the date was read
};

// A feed read into the model.
struct Feed {
    DocumentMeta meta;   // title, subtitle (the description), language, date, authors, publisher, identifier
    std::string url;     // the site the feed belongs to (its link), "" when not given
    std::string kind;    // "RSS 2.0", "RSS 1.0", "Atom 1.0", "JSON Feed 1.1", ...
    SourcePos pos;
    std::vector<FeedEntry> entries;
};

// What a feed format reader collects for one entry before it becomes a section.
struct EntryFields {
    enum class Type { text, html, guess };  // guess: plain text that may hold markup or entities (RSS)
    std::string title;
    Type title_type = Type::guess;
    std::string link;
    std::string id;
    std::string published;   // the date as written
    std::string updated;
    std::vector<std::string> authors;
    std::string summary;
    Type summary_type = Type::html;
    std::string content;
    Type content_type = Type::html;
    std::vector<std::string> categories;
    std::string source;      // the entry's own source (feed) name, if any
    std::string language;
    std::string base_url;    // relative links in the content resolve against it
    SourcePos pos;           // the entry
    SourcePos content_pos;   // its content
};

// Returns true when the name has a feed extension (.rss, .atom, .rdf, .xml, .json, .jsonfeed).
bool has_feed_extension(std::string_view name);

// Returns true when the first bytes look like a feed: <rss, <rdf:RDF, <feed, or JSON with a jsonfeed.org
// version (after a BOM, white space, an XML declaration, comments; UTF-16/32 too).
bool looks_like_feed(std::string_view head);

// Returns true when the file at path should be read as a feed: by its extension, else by its first bytes
// (files named .txt, .md, .yaml are never feeds).
bool is_feed_file(const std::string& path);

// Returns the bytes of a feed file. Throws Error(input) when it is missing, unreadable, a directory, larger than
// options.max_input_bytes, or empty. UTF-16/32 files are accepted (decoding comes later).
std::string read_feed_file(const std::string& path, const ReadOptions& options);

// Returns the feed in bytes (XML or JSON, any encoding). Throws Error(input) with line:col when the XML or
// JSON is malformed, the root is not a feed, or there are more than options.max_feed_entries entries. With
// options.lenient, malformed XML is a warning and the feed holds what libxml2's recovery reads, and a byte order
// mark that the bytes contradict is ignored with a warning (without lenient, it is an error).
Feed read_feed(std::string_view name, std::string_view bytes, const ReadOptions& options, DiagnosticSink& sink);

// The format readers, on decoded UTF-8 text (feed_xml.cpp, feed_json.cpp).
Feed read_xml_feed(std::string_view name, std::string_view text, const ReadOptions& options, DiagnosticSink& sink);
Feed read_json_feed(std::string_view name, std::string_view text, const ReadOptions& options, DiagnosticSink& sink);

// Returns the entry as a section: title (derived from the text when missing), date (kept as written with a
// warning when unreadable), link, authors, summary and content blocks. feed_title names the source.
FeedEntry make_entry(const EntryFields& fields, const std::string& feed_title, DiagnosticSink& sink);

// Throws Error(input) when a feed has more entries than allowed (count is the entries so far).
void check_entry_count(std::size_t count, const ReadOptions& options, const SourcePos& pos);

// A feed read from an input, where its sections go in the publication, and its own settings (a manifest's
// feed entry); a setting left empty falls back to the read options.
struct PlacedFeed {
    std::size_t at = 0;   // index in doc.sections before which the feed's sections are inserted
    Feed feed;
    std::string title;                       // the part's title instead of the feed's ("" = the feed's)
    std::optional<std::size_t> max_entries;  // instead of options.max_entries (0 = all)
    std::optional<std::int64_t> since;       // instead of options.since, in seconds since 1970 UTC
};

// Puts the feeds into doc: duplicates (same id, link, or title and date) removed across all feeds, entries
// ordered newest first (undated ones last, in feed order), --since and --max-entries applied per feed.
// A lone feed (input_count == 1) gives the document its metadata; otherwise each feed becomes a part: a
// section with class "part" and the feed's title, followed by its entries. Returns the number of sections
// each feed put into doc, in the order of feeds.
std::vector<std::size_t> insert_feeds(Document& doc, std::vector<PlacedFeed> feeds, std::size_t input_count,
                                      const ReadOptions& options, DiagnosticSink& sink);

}  // namespace docexport::readers
