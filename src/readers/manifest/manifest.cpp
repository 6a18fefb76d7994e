// The manifest reader: a YAML file naming a publication's metadata, its inputs in order and generated
// overview tables (docs/manifest.md describes version 1).
#include "readers/common/charset.hpp"
#include "readers/common/dates.hpp"
#include "readers/feed/feed_dates.hpp"
#include "readers/feed/feed_reader.hpp"
#include "readers/markdown/front_matter.hpp"
#include "readers/inputs.hpp"
#include "readers/common/quotes.hpp"
#include "readers/markdown/markdown_inlines.hpp"
#include "readers/common/utf8.hpp"
#include "support/pdf_standard.hpp"
#include "support/wording.hpp"

#include <docexport/readers.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <set>
#include <type_traits>

namespace docexport {

namespace readers {
namespace {

namespace fs = std::filesystem;

const char* kind_of(const YAML::Node& n) {
    if (n.IsMap()) return "a map";
    if (n.IsSequence()) return "a list";
    if (n.IsNull()) return "empty";
    return "a single value";
}

// One column of an overview table.
struct Column {
    std::string key;
    std::string label;
    SourcePos pos;
};

// An overview waiting for every input to be read.
struct Overview {
    std::size_t section = 0;  // index of its section in the document
    std::string select;       // attr key a section must have to be a row; empty = every input section
    std::vector<Column> columns;
    SourcePos pos;
};

class ManifestReader {
public:
    ManifestReader(const std::string& path, std::string text, const ReadOptions& options, DiagnosticSink& sink)
        : path_(path), text_(std::move(text)), lines_(path, text_, 1), options_(options), sink_(sink) {
        dir_ = fs::path(path).parent_path();
    }

    Document read() {
        YAML::Node root;
        try {
            root = YAML::Load(text_);
        } catch (const YAML::ParserException& e) {
            throw Error(ErrorCode::input, "manifest is not valid YAML: " + e.msg, at(e.mark),
                        {"check the indentation and quote values that contain ': ' or start with '[' or '{'"});
        } catch (const YAML::Exception& e) {
            throw Error(ErrorCode::input, "manifest cannot be read: " + e.msg, at(e.mark));
        }
        if (!root.IsMap())
            throw Error(ErrorCode::input, "a manifest is a map of keys, not " + std::string(kind_of(root)),
                        at(root.Mark()), {"start with e.g. 'title: …' and 'contents:' (see docs/manifest.md)"});
        check_keys(root, {"version", "title", "subtitle", "language", "date", "authors", "author", "publisher",
                          "source", "identifier", "summary", "cover", "style", "output", "options", "contents"},
                   "manifest");

        if (YAML::Node v = root["version"]) {
            std::string version = scalar(v, "version");
            if (version != "1")
                throw Error(ErrorCode::input, "manifest version " + version + " is not supported", at(v.Mark()),
                            {"this docexport reads version 1 manifests"});
        }
        read_options(root["options"]);
        finish_.cjk_punctuation = options_.cjk_punctuation;

        Document doc;
        read_meta(root, doc.meta);
        if (YAML::Node v = root["style"]) {
            doc.style = scalar(v, "style");
            doc.style_pos = at(v.Mark());
        }
        if (YAML::Node out = root["output"]) {
            require_map(out, "output");
            check_keys(out, {"pdf", "epub", "pdf-standard"}, "output");
            if (YAML::Node v = out["pdf"]) doc.output_pdf = scalar(v, "output.pdf");
            if (YAML::Node v = out["pdf-standard"]) {
                doc.pdf_standard = scalar(v, "output.pdf-standard");
                doc.pdf_standard_pos = at(v.Mark());
                if (!support::is_pdf_standard(doc.pdf_standard))
                    throw Error(ErrorCode::input, "unknown PDF standard '" + doc.pdf_standard + "'", doc.pdf_standard_pos,
                                {"'pdf-standard' takes " + std::string(support::pdf_standards)});
            }
            if (YAML::Node v = out["epub"]) doc.output_epub = scalar(v, "output.epub");
        }

        YAML::Node contents = root["contents"];
        if (!contents || contents.IsNull())
            throw Error(ErrorCode::input, "manifest has no contents", SourcePos{path_, 0, 0},
                        {"list the inputs in order under 'contents:', e.g.\n  contents:\n    - zones/beijing.md"});
        if (!contents.IsSequence())
            throw Error(ErrorCode::input, "'contents' must be a list, not " + std::string(kind_of(contents)),
                        at(contents.Mark()), {"write one '- path' line per input"});
        if (contents.size() == 0)
            throw Error(ErrorCode::input, "manifest contents is empty", at(contents.Mark()),
                        {"list at least one input under 'contents:'"});

        std::vector<Overview> overviews;
        std::vector<bool> generated;  // per section of doc: made by the manifest (an overview), never a row
        std::vector<PlacedFeed> feeds;  // put in place after all entries are read, as on the command line
        std::size_t input_count = 0;
        // Progress counts the inputs and feeds listed (overviews are made after them and quickly).
        std::size_t input_total = 0;
        for (const YAML::Node& entry : contents)
            if (entry.IsScalar() || (entry.IsMap() && (entry["input"] || entry["feed"]))) ++input_total;
        auto report = [&](std::size_t done) {
            if (options_.progress) options_.progress(Progress{ProgressStage::reading, done, input_total});
        };
        std::size_t packed = 0;   // sections before this are packed (options.compact)
        for (const YAML::Node& entry : contents) {
            report(input_count);
            if (options_.compact) packed = pack_sections(doc.sections, packed, pack_batch);
            SourcePos pos = at(entry.Mark());
            if (entry.IsScalar()) {
                ++input_count;
                std::string given = std::string(trim(entry.Scalar()));
                std::string path = existing_path(entry, pos, has_feed_extension(given) ? "feed" : "input");
                if (is_feed_file(path)) {
                    feeds.push_back(read_feed_at(path, pos, doc.sections.size()));
                } else {
                    doc.sections.push_back(read_input(path, pos, InputFormat::detect, nullptr));
                    generated.push_back(false);
                }
                continue;
            }
            if (!entry.IsMap())
                throw Error(ErrorCode::input, "a contents entry must be a path or a map, not " + std::string(kind_of(entry)),
                            pos, {"write '- path/to/file.md', '- input: path', '- feed: path' or '- overview: …'"});
            if (entry["feed"]) {
                ++input_count;
                feeds.push_back(read_feed_entry(entry, pos, doc.sections.size()));
            } else if (entry["input"]) {
                ++input_count;
                check_keys(entry, {"input", "from", "title", "encoding"}, "contents entry");
                InputFormat format = InputFormat::detect;
                if (YAML::Node from = entry["from"]) {
                    std::string name = scalar(from, "from");
                    try {
                        format = parse_input_format(name);
                    } catch (const Error&) {
                        throw Error(ErrorCode::input, "unknown input format '" + name + "'", at(from.Mark()),
                                    {"'from' takes text, markdown or feed"});
                    }
                    if (format == InputFormat::manifest)
                        throw Error(ErrorCode::input, "a manifest cannot be an input of a manifest", at(from.Mark()),
                                    {"list its inputs in this manifest instead"});
                }
                YAML::Node title = entry["title"];
                std::string encoding = entry_encoding(entry["encoding"]);
                std::string path = existing_path(entry["input"], pos, "input");
                if (format == InputFormat::feed || (format == InputFormat::detect && is_feed_file(path))) {
                    if (!encoding.empty())
                        sink_.warn(at(entry["encoding"].Mark()), "'encoding' is ignored for a feed",
                                   {"a feed's encoding comes from its BOM, its XML declaration or its bytes"});
                    PlacedFeed placed = read_feed_at(path, at(entry["input"].Mark()), doc.sections.size());
                    if (title) placed.title = std::string(trim(scalar(title, "title")));
                    feeds.push_back(std::move(placed));
                } else {
                    doc.sections.push_back(
                        read_input(path, at(entry["input"].Mark()), format, title ? &title : nullptr, encoding));
                    generated.push_back(false);
                }
            } else if (entry["overview"]) {
                check_keys(entry, {"overview"}, "contents entry");
                overviews.push_back(read_overview(entry["overview"], pos, doc));
                generated.push_back(true);
            } else {
                std::string first = entry.begin()->first.IsScalar() ? entry.begin()->first.Scalar() : std::string();
                std::vector<std::string> hints = support::unknown_key_hints(first, {"input", "feed", "overview"});
                hints.insert(hints.begin(), "an entry is '- path', '- input: path', '- feed: path' or '- overview: …'");
                throw Error(ErrorCode::input, "a contents entry needs 'input', 'feed' or 'overview'", pos, hints);
            }
        }
        report(input_total);
        if (options_.compact) pack_sections(doc.sections, packed);
        if (!feeds.empty()) place_feeds(std::move(feeds), input_count, doc, generated, overviews);
        for (const Overview& o : overviews) fill_overview(o, doc, generated);
        readers::normalize_quotes(doc, options_.quotes);
        return doc;
    }

private:
    std::string path_;
    std::string text_;
    YamlLines lines_;
    ReadOptions options_;
    DiagnosticSink& sink_;
    fs::path dir_;
    InlineFinish finish_;

    SourcePos at(const YAML::Mark& mark) const { return lines_.at(mark.line, mark.column); }

    // Warns about keys of map that are not in known (and about keys given twice).
    void check_keys(const YAML::Node& map, const std::vector<std::string_view>& known, const std::string& where) {
        std::set<std::string> seen;
        for (const auto& kv : map) {
            if (!kv.first.IsScalar()) {
                sink_.warn(at(kv.first.Mark()), "a key of the " + where + " is not a string; it is ignored");
                continue;
            }
            const std::string& key = kv.first.Scalar();
            if (!seen.insert(key).second)
                sink_.warn(at(kv.first.Mark()), "key '" + key + "' is given twice; the first one is used",
                           {"remove one of them"});
            if (std::find(known.begin(), known.end(), key) == known.end())
                sink_.warn(at(kv.first.Mark()), "unknown key '" + key + "' in the " + where + "; it is ignored",
                           support::unknown_key_hints(key, known));
        }
    }

    // Returns the value of a key that must be one string; throws Error(input) for a list or a map.
    std::string scalar(const YAML::Node& n, const std::string& what) const {
        if (n.IsNull()) return {};
        if (!n.IsScalar())
            throw Error(ErrorCode::input, "'" + what + "' must be a single value, not " + kind_of(n), at(n.Mark()),
                        {"write '" + what + ": value' on one line"});
        return n.Scalar();
    }

    void require_map(const YAML::Node& n, const std::string& what) const {
        if (!n.IsMap())
            throw Error(ErrorCode::input, "'" + what + "' must be a map of keys, not " + kind_of(n), at(n.Mark()),
                        {"indent its keys under '" + what + ":' (see docs/manifest.md)"});
    }

    std::vector<std::string> strings(const YAML::Node& n, const std::string& what) const {
        std::vector<std::string> out;
        if (n.IsSequence()) {
            for (const YAML::Node& item : n) {
                std::string s = scalar(item, what);
                if (!s.empty()) out.push_back(s);
            }
        } else if (std::string s = scalar(n, what); !s.empty()) {
            out.push_back(s);
        }
        return out;
    }

    // Returns a path of the manifest relative to the manifest's directory, as used in messages and positions.
    std::string resolve(const std::string& given) const {
        fs::path p(given);
        if (p.is_absolute() || dir_.empty()) return p.lexically_normal().generic_string();
        return (dir_ / p).lexically_normal().generic_string();
    }

    void read_options(const YAML::Node& opts) {
        if (!opts) return;
        require_map(opts, "options");
        check_keys(opts,
                   {"annotations", "cjk-punctuation", "site-rules", "keep-chrome", "strict", "max-entries", "since", "lenient",
                    "quotes"},
                   "options");
        // Values here are defaults: an option the caller gave, or changed from its default, wins.
        const ReadOptions defaults;
        // A named choice: parsed as the command line does, an unknown name an error at its place.
        auto choice = [&](const char* key, auto ReadOptions::*field, bool given, auto parse, const char* what,
                          const char* values) {
            YAML::Node v = opts[key];
            if (!v) return;
            std::string name = scalar(v, key);
            std::remove_cvref_t<decltype(options_.*field)> value{};
            try {
                value = parse(name);
            } catch (const Error&) {
                throw Error(ErrorCode::input, std::string("unknown ") + what + " '" + name + "'", at(v.Mark()),
                            {std::string("'") + key + "' takes " + values});
            }
            if (!given && options_.*field == defaults.*field) options_.*field = value;
        };
        choice("annotations", &ReadOptions::annotations, options_.given.annotations, parse_annotations, "annotation mode",
               "drop, ruby, zhuyin or keep");
        choice("quotes", &ReadOptions::quotes, options_.given.quotes, parse_quotes, "quotation style", "keep or tw");
        // A true/false option: the manifest's value unless the caller gave or changed it.
        auto flag = [&](const char* key, bool ReadOptions::*field, bool given) {
            YAML::Node v = opts[key];
            if (!v) return;
            bool on = false;
            if (!v.IsScalar() || !YAML::convert<bool>::decode(v, on))
                throw Error(ErrorCode::input, std::string("'") + key + "' must be true or false", at(v.Mark()));
            if (!given && options_.*field == defaults.*field) options_.*field = on;
        };
        flag("cjk-punctuation", &ReadOptions::cjk_punctuation, options_.given.cjk_punctuation);
        flag("keep-chrome", &ReadOptions::keep_chrome, options_.given.keep_chrome);
        flag("strict", &ReadOptions::strict, options_.given.strict);
        flag("lenient", &ReadOptions::lenient, options_.given.lenient);
        if (YAML::Node v = opts["site-rules"]) {
            std::string rules = scalar(v, "site-rules");
            if (!rules.empty() && !options_.given.site_rules && options_.site_rules.empty()) options_.site_rules = resolve(rules);
        }
        if (YAML::Node v = opts["max-entries"]) {
            std::size_t n = entry_count(v);
            if (!options_.given.max_entries && options_.max_entries == defaults.max_entries) options_.max_entries = n;
        }
        if (YAML::Node v = opts["since"]) {
            since_date(v);
            if (!options_.given.since && options_.since.empty()) options_.since = std::string(trim(v.Scalar()));
        }
    }

    // Returns the value of a 'max-entries' key; throws Error(input) unless it is a whole number.
    std::size_t entry_count(const YAML::Node& v) const {
        std::string text = std::string(trim(scalar(v, "max-entries")));
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        bool digits = !text.empty() && end == text.data() + text.size();
        if (digits && ec == std::errc::result_out_of_range)
            throw Error(ErrorCode::input, "'max-entries' " + text + " is too large", at(v.Mark()),
                        {"0 keeps every entry of a feed"});
        if (!digits || ec != std::errc())
            throw Error(ErrorCode::input, "'max-entries' must be a whole number, not '" + text + "'", at(v.Mark()),
                        {"e.g. 'max-entries: 20' keeps the newest 20 entries of a feed; 0 keeps them all"});
        return n;
    }

    // Returns the instant of a 'since' date (seconds since 1970 UTC); throws Error(input) when it cannot be read.
    std::int64_t since_date(const YAML::Node& v) const {
        std::string text = std::string(trim(scalar(v, "since")));
        auto d = parse_feed_date(text);
        if (!d)
            throw Error(ErrorCode::input, text.empty() ? "'since' has no date" : "cannot read the date '" + text + "' of 'since'",
                        at(v.Mark()), {"write it as 2021-02-20 or 2021-02-20T06:00:00+08:00; entries dated before it are left out"});
        return d->utc;
    }

    void read_meta(const YAML::Node& root, DocumentMeta& meta) {
        auto text = [&](const char* key, std::string& out) {
            if (YAML::Node v = root[key]) out = std::string(trim(scalar(v, key)));
        };
        text("title", meta.title);
        text("subtitle", meta.subtitle);
        text("language", meta.language);
        text("publisher", meta.publisher);
        text("source", meta.source);
        text("identifier", meta.identifier);
        text("summary", meta.summary);
        if (YAML::Node v = root["date"]) {
            std::string date = std::string(trim(scalar(v, "date")));
            auto normal = normalize_date(date);
            if (!normal && !date.empty())
                sink_.warn(at(v.Mark()), "date '" + date + "' is not in a known form; it is kept as written",
                           {"write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2021-02-20"});
            meta.date = normal ? *normal : date;
        }
        for (const char* key : {"authors", "author"})
            if (YAML::Node v = root[key]) meta.authors = strings(v, key);
        if (YAML::Node v = root["cover"]) {
            std::string cover = scalar(v, "cover");
            if (!cover.empty()) {
                meta.cover = resolve(cover);
                if (!fs::exists(meta.cover))
                    sink_.warn(at(v.Mark()), "cover image '" + meta.cover + "' does not exist",
                               {"paths in a manifest are relative to its directory"});
            }
        }
    }

    // Returns the path an entry names (what: "input" or "feed"), resolved; throws Error(input) when it names
    // nothing, a URL or a file that does not exist.
    std::string existing_path(const YAML::Node& input, const SourcePos& pos, const std::string& what) const {
        std::string given = std::string(trim(scalar(input, what)));
        if (given.empty())
            throw Error(ErrorCode::input, "a contents entry names no " + what, pos,
                        {what == "feed" ? "give the path of a saved .rss, .atom or .json feed"
                                        : "give the path of a .txt or .md file"});
        if (given.find("://") != std::string::npos)
            throw Error(ErrorCode::input, what + " '" + given + "' is a URL; docexport reads saved files only", at(input.Mark()),
                        {"download it first, e.g. curl -o tech.rss URL, and name the file"});
        std::string path = resolve(given);
        std::error_code ec;
        if (!fs::exists(path, ec))
            throw Error(ErrorCode::input, what + " '" + given + "' does not exist", at(input.Mark()),
                        {"paths in a manifest are relative to its directory; looked for " + path});
        return path;
    }

    // Returns the value of an entry's 'encoding' key ("" = absent: as on the command line); throws Error(input)
    // for a name that ICU does not know.
    std::string entry_encoding(const YAML::Node& v) const {
        if (!v) return {};
        std::string name = std::string(trim(scalar(v, "encoding")));
        if (name.empty() || converter_name(name).empty())
            throw Error(ErrorCode::input, name.empty() ? std::string("'encoding' names no encoding")
                                                       : "unknown encoding '" + name + "'",
                        at(v.Mark()), {"'encoding' takes an encoding name; " + encoding_names_hint()});
        return name;
    }

    // Returns read() for the file at path, which the manifest names at listed. An error about the whole file
    // (unreadable, empty, binary, an encoding that cannot be told: it has no line) moves to the manifest's line,
    // whose message names the file; an error inside the file keeps its place and gains a hint naming that line.
    template <typename Read>
    static auto read_listed(const std::string& path, const SourcePos& listed, Read&& read) -> decltype(read()) {
        try {
            return read();
        } catch (const Error& e) {
            if (e.pos().file != path) throw;
            std::vector<std::string> hints = e.hints();
            if (e.pos().line == 0) throw Error(e.code(), "'" + path + "': " + e.what(), listed, std::move(hints));
            hints.push_back("the manifest lists it at " + to_string(listed));
            throw Error(e.code(), e.what(), e.pos(), std::move(hints));
        }
    }

    // Returns the section of a text or Markdown input that the manifest names at listed; encoding forces its
    // encoding ("" = the caller's).
    Section read_input(const std::string& path, const SourcePos& listed, InputFormat format, const YAML::Node* title,
                       const std::string& encoding = {}) {
        ReadOptions options = options_;
        if (!encoding.empty()) options.encoding = encoding;
        options.from = InputFormat::detect;
        options.progress = nullptr;
        Section section =
            read_listed(path, listed, [&] { return read_section_file(path, format, options, sink_, nullptr); });
        if (title) {
            std::string t = std::string(trim(scalar(*title, "title")));
            if (!t.empty()) section.title = text_inlines(t, at(title->Mark()), finish_);
        }
        return section;
    }

    // Returns the feed at path, which the manifest names at listed, to be put before section index at; its
    // diagnostics carry the feed's positions. lenient, when given, replaces the read options' for this feed.
    PlacedFeed read_feed_at(const std::string& path, const SourcePos& listed, std::size_t index,
                            std::optional<bool> lenient = std::nullopt) {
        ReadOptions options = options_;
        options.progress = nullptr;
        if (lenient) options.lenient = *lenient;
        PlacedFeed placed;
        placed.at = index;
        placed.feed = read_listed(path, listed, [&] { return read_feed(path, read_feed_file(path, options), options, sink_); });
        return placed;
    }

    // Returns the feed a '- feed: path' entry names, with its own title, max-entries, since and lenient. Unlike other
    // entries, an unknown key is an error: a misspelt filter would silently export every entry.
    PlacedFeed read_feed_entry(const YAML::Node& entry, const SourcePos& pos, std::size_t index) {
        const std::vector<std::string_view> known = {"feed", "title", "max-entries", "since", "lenient"};
        for (const auto& kv : entry) {
            std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
            if (std::find(known.begin(), known.end(), key) != known.end()) continue;
            std::vector<std::string> hints = support::unknown_key_hints(key, known);
            throw Error(ErrorCode::input, key.empty() ? std::string("a key of a feed entry is not a string")
                                                      : "unknown key '" + key + "' in a feed entry",
                        at(kv.first.Mark()), hints);
        }
        check_keys(entry, known, "feed entry");  // keys given twice
        // The settings first, so that a mistake in them is reported before the feed is read.
        std::string title;
        if (YAML::Node v = entry["title"]) title = std::string(trim(scalar(v, "title")));
        std::optional<std::size_t> max_entries;
        if (YAML::Node v = entry["max-entries"]) max_entries = entry_count(v);
        std::optional<std::int64_t> since;
        if (YAML::Node v = entry["since"]) since = since_date(v);
        std::optional<bool> lenient;
        if (YAML::Node v = entry["lenient"]) {
            bool on = false;
            if (!v.IsScalar() || !YAML::convert<bool>::decode(v, on))
                throw Error(ErrorCode::input, "'lenient' must be true or false", at(v.Mark()));
            lenient = on;
        }
        PlacedFeed placed =
            read_feed_at(existing_path(entry["feed"], pos, "feed"), at(entry["feed"].Mark()), index, lenient);
        placed.title = std::move(title);
        placed.max_entries = max_entries;
        placed.since = since;
        return placed;
    }

    // Puts the feeds' sections into doc (as read_inputs does for the command line) and moves the overviews
    // and the generated flags along with the sections inserted before them.
    void place_feeds(std::vector<PlacedFeed> feeds, std::size_t input_count, Document& doc, std::vector<bool>& generated,
                     std::vector<Overview>& overviews) {
        std::vector<std::size_t> places;
        for (const PlacedFeed& f : feeds) places.push_back(f.at);  // in order: sections are only appended
        std::vector<std::size_t> counts = insert_feeds(doc, std::move(feeds), input_count, options_, sink_);
        std::vector<bool> moved;
        std::size_t k = 0;
        for (std::size_t i = 0; i <= generated.size(); ++i) {
            for (; k < places.size() && places[k] == i; ++k) moved.insert(moved.end(), counts[k], false);
            if (i < generated.size()) moved.push_back(generated[i]);
        }
        for (Overview& o : overviews) {
            std::size_t shift = 0;
            for (std::size_t f = 0; f < places.size(); ++f)
                if (places[f] <= o.section) shift += counts[f];
            o.section += shift;
        }
        generated = std::move(moved);
    }

    Overview read_overview(const YAML::Node& node, const SourcePos& pos, Document& doc) {
        require_map(node, "overview");
        check_keys(node, {"title", "intro", "select", "columns"}, "overview");
        Overview o;
        o.pos = pos;
        o.section = doc.sections.size();
        Section section;
        section.pos = pos;
        section.attr.classes.push_back("overview");
        if (YAML::Node v = node["title"]) {
            std::string t = std::string(trim(scalar(v, "title")));
            if (!t.empty()) section.title = text_inlines(t, at(v.Mark()), finish_);
        }
        if (YAML::Node v = node["intro"]) {
            std::string intro = std::string(trim(scalar(v, "intro")));
            if (!intro.empty()) {
                Block p;
                p.kind = BlockKind::paragraph;
                p.pos = at(v.Mark());
                p.inlines = text_inlines(intro, p.pos, finish_);
                section.blocks.push_back(std::move(p));
            }
        }
        if (YAML::Node v = node["select"]) o.select = std::string(trim(scalar(v, "select")));
        YAML::Node columns = node["columns"];
        if (!columns || !columns.IsSequence() || columns.size() == 0)
            throw Error(ErrorCode::input, "an overview needs a list of 'columns'", columns ? at(columns.Mark()) : pos,
                        {"e.g. columns: [{key: title, label: 標題}, {key: zone, label: 先導區}]"});
        for (const YAML::Node& c : columns) {
            Column col;
            col.pos = at(c.Mark());
            if (c.IsScalar()) {
                col.key = c.Scalar();
            } else if (c.IsMap()) {
                check_keys(c, {"key", "label"}, "column");
                if (YAML::Node k = c["key"]) col.key = std::string(trim(scalar(k, "key")));
                if (YAML::Node l = c["label"]) col.label = std::string(trim(scalar(l, "label")));
            } else {
                throw Error(ErrorCode::input, "a column must be a key or {key: …, label: …}", col.pos);
            }
            if (col.key.empty())
                throw Error(ErrorCode::input, "a column has no 'key'", col.pos,
                            {"name the metadata it shows: title, date, source, url or a front matter key"});
            if (col.label.empty()) col.label = col.key;
            o.columns.push_back(std::move(col));
        }
        doc.sections.push_back(std::move(section));
        return o;
    }

    // Returns the value a column shows for a section (inlines, since a title may hold ruby), empty when missing.
    static Inlines cell_value(const Section& s, const std::string& key) {
        std::string text;
        if (key == "title") return s.title;
        if (key == "date") text = s.meta.date;
        else if (key == "source") text = s.meta.source;
        else if (key == "url") text = s.meta.url;
        else if (key == "summary") text = s.meta.summary;
        else if (key == "authors" || key == "author") text = join_list(s.meta.authors);
        else if (key == "id") text = s.attr.id;
        else if (const std::string* v = s.attr.find(key)) text = *v;
        Inlines out;
        if (!text.empty()) out.push_back(make_text(std::move(text), s.pos));
        return out;
    }

    void fill_overview(const Overview& o, Document& doc, const std::vector<bool>& generated) {
        Table table;
        table.aligns.assign(o.columns.size(), Align::none);
        for (const Column& c : o.columns) table.header.push_back(TableCell{text_inlines(c.label, c.pos, finish_), c.pos});
        for (std::size_t i = 0; i < doc.sections.size(); ++i) {
            if (generated[i]) continue;
            const Section& s = doc.sections[i];
            if (!o.select.empty() && cell_value(s, o.select).empty()) continue;
            std::vector<TableCell> row;
            for (const Column& c : o.columns) {
                Inlines value = cell_value(s, c.key);
                if (value.empty()) value.push_back(make_text("—", s.pos));
                row.push_back(TableCell{std::move(value), s.pos});
            }
            table.rows.push_back(std::move(row));
        }
        if (table.rows.empty())
            sink_.warn(o.pos, o.select.empty() ? "overview has no rows" : "overview selects no sections: none has '" + o.select + "'",
                       {"give the inputs '" + (o.select.empty() ? std::string("key") : o.select) + ": …' in their front matter"});
        Block b;
        b.kind = BlockKind::table;
        b.pos = o.pos;
        b.table = std::move(table);
        doc.sections[o.section].blocks.push_back(std::move(b));
    }
};

}  // namespace
}  // namespace readers

Document read_manifest(const std::string& path, const ReadOptions& options, DiagnosticSink& sink) {
    std::string bytes = readers::read_input_file(path, options.max_input_bytes);
    std::string text = readers::sanitize_utf8(path, bytes, sink);
    readers::ManifestReader reader(path, std::move(text), options, sink);
    return reader.read();
}

}  // namespace docexport
