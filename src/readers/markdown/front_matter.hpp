// YAML front matter at the top of a Markdown file: finding it, and applying its keys to a section.
#pragma once

#include "readers/markdown/markdown_inlines.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::readers {

// Where the front matter and the Markdown body are in a file's content.
struct FrontMatter {
    bool present = false;             // the content starts with a closed front matter block
    bool unclosed = false;            // the content starts with "---" and a key line but no closing line
    std::string_view yaml;            // the YAML between the delimiter lines (a view into the content)
    std::size_t body_offset = 0;      // byte offset of the Markdown body in the content
    std::uint32_t body_first_line = 1;  // 1-based line number of the body's first line in the file
};

// Returns where the front matter is: a first line "---", YAML (not starting with a blank line), then a line
// "---" or "...".
// content must already be sanitized (UTF-8, LF line ends).
FrontMatter find_front_matter(std::string_view content);

// Returns true when the front matter gave the section a title. Applies title, date, source, url, summary,
// author(s), id and extra keys (→ section.attr.values) to section; the publication's keys go to *doc_meta
// when it is given. Throws Error(input) with the file's line:col for YAML that does not parse.
bool apply_front_matter(const FrontMatter& front, const std::string& file, const InlineFinish& how, Section& section,
                        DocumentMeta* doc_meta, DiagnosticSink& sink);

// Turns yaml-cpp marks (0-based line, byte column, relative to a YAML text) into file positions.
class YamlLines {
public:
    // yaml is the YAML text; its first line is line first_line of file.
    YamlLines(std::string file, std::string_view yaml, std::uint32_t first_line);
    // Returns the file position (1-based line, code point column) of a 0-based line and byte column.
    SourcePos at(int line, int column) const;

private:
    std::string file_;
    std::string_view yaml_;
    std::uint32_t first_line_;
    std::vector<std::size_t> starts_;
};

// Returns the text of a list of strings joined for display: "、" between items when any holds CJK text, else ", ".
std::string join_list(const std::vector<std::string>& items);

}  // namespace docexport::readers
