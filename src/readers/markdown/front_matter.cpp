#include "readers/markdown/front_matter.hpp"

#include "readers/common/dates.hpp"
#include "readers/common/utf8.hpp"
#include "support/ascii.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

namespace docexport::readers {

namespace {

// Returns the line of s that starts at offset at (without its '\n') and moves at past it.
std::string_view next_line(std::string_view s, std::size_t& at) {
    std::size_t end = s.find('\n', at);
    std::string_view line = s.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? s.size() : end + 1;
    return line;
}

std::string_view trim_right_ascii(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool looks_like_key_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '-'))
        ++i;
    return i > 0 && i < line.size() && line[i] == ':';
}

bool has_cjk(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (is_cjk(next_code_point(s, i))) return true;
    return false;
}

}  // namespace

YamlLines::YamlLines(std::string file, std::string_view yaml, std::uint32_t first_line)
    : file_(std::move(file)), yaml_(yaml), first_line_(first_line) {
    starts_.push_back(0);
    for (std::size_t i = yaml_.find('\n'); i != std::string_view::npos; i = yaml_.find('\n', i + 1)) starts_.push_back(i + 1);
}

SourcePos YamlLines::at(int line, int column) const {
    if (line < 0) return SourcePos{file_, first_line_ > 1 ? first_line_ - 1 : first_line_, 0};
    auto l = std::min(static_cast<std::size_t>(line), starts_.size() - 1);
    std::size_t start = starts_[l];
    std::size_t end = l + 1 < starts_.size() ? starts_[l + 1] - 1 : yaml_.size();
    std::string_view text = yaml_.substr(start, end - start);
    auto col = std::min(static_cast<std::size_t>(std::max(column, 0)), text.size());
    return SourcePos{file_, first_line_ + static_cast<std::uint32_t>(line), column_of(text, col)};
}

std::string join_list(const std::vector<std::string>& items) {
    bool cjk = std::any_of(items.begin(), items.end(), [](const std::string& s) { return has_cjk(s); });
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += cjk ? "、" : ", ";
        out += item;
    }
    return out;
}

FrontMatter find_front_matter(std::string_view content) {
    FrontMatter fm;
    std::size_t at = 0;
    if (trim_right_ascii(next_line(content, at)) != "---" || at >= content.size()) return fm;
    std::size_t yaml_start = at;
    std::uint32_t line_no = 2;
    std::size_t probe = at;
    std::string_view first = trim_right_ascii(next_line(content, probe));
    // "---" then a blank line is a thematic break, not front matter.
    if (first.empty()) return fm;
    bool first_is_key = looks_like_key_line(first);
    while (at < content.size()) {
        std::size_t line_start = at;
        std::string_view line = trim_right_ascii(next_line(content, at));
        if (line == "---" || line == "...") {
            fm.present = true;
            fm.yaml = content.substr(yaml_start, line_start - yaml_start);
            fm.body_offset = at;
            fm.body_first_line = line_no + 1;
            return fm;
        }
        ++line_no;
    }
    fm.unclosed = first_is_key;
    return fm;
}

bool apply_front_matter(const FrontMatter& front, const std::string& file, const InlineFinish& how, Section& section,
                        DocumentMeta* doc_meta, DiagnosticSink& sink) {
    YamlLines lines(file, front.yaml, 2);
    auto where_at = [&](const YAML::Mark& m) { return lines.at(m.line, m.column); };
    YAML::Node root;
    try {
        root = YAML::Load(std::string(front.yaml));
    } catch (const YAML::ParserException& e) {
        throw Error(ErrorCode::input, "front matter is not valid YAML: " + e.msg, where_at(e.mark),
                    {"front matter is YAML between two '---' lines; quote values that contain ': ' or start with '[' or '{'"});
    } catch (const YAML::Exception& e) {
        throw Error(ErrorCode::input, "front matter cannot be read: " + e.msg, where_at(e.mark));
    }
    if (root.IsNull()) return false;
    if (!root.IsMap()) {
        sink.warn(where_at(root.Mark()), "front matter is not a map of keys; it is ignored",
                  {"write one 'key: value' per line, e.g. title: 北京先導區"});
        return false;
    }

    // Returns the value as one string, or nullopt (with a warning) when it is a map or a nested list.
    auto scalar = [&](const std::string& key, const YAML::Node& value) -> std::optional<std::string> {
        if (value.IsNull()) return std::string();
        if (value.IsScalar()) return value.Scalar();
        sink.warn(where_at(value.Mark()), "front matter key '" + key + "' holds a " +
                                              (value.IsMap() ? "map" : "list") + "; it is ignored",
                  {"give '" + key + "' a single value"});
        return std::nullopt;
    };
    // Returns the items of a string or a list of strings.
    auto list = [&](const std::string& key, const YAML::Node& value) -> std::optional<std::vector<std::string>> {
        std::vector<std::string> items;
        if (value.IsSequence()) {
            for (const YAML::Node& item : value) {
                if (!item.IsScalar()) {
                    sink.warn(where_at(item.Mark()), "an item of front matter key '" + key + "' is not a single value; it is ignored",
                              {"write a list of strings, e.g. [a, b]"});
                    continue;
                }
                if (!item.Scalar().empty()) items.push_back(item.Scalar());
            }
            return items;
        }
        auto one = scalar(key, value);
        if (!one) return std::nullopt;
        if (!one->empty()) items.push_back(*one);
        return items;
    };

    bool titled = false;
    for (const auto& kv : root) {
        const YAML::Node& key_node = kv.first;
        const YAML::Node& value = kv.second;
        if (!key_node.IsScalar()) {
            sink.warn(where_at(key_node.Mark()), "front matter key is not a string; it is ignored");
            continue;
        }
        const std::string& key = key_node.Scalar();
        std::string name = support::ascii_lower(key);
        if (name == "author" || name == "authors") {
            auto authors = list(key, value);
            if (!authors) continue;
            section.meta.authors = *authors;
            if (doc_meta) doc_meta->authors = *authors;
            continue;
        }
        if (value.IsSequence() && name != "title" && name != "date" && name != "id") {
            // Any other list (e.g. focus areas) is kept as one display string.
            if (name == "language" || name == "lang" || name == "subtitle" || name == "publisher" ||
                name == "identifier" || name == "source" || name == "url" || name == "summary") {
                scalar(key, value);  // warns
                continue;
            }
            auto items = list(key, value);
            if (items && !items->empty()) section.attr.set(key, join_list(*items));
            continue;
        }
        auto text = scalar(key, value);
        if (!text) continue;
        std::string v = std::string(trim(*text));
        if (v.empty()) continue;
        SourcePos pos = where_at(value.Mark());
        if (name == "title") {
            section.title = text_inlines(v, pos, how);
            section.pos = pos;
            titled = true;
            if (doc_meta) doc_meta->title = plain_text(section.title);
        } else if (name == "date") {
            auto date = normalize_date(v);
            if (!date) {
                sink.warn(pos, "date '" + v + "' is not in a known form; it is kept as written",
                          {"write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2021-02-20"});
            }
            section.meta.date = date ? *date : v;
            if (doc_meta) doc_meta->date = section.meta.date;
        } else if (name == "source") {
            section.meta.source = v;
            if (doc_meta) doc_meta->source = v;
        } else if (name == "url") {
            section.meta.url = v;
        } else if (name == "summary") {
            section.meta.summary = v;
            if (doc_meta) doc_meta->summary = v;
        } else if (name == "id") {
            section.attr.id = v;
        } else if (name == "language" || name == "lang" || name == "subtitle" || name == "publisher" ||
                   name == "identifier") {
            if (!doc_meta) {
                sink.note(pos, "front matter key '" + key + "' describes the publication; in a manifest input it is ignored");
                continue;
            }
            if (name == "subtitle") doc_meta->subtitle = v;
            else if (name == "publisher") doc_meta->publisher = v;
            else if (name == "identifier") doc_meta->identifier = v;
            else doc_meta->language = v;
        } else {
            section.attr.set(key, v);
        }
    }
    return titled;
}

}  // namespace docexport::readers
