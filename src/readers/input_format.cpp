// Input formats: names, and detection from the file name and the first bytes.
#include <docexport/options.hpp>
#include <docexport/readers.hpp>

#include "readers/feed/feed_reader.hpp"
#include "support/ascii.hpp"
#include "support/files.hpp"

namespace docexport {

InputFormat parse_input_format(const std::string& s) {
    std::string n = support::ascii_lower(s);
    if (n == "text" || n == "txt" || n == "plain") return InputFormat::text;
    if (n == "markdown" || n == "md" || n == "commonmark" || n == "gfm") return InputFormat::markdown;
    if (n == "manifest" || n == "yaml" || n == "yml") return InputFormat::manifest;
    if (n == "feed" || n == "rss" || n == "atom" || n == "jsonfeed" || n == "json-feed") return InputFormat::feed;
    throw Error(ErrorCode::usage, "unknown input format '" + s + "'", {},
                {"--from takes text, markdown, manifest or feed (rss, atom, jsonfeed)"});
}

const char* to_string(InputFormat f) {
    switch (f) {
    case InputFormat::detect: return "detect";
    case InputFormat::text: return "text";
    case InputFormat::markdown: return "markdown";
    case InputFormat::manifest: return "manifest";
    case InputFormat::feed: return "feed";
    }
    return "detect";
}

Annotations parse_annotations(const std::string& s) {
    std::string n = support::ascii_lower(s);
    if (n == "drop") return Annotations::drop;
    if (n == "ruby") return Annotations::ruby;
    if (n == "keep") return Annotations::keep;
    if (n == "zhuyin") return Annotations::zhuyin;
    throw Error(ErrorCode::usage, "unknown annotation mode '" + s + "'", {},
                {"--annotations takes drop (the default), ruby, zhuyin or keep"});
}

Quotes parse_quotes(const std::string& s) {
    std::string n = support::ascii_lower(s);
    if (n == "keep") return Quotes::keep;
    if (n == "tw") return Quotes::tw;
    throw Error(ErrorCode::usage, "unknown quotation style '" + s + "'", {},
                {"--quotes takes keep (the default: as the source has them) or tw (「」 and 『』)"});
}

InputFormat detect_format(std::string_view name, std::string_view content) {
    std::string ext = support::lower_extension(name);
    if (ext == "md" || ext == "markdown" || ext == "mdown" || ext == "mkd") return InputFormat::markdown;
    if (ext == "yaml" || ext == "yml") return InputFormat::manifest;
    if (ext == "txt" || ext == "text") return InputFormat::text;
    if (readers::has_feed_extension(name) || readers::looks_like_feed(content)) return InputFormat::feed;
    // No telling extension: look at the content.
    std::string_view head = content.substr(0, 4096);
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    if (head.substr(0, 4) == "---\n" || head.substr(0, 5) == "---\r\n") {
        // YAML front matter is Markdown; a YAML document with a contents list is a manifest.
        if (head.find("\ncontents:") != std::string_view::npos) return InputFormat::manifest;
        return InputFormat::markdown;
    }
    if (head.substr(0, 9) == "contents:" || head.find("\ncontents:") != std::string_view::npos)
        return InputFormat::manifest;
    // Markdown signs at a line start: ATX headings, fences, tables, lists with a following space.
    std::size_t signs = 0;
    std::size_t pos = 0;
    while (pos < head.size()) {
        std::size_t end = head.find('\n', pos);
        std::string_view line = head.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (line.substr(0, 2) == "# " || line.substr(0, 3) == "## " || line.substr(0, 3) == "```" ||
            line.substr(0, 2) == "| " || line.substr(0, 2) == "> " || line.substr(0, 2) == "* " ||
            line.substr(0, 2) == "- ")
            ++signs;
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return signs >= 2 ? InputFormat::markdown : InputFormat::text;
}

}  // namespace docexport
