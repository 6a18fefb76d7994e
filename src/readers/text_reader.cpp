// The plain-text article reader: a news article scraped from a web page, with site chrome above and below.
// Steps: sanitize → split lines → classify chrome → find the dateline and the title → cut the body where the
// footer starts → group lines into paragraphs → repair `字(pinyin)` artifacts and punctuation per paragraph.
#include "cjk_text.hpp"
#include "pinyin_annotations.hpp"
#include "site_chrome.hpp"
#include "text_dateline.hpp"
#include "utf8.hpp"

#include <docexport/readers.hpp>

#include <algorithm>
#include <optional>

namespace docexport {
namespace readers {

namespace {

// The dateline and the title are looked for near the top of the page only, which keeps a huge input linear.
constexpr std::size_t dateline_search_lines = 200;
// How many non-chrome lines above the dateline may be skipped to reach a line that reads as a title.
constexpr std::size_t title_search_lines = 3;
constexpr std::size_t max_title_length = 80;
// Lines longer than this (in code points, artifacts included) are never looked at by the chrome rules.
constexpr std::size_t long_line_length = 4000;
// Warnings about lines dropped for their place are capped per input; notes are not.
constexpr std::size_t max_position_warnings = 20;

struct Line {
    std::string_view raw;       // the whole line, without its '\n'
    std::string_view content;   // raw without leading and trailing white space
    std::uint32_t number = 0;   // 1-based
    std::uint32_t col = 0;      // column of content's first character
    std::size_t indent = 0;     // leading white space, in code points
    std::string clean;          // content without `字(pinyin)` artifacts, what the rules look at
    std::size_t length = 0;     // code points of clean
    ChromeMatch chrome;
    bool blank() const { return content.empty(); }
};

std::vector<Line> split_lines(std::string_view text, const SiteRules& rules) {
    std::vector<Line> lines;
    std::size_t start = 0;
    std::uint32_t number = 1;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        Line line;
        line.raw = text.substr(start, end - start);
        line.content = trim(line.raw);
        line.number = number++;
        if (!line.content.empty()) {
            auto offset = static_cast<std::size_t>(line.content.data() - line.raw.data());
            line.col = column_of(line.raw, offset);
            line.indent = line.col - 1;
            // Very long lines are article text (never chrome, title or dateline): skip the rules for them.
            std::size_t raw_length = count_code_points(line.content);
            if (raw_length > long_line_length) {
                line.length = raw_length;
            } else {
                line.clean = strip_pinyin_annotations(line.content);
                line.length = count_code_points(line.clean);
                line.chrome = classify_line(line.clean, rules);
            }
        }
        lines.push_back(std::move(line));
        if (end == text.size()) break;
        start = end + 1;
    }
    // A final '\n' does not start another line.
    if (!lines.empty() && lines.back().raw.empty() && lines.size() > 1 && text.ends_with('\n')) lines.pop_back();
    return lines;
}

// Returns line shortened to about 40 code points for a message.
std::string excerpt(std::string_view line) {
    constexpr std::size_t max = 40;
    std::size_t i = 0, n = 0;
    while (i < line.size() && n < max) {
        next_code_point(line, i);
        ++n;
    }
    std::string out(line.substr(0, i));
    if (i < line.size()) out += "…";
    return out;
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> ends) {
    for (std::string_view e : ends)
        if (s.ends_with(e)) return true;
    return false;
}

// Returns true when a line reads as a heading: short, not a sentence, with letters in it.
bool reads_as_title(const Line& line, bool allow_question) {
    if (line.blank() || line.length > max_title_length) return false;
    std::string_view s = line.clean;
    if (ends_with_any(s, {"。", ".", "．", "，", ",", "、", "；", ";", "：", ":", "…"})) return false;
    if (!allow_question && ends_with_any(s, {"！", "？", "!", "?"})) return false;
    if (s.find("。") != std::string_view::npos) return false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (is_han(c) || is_alnum_latin(c)) return true;
    }
    return false;
}

// Collects what the reader drops and reports it: chrome as verbose notes, other lines as warnings.
class DropReporter {
public:
    DropReporter(std::string file, DiagnosticSink& sink) : file_(std::move(file)), sink_(sink) {}

    // Reports a dropped line: a note when it is chrome, else a warning saying why it was dropped.
    void drop(const Line& line, std::string_view why_not_chrome, std::vector<std::string> hints) {
        if (line.blank()) return;
        SourcePos pos{file_, line.number, line.col};
        if (line.chrome) {
            sink_.note(pos, "dropped site chrome (" + line.chrome.rule + "): " + excerpt(line.clean), true);
            return;
        }
        if (warned_++ < max_position_warnings) {
            sink_.warn(pos, std::string(why_not_chrome) + ": " + excerpt(line.clean), std::move(hints));
        } else {
            sink_.note(pos, std::string(why_not_chrome) + ": " + excerpt(line.clean), true);
        }
    }

    // Reports how many warnings were turned into notes by the cap.
    void finish() {
        if (warned_ > max_position_warnings)
            sink_.warn(SourcePos{file_, 0, 0},
                       std::to_string(warned_ - max_position_warnings) + " more lines dropped for their place",
                       {"run with --verbose to see each of them"});
    }

private:
    std::string file_;
    DiagnosticSink& sink_;
    std::size_t warned_ = 0;
};

// The lines of one paragraph.
struct ParagraphLines {
    std::vector<std::string_view> lines;
    const Line* first = nullptr;
};

bool ends_sentence(std::string_view s) {
    return ends_with_any(s, {"。", "！", "？", "!", "?", "”", "」", "』", "…", "."});
}

// Groups body lines into paragraphs: a blank line or a deeper indent starts one; with neither in the body,
// every indented line is its own paragraph, and unindented lines end a paragraph at a sentence end.
std::vector<ParagraphLines> group_paragraphs(const std::vector<const Line*>& body) {
    std::size_t min_indent = SIZE_MAX, max_indent = 0;
    bool has_blank = false;
    for (std::size_t k = 0; k < body.size(); ++k) {
        if (body[k]->blank()) {
            if (k > 0 && k + 1 < body.size()) has_blank = true;
            continue;
        }
        min_indent = std::min(min_indent, body[k]->indent);
        max_indent = std::max(max_indent, body[k]->indent);
    }
    bool uniform = min_indent == max_indent;
    std::vector<ParagraphLines> out;
    bool open = false;
    for (const Line* line : body) {
        if (line->blank()) {
            open = false;
            continue;
        }
        bool starts = !open || line->indent > min_indent || (!has_blank && uniform && min_indent > 0);
        if (starts) {
            out.push_back(ParagraphLines{{}, line});
            open = true;
        }
        out.back().lines.push_back(line->content);
        if (!has_blank && uniform && min_indent == 0 && ends_sentence(line->content)) open = false;
    }
    return out;
}

// Returns true for a short line that only names the source or the author, e.g. 來源:中國證券報.
bool is_meta_line(const Line& line) {
    if (line.blank() || line.length > 40) return false;
    std::string_view s = line.clean;
    for (std::string_view key : {"來源", "来源", "稿源", "作者", "記者", "记者", "發布時間", "发布时间"})
        if (s.starts_with(key)) return true;
    return false;
}

}  // namespace
}  // namespace readers

Section read_text(std::string_view name, std::string_view content, const ReadOptions& options,
                  DiagnosticSink& sink) {
    using namespace readers;
    const std::string file(name);
    std::string text = sanitize_utf8(name, content, sink);
    SiteRules rules = options.site_rules.empty() ? SiteRules() : SiteRules::load(options.site_rules);
    std::vector<Line> lines = split_lines(text, rules);
    DropReporter reporter(file, sink);
    Section section;
    auto pos_of = [&](const Line& l) { return SourcePos{file, l.number, l.col}; };

    // The dateline: a short line near the top that holds a date and reads as metadata.
    std::optional<std::size_t> dateline;
    Dateline found_date;
    for (std::size_t i = 0, seen = 0; i < lines.size() && seen < dateline_search_lines; ++i) {
        const Line& l = lines[i];
        if (l.blank()) continue;
        ++seen;
        if (l.chrome.kind == ChromeKind::copyright || l.chrome.kind == ChromeKind::licence) continue;
        if (auto d = parse_dateline(l.clean)) {
            dateline = i;
            found_date = *d;
            break;
        }
    }

    // The title: the nearest line above the dateline that reads as one, else below it; without a dateline,
    // the first line that is not chrome.
    std::optional<std::size_t> title;
    if (dateline) {
        std::size_t tried = 0;
        for (std::size_t i = *dateline; i-- > 0 && tried < title_search_lines;) {
            if (lines[i].blank() || lines[i].chrome || is_meta_line(lines[i])) continue;
            ++tried;
            if (reads_as_title(lines[i], true)) {
                title = i;
                break;
            }
        }
        if (!title) {
            for (std::size_t i = *dateline + 1; i < lines.size(); ++i) {
                if (lines[i].blank() || lines[i].chrome || is_meta_line(lines[i])) continue;
                if (reads_as_title(lines[i], true)) title = i;
                break;
            }
        }
    } else {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].blank() || lines[i].chrome) continue;
            if (reads_as_title(lines[i], false)) title = i;
            break;
        }
    }

    // Metadata: date and source from the dateline, or a source line right below it.
    std::vector<bool> consumed(lines.size(), false);
    if (dateline) {
        const Line& d = lines[*dateline];
        consumed[*dateline] = true;
        section.meta.date = found_date.date;
        section.meta.source = found_date.source;
        if (!found_date.author.empty()) section.meta.authors.push_back(found_date.author);
        for (std::size_t i = *dateline + 1; i < lines.size() && i <= *dateline + 2; ++i) {
            if (lines[i].blank()) continue;
            if (!is_meta_line(lines[i])) break;
            Dateline more = parse_meta_fields(lines[i].clean);
            if (section.meta.source.empty()) section.meta.source = more.source;
            if (section.meta.authors.empty() && !more.author.empty()) section.meta.authors.push_back(more.author);
            consumed[i] = true;
            sink.note(pos_of(lines[i]), "read as article metadata: " + excerpt(lines[i].clean), true);
        }
        std::string what = "read dateline: date " + section.meta.date;
        if (!section.meta.source.empty()) what += ", source " + section.meta.source;
        sink.note(pos_of(d), what, true);
    }

    // The page header: every line above the title (and the dateline, when it comes first).
    std::size_t head_end = 0;
    if (title) head_end = dateline ? std::min(*title, *dateline) : *title;
    const std::vector<std::string> header_hints = {
        "lines above the article's title are taken as the page header",
        "add a drop: rule for such lines to a --site-rules file to silence this (see docs/text-reader.md)"};
    for (std::size_t i = 0; i < head_end; ++i) reporter.drop(lines[i], "dropped line above the title", header_hints);

    if (title) {
        const Line& t = lines[*title];
        section.title = annotated_inlines(t.content, options.annotations, options.cjk_punctuation);
        section.pos = pos_of(t);
        consumed[*title] = true;
        // A date line above a title below it: what lies between is neither header nor body.
        if (dateline && *dateline < *title)
            for (std::size_t i = *dateline + 1; i < *title; ++i)
                if (!consumed[i])
                    reporter.drop(lines[i], "dropped line between the dateline and the title",
                                  {"the title was taken from line " + std::to_string(t.number)});
    } else {
        SourcePos where{file, 1, 1};
        for (const Line& l : lines)
            if (!l.blank()) {
                where = pos_of(l);
                break;
            }
        section.pos = where;
        sink.warn(where, "no title found: the text has no dateline and its first line is not a short heading",
                  {"the file may not be a scraped article; if it is Markdown, read it with --from markdown",
                   "every line is read as article text"});
    }

    // The body runs from below the title until the first chrome line after the article text has started;
    // chrome before the first paragraph (share bars, font size switches) and lines of site drop rules are
    // dropped and reading goes on.
    std::size_t body_start = title ? *title + 1 : 0;
    if (dateline && title && *dateline < *title) body_start = *title + 1;
    // The footer may only start below the dateline, so a summary between title and dateline is kept.
    std::size_t footer_allowed = dateline && title && *dateline > *title ? *dateline + 1 : body_start;
    std::vector<const Line*> body;
    std::optional<std::size_t> footer;
    bool text_started = false;
    for (std::size_t i = body_start; i < lines.size(); ++i) {
        const Line& l = lines[i];
        if (consumed[i]) continue;
        if (l.blank()) {
            if (text_started) body.push_back(&l);
            continue;
        }
        if (l.chrome) {
            if (text_started && i >= footer_allowed && l.chrome.ends_article) {
                footer = i;
                break;
            }
            reporter.drop(l, "", {});
            continue;
        }
        text_started = true;
        body.push_back(&l);
    }
    if (footer) {
        const Line& f = lines[*footer];
        const std::vector<std::string> footer_hints = {
            "the article was taken to end at line " + std::to_string(f.number) + " (" + f.chrome.rule + ")",
            "if the text below belongs to the article, protect that line with a keep: rule in a --site-rules file"};
        for (std::size_t i = *footer; i < lines.size(); ++i)
            if (!consumed[i]) reporter.drop(lines[i], "dropped text below the page footer", footer_hints);
    }
    reporter.finish();
    while (!body.empty() && body.back()->blank()) body.pop_back();

    for (const ParagraphLines& p : group_paragraphs(body)) {
        Block block;
        block.kind = BlockKind::paragraph;
        block.inlines = annotated_inlines(join_lines(p.lines), options.annotations, options.cjk_punctuation);
        block.pos = pos_of(*p.first);
        section.blocks.push_back(std::move(block));
    }
    if (section.blocks.empty())
        sink.warn(section.pos, "no article text found",
                  {"every line was taken as the title, metadata or site chrome; run with --verbose to see why"});
    return section;
}

}  // namespace docexport
