// Feeds: files, detection, decoding, entries into sections, and several feeds into one publication.
#include "readers/feed/feed_reader.hpp"

#include "readers/common/charset.hpp"
#include "readers/feed/feed_dates.hpp"
#include "readers/html/urls.hpp"
#include "readers/html/html_content.hpp"
#include "readers/common/utf8.hpp"
#include "support/ascii.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace docexport::readers {

namespace {

// Returns the first bytes as ASCII-compatible text: UTF-16/32 narrowed by dropping zero bytes, a BOM dropped.
std::string narrow_head(std::string_view b) {
    b = b.substr(0, 4096);
    bool wide = b.size() >= 4 && (b[0] == '\0' || b[1] == '\0' || b.substr(0, 2) == "\xFF\xFE" || b.substr(0, 2) == "\xFE\xFF");
    std::string out;
    if (wide) {
        for (char c : b)
            if (c != '\0' && static_cast<unsigned char>(c) < 0x80) out += c;
    } else {
        out = std::string(b);
        if (out.substr(0, 3) == "\xEF\xBB\xBF") out.erase(0, 3);
    }
    return out;
}

// Returns the length of a byte order mark that the bytes after it contradict, or 0: a UTF-16/32 mark before 8-bit
// markup (a file saved again without its mark being dropped), or a UTF-8 mark before bytes that are mostly not
// UTF-8 (more than one invalid sequence for ten valid non-ASCII characters). *says is the mark's encoding.
std::size_t contradicted_bom(std::string_view bytes, std::string* says) {
    UnicodeForm form = sniff_unicode(bytes);
    if (form.bom == 0) return 0;
    *says = form.encoding;
    std::string_view after = bytes.substr(form.bom);
    if (form.encoding != "UTF-8") {
        std::size_t i = after.find_first_not_of(" \t\r\n");
        bool eight_bit = i != std::string_view::npos && (after[i] == '<' || after[i] == '{') && i + 1 < after.size() &&
                         after[i + 1] != '\0';
        return eight_bit ? form.bom : 0;
    }
    std::size_t invalid = 0, valid = 0;
    for (std::size_t i = 0; i < after.size();) {
        if (static_cast<unsigned char>(after[i]) < 0x80) {
            ++i;
            continue;
        }
        ++(utf8::next_or_malformed(after, i) == utf8::malformed ? invalid : valid);
    }
    return invalid > 0 && invalid * 10 > valid ? form.bom : 0;
}

// Returns the bytes as hexadecimal pairs: "FF FE".
std::string hex_bytes(std::string_view bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        if (!out.empty()) out += ' ';
        out += digits[b >> 4];
        out += digits[b & 0xF];
    }
    return out;
}

// Returns the bytes to decode: without a byte order mark that the bytes contradict. Such a mark is an error (read
// as it says, the text would be lost: no markup at all, or a U+FFFD for each character), or with options.lenient a
// warning, and the bytes are read without it (in the declared or detected encoding).
std::string_view drop_contradicted_bom(std::string_view name, std::string_view bytes, const ReadOptions& options,
                                       DiagnosticSink& sink) {
    std::string says;
    std::size_t mark = contradicted_bom(bytes, &says);
    if (mark == 0) return bytes;
    SourcePos at{std::string(name), 1, 1};
    std::string what = "the byte order mark (" + hex_bytes(bytes.substr(0, mark)) + ") says " + says +
                       ", but the bytes after it are " + (says == "UTF-8" ? "not UTF-8" : "8-bit text");
    std::string fix = "remove the mark's " + std::to_string(mark) + " bytes or save the file again; it is left from "
                      "an earlier encoding";
    if (options.lenient) {
        sink.warn(at, what + "; the mark is ignored", {fix});
        return bytes.substr(mark);
    }
    throw Error(ErrorCode::input, what, at,
                {fix, "--lenient (in a manifest, 'lenient: true') reads the file without the mark"});
}

std::string title_from_text(const Blocks& blocks, const std::string& summary) {
    std::string text = summary;
    for (const Block& b : blocks) {
        if (!text.empty()) break;
        if (!b.inlines.empty()) text = plain_text(b.inlines);
    }
    std::u32string u = utf8::decode(trim(text));
    constexpr std::size_t max_chars = 30;
    if (u.size() <= max_chars) return utf8::encode(u);
    return utf8::encode(u.substr(0, max_chars)) + "…";
}

// Returns plain text with white space collapsed (markup-like characters kept as written).
std::string plain_text_of(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        if (c == '&') escaped += "&amp;";
        else if (c == '<') escaped += "&lt;";
        else escaped += c;
    }
    return html_to_text(escaped);
}

std::string normalize_language(std::string tag) {
    // zh-cn -> zh-CN, zh-hant-tw -> zh-Hant-TW, ZH_TW -> zh-TW (BCP 47 case conventions).
    std::replace(tag.begin(), tag.end(), '_', '-');
    std::string out;
    std::size_t start = 0, index = 0;
    while (start <= tag.size()) {
        std::size_t end = tag.find('-', start);
        if (end == std::string::npos) end = tag.size();
        std::string part = support::ascii_lower(std::string_view(tag).substr(start, end - start));
        if (index > 0 && part.size() == 2) for (char& c : part) c = support::ascii_upper(c);
        if (index > 0 && part.size() == 4) part[0] = support::ascii_upper(part[0]);
        if (!out.empty()) out += '-';
        out += part;
        ++index;
        start = end + 1;
    }
    return std::string(trim(out));
}

}  // namespace

bool has_feed_extension(std::string_view name) {
    std::string ext = support::lower_extension(name);
    return ext == "rss" || ext == "atom" || ext == "rdf" || ext == "xml" || ext == "json" || ext == "jsonfeed";
}

bool looks_like_feed(std::string_view head_bytes) {
    std::string head = narrow_head(head_bytes);
    std::size_t i = head.find_first_not_of(" \t\r\n");
    if (i == std::string::npos) return false;
    if (head[i] == '{') return head.find("jsonfeed.org/version/1") != std::string::npos;
    if (head[i] != '<') return false;
    for (std::string_view root : {"<rss", "<feed", "<rdf:RDF", "<RDF", "<rdf:rdf"}) {
        std::size_t k = head.find(root);
        if (k == std::string::npos) continue;
        char after = k + root.size() < head.size() ? head[k + root.size()] : ' ';
        if (after == ' ' || after == '>' || after == '\n' || after == '\r' || after == '\t') return true;
    }
    return false;
}

bool is_feed_file(const std::string& path) {
    std::string ext = support::lower_extension(path);
    if (has_feed_extension(path)) return true;
    if (ext == "txt" || ext == "text" || ext == "md" || ext == "markdown" || ext == "yaml" || ext == "yml") return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return looks_like_feed(head);
}

std::string read_feed_file(const std::string& path, const ReadOptions& options) {
    SourcePos where{path, 0, 0};
    std::string bytes = support::read_file(path, options.max_input_bytes, {"", "split the feed into several files"});
    bool blank = std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    if (blank)
        throw Error(ErrorCode::input, bytes.empty() ? "file is empty" : "file holds only white space", where,
                    {"there is nothing to export; check that the feed was downloaded completely"});
    return bytes;
}

Feed read_feed(std::string_view name, std::string_view bytes, const ReadOptions& options, DiagnosticSink& sink) {
    if (bytes.size() > options.max_input_bytes)
        throw Error(ErrorCode::input, "input is too large (the limit is " + std::to_string(options.max_input_bytes) + " bytes)",
                    SourcePos{std::string(name), 0, 0}, {"split the feed into several files"});
    bytes = drop_contradicted_bom(name, bytes, options, sink);
    std::string head = narrow_head(bytes);
    std::size_t first = head.find_first_not_of(" \t\r\n");
    bool is_json = first != std::string::npos && (head[first] == '{' || head[first] == '[');
    DecodedText decoded = decode_to_utf8(name, bytes, is_json ? std::string() : xml_declared_encoding(head), sink);
    if (trim(decoded.text).empty())
        throw Error(ErrorCode::input, "the feed is empty", SourcePos{std::string(name), 0, 0},
                    {"check that the feed was downloaded completely"});
    Feed feed = is_json ? read_json_feed(name, decoded.text, options, sink) : read_xml_feed(name, decoded.text, options, sink);
    feed.meta.language = normalize_language(feed.meta.language);
    if (feed.meta.title.empty()) {
        feed.meta.title = std::filesystem::path(std::string(name)).stem().string();
        sink.warn(feed.pos, "the feed has no title; using the file name", {"add a <title> to the feed"});
        feed.meta.source = feed.meta.title;
    }
    if (auto d = parse_feed_date(feed.meta.date)) feed.meta.date = d->display;
    if (feed.entries.empty()) sink.warn(feed.pos, "the feed has no entries");
    if (options.compact && feed.entries.size() > 1)
        parallel_for(feed.entries.size(), worker_count(feed.entries.size()),
                     [&](std::size_t, std::size_t i) { pack_blocks(feed.entries[i].section); });
    return feed;
}

void check_entry_count(std::size_t count, const ReadOptions& options, const SourcePos& pos) {
    if (count > options.max_feed_entries)
        throw Error(ErrorCode::input,
                    "the feed has more than " + std::to_string(options.max_feed_entries) + " entries", pos,
                    {"split it; each file may hold at most " + std::to_string(options.max_feed_entries) + " entries"});
}

FeedEntry make_entry(const EntryFields& f, const std::string& feed_title, DiagnosticSink& sink) {
    using Type = EntryFields::Type;
    FeedEntry entry;
    Section& s = entry.section;
    s.pos = f.pos;
    s.attr.classes.push_back("feed-entry");
    entry.id = std::string(trim(f.id));

    HtmlContext context{f.base_url, f.content_pos};
    if (!trim(f.content).empty())
        s.blocks = f.content_type == Type::text ? text_to_blocks(f.content, f.content_pos)
                                                : html_to_blocks(f.content, context, sink);
    std::string summary;
    if (!trim(f.summary).empty()) {
        if (s.blocks.empty()) {
            // Only a summary: it is the content.
            s.blocks = f.summary_type == Type::text ? text_to_blocks(f.summary, f.pos) : html_to_blocks(f.summary, context, sink);
        } else {
            summary = f.summary_type == Type::text ? plain_text_of(f.summary) : html_to_text(f.summary);
        }
    }
    s.meta.summary = summary;

    std::string title = f.title_type == Type::text ? plain_text_of(f.title) : html_to_text(f.title);
    if (title.empty()) {
        title = title_from_text(s.blocks, summary);
        if (title.empty()) title = "—";
        sink.warn(f.pos, "the entry has no title; using the start of its text", {"give each entry a <title>"});
    }
    s.title.push_back(make_text(title, f.pos));

    std::string link = std::string(trim(f.link));
    if (!link.empty() && safe_link(link)) s.meta.url = link;
    for (const std::string& a : f.authors)
        if (std::find(s.meta.authors.begin(), s.meta.authors.end(), a) == s.meta.authors.end()) s.meta.authors.push_back(a);
    s.meta.source = !trim(f.source).empty() ? std::string(trim(f.source)) : feed_title;

    std::string when = std::string(trim(!trim(f.published).empty() ? f.published : f.updated));
    if (!when.empty()) {
        if (auto d = parse_feed_date(when)) {
            s.meta.date = d->display;
            s.attr.set("published", d->iso);
            entry.time = d->utc;
        } else {
            s.meta.date = when;
            sink.warn(f.pos, "cannot read the date '" + when + "'; it is kept as written",
                      {"dates are read in RFC 822 (Sat, 20 Feb 2021 06:19:00 +0800) and RFC 3339 (2021-02-20T06:19:00+08:00) forms"});
        }
    }
    if (!trim(f.updated).empty() && !trim(f.published).empty())
        if (auto d = parse_feed_date(f.updated)) s.attr.set("updated", d->iso);
    if (!entry.id.empty()) s.attr.set("entry-id", entry.id);
    if (!f.categories.empty()) {
        std::string joined;
        for (const std::string& c : f.categories) joined += (joined.empty() ? "" : ", ") + c;
        s.attr.set("categories", joined);
    }
    if (!trim(f.language).empty()) s.attr.set("language", normalize_language(std::string(trim(f.language))));
    if (s.blocks.empty()) sink.note(f.pos, "the entry has no content, only a title");
    return entry;
}

std::vector<std::size_t> insert_feeds(Document& doc, std::vector<PlacedFeed> feeds, std::size_t input_count,
                                      const ReadOptions& options, DiagnosticSink& sink) {
    std::optional<std::int64_t> since;
    if (!options.since.empty()) {
        auto d = parse_feed_date(options.since);
        if (!d)
            throw Error(ErrorCode::usage, "--since: cannot read the date '" + options.since + "'", {},
                        {"write it as 2021-02-20 or 2021-02-20T06:00:00+08:00"});
        since = d->utc;
    }
    std::set<std::string> ids, links, titles;
    std::string newest_date;
    std::optional<std::int64_t> newest;
    bool lone = input_count == 1 && feeds.size() == 1;
    std::vector<std::size_t> counts;
    for (PlacedFeed& placed : feeds) {
        Feed& feed = placed.feed;
        std::optional<std::int64_t> feed_since = placed.since ? placed.since : since;
        std::size_t max_entries = placed.max_entries.value_or(options.max_entries);
        std::vector<FeedEntry> kept;
        std::size_t duplicates = 0, old = 0, limited = 0;
        for (FeedEntry& e : feed.entries) {
            std::string title_date = plain_text(e.section.title) + "\x1F" + e.section.meta.date;
            bool dup = (!e.id.empty() && ids.count(e.id)) || (!e.section.meta.url.empty() && links.count(e.section.meta.url)) ||
                       titles.count(title_date);
            if (dup) {
                ++duplicates;
                sink.note(e.section.pos, "left out a duplicate of an earlier entry: " + plain_text(e.section.title));
                continue;
            }
            if (!e.id.empty()) ids.insert(e.id);
            if (!e.section.meta.url.empty()) links.insert(e.section.meta.url);
            titles.insert(title_date);
            if (feed_since && e.time && *e.time < *feed_since) {
                ++old;
                continue;
            }
            if (feed_since && !e.time)
                sink.note(e.section.pos, "kept an entry without a readable date although --since was given");
            kept.push_back(std::move(e));
        }
        // Newest first; entries without a readable date last, in feed order.
        std::stable_sort(kept.begin(), kept.end(), [](const FeedEntry& a, const FeedEntry& b) {
            if (a.time && b.time) return *a.time > *b.time;
            return a.time.has_value() && !b.time.has_value();
        });
        if (max_entries > 0 && kept.size() > max_entries) {
            limited = kept.size() - max_entries;
            kept.resize(max_entries);
        }
        if (duplicates) sink.note(feed.pos, std::to_string(duplicates) + " duplicate entries left out", false);
        if (old)
            sink.note(feed.pos, std::to_string(old) + " entries older than " + (placed.since ? "its 'since'" : "--since") + " left out");
        if (limited)
            sink.note(feed.pos, std::to_string(limited) + " entries beyond " +
                                    (placed.max_entries ? "its 'max-entries'" : "--max-entries") + " left out");
        for (const FeedEntry& e : kept)
            if (e.time && (!newest || *e.time > *newest)) {
                newest = e.time;
                newest_date = e.section.meta.date;
            }
        feed.entries = std::move(kept);
        counts.push_back(feed.entries.size() + (lone ? 0 : 1));
    }

    if (lone) {
        PlacedFeed& placed = feeds.front();
        Feed& feed = placed.feed;
        DocumentMeta& m = doc.meta;
        if (m.title.empty()) m.title = placed.title.empty() ? feed.meta.title : placed.title;
        if (m.subtitle.empty()) m.subtitle = feed.meta.subtitle;
        if (m.language.empty()) m.language = feed.meta.language;
        if (m.date.empty()) m.date = !newest_date.empty() ? newest_date : feed.meta.date;
        if (m.authors.empty()) m.authors = feed.meta.authors;
        if (m.publisher.empty()) m.publisher = feed.meta.publisher;
        if (m.source.empty()) m.source = feed.meta.title;
        if (m.identifier.empty()) m.identifier = feed.meta.identifier;
        if (m.summary.empty()) m.summary = feed.meta.subtitle;
        // At its place: in a manifest, generated sections may come before or after it.
        std::vector<Section> entries;
        for (FeedEntry& e : feed.entries) entries.push_back(std::move(e.section));
        std::size_t at = std::min(placed.at, doc.sections.size());
        doc.sections.insert(doc.sections.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(entries.begin()),
                            std::make_move_iterator(entries.end()));
        return counts;
    }
    // A part per feed; inserted from the last so that earlier indices stay valid.
    std::stable_sort(feeds.begin(), feeds.end(), [](const PlacedFeed& a, const PlacedFeed& b) { return a.at < b.at; });
    for (auto it = feeds.rbegin(); it != feeds.rend(); ++it) {
        Feed& feed = it->feed;
        const std::string& title = it->title.empty() ? feed.meta.title : it->title;
        std::vector<Section> part;
        Section head;
        head.title.push_back(make_text(title, feed.pos));
        head.pos = feed.pos;
        head.attr.classes.push_back("part");
        head.attr.set("feed-kind", feed.kind);
        head.attr.set("entries", std::to_string(feed.entries.size()));
        if (!feed.meta.language.empty()) head.attr.set("language", feed.meta.language);
        head.meta.url = safe_link(feed.url) ? feed.url : std::string();
        head.meta.summary = feed.meta.subtitle;
        // The part's head shows its title once: the feed's title is its source only when the part is named
        // otherwise (a manifest's title for the feed).
        if (feed.meta.title != title) head.meta.source = feed.meta.title;
        head.meta.date = feed.meta.date;
        head.meta.authors = feed.meta.authors;
        part.push_back(std::move(head));
        for (FeedEntry& e : feed.entries) {
            e.section.attr.set("part", title);
            part.push_back(std::move(e.section));
        }
        std::size_t at = std::min(it->at, doc.sections.size());
        doc.sections.insert(doc.sections.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(part.begin()),
                            std::make_move_iterator(part.end()));
    }
    if (doc.meta.date.empty()) doc.meta.date = newest_date;
    if (doc.meta.language.empty()) {
        // One language for the publication when every feed declares the same.
        std::string lang;
        bool same = true;
        for (const PlacedFeed& p : feeds) {
            if (lang.empty()) lang = p.feed.meta.language;
            else if (!p.feed.meta.language.empty() && p.feed.meta.language != lang) same = false;
        }
        if (same) doc.meta.language = lang;
    }
    return counts;
}

}  // namespace docexport::readers
