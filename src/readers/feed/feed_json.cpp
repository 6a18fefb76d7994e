// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), parsed with nlohmann::json.
#include "readers/feed/feed_reader.hpp"

#include "readers/html/urls.hpp"
#include "readers/common/utf8.hpp"

#include <nlohmann/json.hpp>

namespace docexport::readers {

namespace {

using nlohmann::json;

// The deepest nesting of arrays and objects read; JSON Feed needs four levels.
constexpr int max_json_depth = 64;

SourcePos position_of(std::string_view name, std::string_view text, std::size_t byte) {
    byte = std::min(byte, text.size());
    std::uint32_t line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < byte; ++i)
        if (text[i] == '\n') {
            ++line;
            start = i + 1;
        }
    std::string_view rest = text.substr(start);
    rest = rest.substr(0, rest.find('\n'));
    return {std::string(name), line, column_of(rest, byte - start)};
}

// Throws when arrays and objects nest deeper than max_json_depth (before parsing, in one pass).
void check_depth(std::string_view name, std::string_view text) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_json_depth)
                throw Error(ErrorCode::input, "malformed JSON Feed: arrays and objects nest more than " +
                                                  std::to_string(max_json_depth) + " levels deep",
                            position_of(name, text, i), {"a JSON Feed nests a few levels; is this the right file?"});
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

// Returns the byte offset where the parser stops on text. The DOM parser's out_of_range exception (a number beyond a
// double's range, e.g. 1e400) carries no position; the SAX interface reports it to parse_error.
std::size_t error_offset(std::string_view text) {
    struct Locator : json::json_sax_t {
        std::size_t offset = 0;
        bool null() override { return true; }
        bool boolean(bool) override { return true; }
        bool number_integer(json::number_integer_t) override { return true; }
        bool number_unsigned(json::number_unsigned_t) override { return true; }
        bool number_float(json::number_float_t, const json::string_t&) override { return true; }
        bool string(json::string_t&) override { return true; }
        bool binary(json::binary_t&) override { return true; }
        bool start_object(std::size_t) override { return true; }
        bool key(json::string_t&) override { return true; }
        bool end_object() override { return true; }
        bool start_array(std::size_t) override { return true; }
        bool end_array() override { return true; }
        bool parse_error(std::size_t position, const std::string& token, const json::exception&) override {
            offset = position >= token.size() ? position - token.size() : 0;
            return false;
        }
    };
    Locator locator;
    json::sax_parse(text.begin(), text.end(), &locator);
    return locator.offset;
}

class JsonFeedReader {
public:
    JsonFeedReader(std::string_view name, const ReadOptions& options, DiagnosticSink& sink)
        : name_(name), options_(options), sink_(sink) {}

    Feed read(const json& root) {
        SourcePos at{name_, 0, 0};
        if (!root.is_object())
            throw Error(ErrorCode::input, "not a JSON Feed: the document is not an object", at,
                        {"docexport reads RSS, Atom and JSON Feed"});
        std::string version = string_of(root, "version");
        if (version.find("jsonfeed.org/version/1") == std::string::npos)
            throw Error(ErrorCode::input, "not a JSON Feed: 'version' is " + (version.empty() ? "missing" : "'" + version + "'"),
                        at, {"a JSON Feed has \"version\": \"https://jsonfeed.org/version/1.1\""});
        Feed feed;
        feed.pos = at;
        feed.kind = version.find("version/1.1") != std::string::npos ? "JSON Feed 1.1" : "JSON Feed 1.0";
        feed.meta.title = string_of(root, "title");
        feed.meta.subtitle = string_of(root, "description");
        feed.meta.language = string_of(root, "language");
        feed.url = string_of(root, "home_page_url");
        std::string feed_url = string_of(root, "feed_url");
        if (!safe_link(feed.url)) feed.url.clear();
        feed.meta.identifier = !feed_url.empty() ? feed_url : feed.url;
        feed.meta.authors = authors_of(root);
        feed.meta.source = feed.meta.title;
        auto items = root.find("items");
        if (items == root.end() || !items->is_array()) {
            sink_.warn(at, "the JSON Feed has no 'items' list", {"a JSON Feed lists its entries in \"items\": [...]"});
            return feed;
        }
        std::size_t count = 0;
        for (const json& item : *items) {
            check_entry_count(++count, options_, at);
            if (!item.is_object()) {
                sink_.warn(at, "item " + std::to_string(count) + " is not an object; it is left out");
                continue;
            }
            feed.entries.push_back(read_item(item, feed));
        }
        return feed;
    }

private:
    std::string string_of(const json& o, const char* key) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return {};
        if (it->is_string()) return it->get<std::string>();
        if (it->is_number()) return it->dump();
        sink_.warn(SourcePos{name_, 0, 0}, std::string("'") + key + "' should be a string; it is ignored");
        return {};
    }

    std::vector<std::string> authors_of(const json& o) {
        std::vector<std::string> names;
        auto add = [&](const json& a) {
            if (a.is_object()) {
                std::string n = string_of(a, "name");
                if (!n.empty()) names.push_back(n);
            }
        };
        if (auto it = o.find("authors"); it != o.end() && it->is_array())
            for (const json& a : *it) add(a);
        if (auto it = o.find("author"); names.empty() && it != o.end()) add(*it);
        return names;
    }

    FeedEntry read_item(const json& item, const Feed& feed) {
        EntryFields f;
        f.pos = SourcePos{name_, 0, 0};
        f.content_pos = f.pos;
        f.id = string_of(item, "id");
        f.title = string_of(item, "title");
        f.title_type = EntryFields::Type::text;
        f.link = string_of(item, "url");
        if (f.link.empty()) f.link = string_of(item, "external_url");
        if (!f.link.empty()) f.link = resolve_url(feed.url, f.link);
        f.published = string_of(item, "date_published");
        f.updated = string_of(item, "date_modified");
        f.authors = authors_of(item);
        if (f.authors.empty()) f.authors = feed.meta.authors;
        f.summary = string_of(item, "summary");
        f.summary_type = EntryFields::Type::text;
        f.content = string_of(item, "content_html");
        f.content_type = EntryFields::Type::html;
        if (f.content.empty()) {
            f.content = string_of(item, "content_text");
            f.content_type = EntryFields::Type::text;
        }
        if (auto it = item.find("tags"); it != item.end() && it->is_array())
            for (const json& t : *it)
                if (t.is_string()) f.categories.push_back(t.get<std::string>());
        f.language = string_of(item, "language");
        f.base_url = !f.link.empty() ? f.link : feed.url;
        return make_entry(f, feed.meta.title, sink_);
    }

    std::string name_;
    const ReadOptions& options_;
    DiagnosticSink& sink_;
};

}  // namespace

Feed read_json_feed(std::string_view name, std::string_view text, const ReadOptions& options, DiagnosticSink& sink) {
    check_depth(name, text);
    json root;
    try {
        root = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> the last part.
        if (auto k = what.find(": "); k != std::string::npos) what = what.substr(k + 2);
        throw Error(ErrorCode::input, "malformed JSON: " + what,
                    position_of(name, text, e.byte > 0 ? e.byte - 1 : 0),
                    {"the JSON is not well-formed; the feed may be truncated or damaged"});
    } catch (const json::out_of_range& e) {
        std::string what = e.what();
        // "[json.exception.out_of_range.406] number overflow parsing '1e400'" -> the part after the tag.
        if (auto k = what.find("] "); k != std::string::npos) what = what.substr(k + 2);
        throw Error(ErrorCode::input, "unreadable JSON: " + what, position_of(name, text, error_offset(text)),
                    {"numbers beyond a double's range (about 1.8e308) cannot be read; write it as a string"});
    }
    JsonFeedReader reader(name, options, sink);
    return reader.read(root);
}

}  // namespace docexport::readers
