// Lines of a plain-text article and what each one looks like: chrome, article text, a clause or list
// marker, a heading, a verse. The evidence that text_article.cpp weighs and text_blocks.cpp groups by.
#pragma once

#include "readers/text/site_chrome.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::readers {

// The numbering that starts a line of a statute, a notice or a list, in the order of their usual rank.
enum class Marker {
    none,
    part,            // 第一編, 第一部, 第一卷
    chapter,         // 第一章, 第一篇
    section,         // 第一節
    article,         // 第一條, 第十條之一
    clause,          // 第八款, 第一項, 第一目
    item,            // 一、  二、
    paren_item,      // （一）  (二)
    number_item,     // 1.  1、  １．
    paren_number,    // (1)  （１）  ①
    structure_word,  // 前言, 總則, 附則, 序言, 結語 alone on a line
    bullet,          // •  ●  ■  ・  -  * before text
};

// How strongly a line reads as site chrome: weak kinds (navigation rows, bullet widgets, dashes) are
// layout-like and are kept inside the article; strong kinds (copyright, ICP, app prompts...) never are.
enum class ChromeStrength { none, weak, strong };

// One line of the input and its evidence.
struct TextLine {
    std::string_view raw;       // the whole line, without its '\n'
    std::string_view content;   // raw without leading and trailing white space
    std::uint32_t number = 0;   // 1-based
    std::uint32_t col = 0;      // column of content's first character
    std::size_t indent = 0;     // leading white space, in code points
    std::string clean;          // content without `字(pinyin)` artifacts, what the rules look at
    std::size_t length = 0;     // code points of clean
    std::size_t width = 0;      // display columns of clean (wide characters count 2)
    ChromeMatch chrome;         // how the chrome rules classify the line
    ChromeStrength strength = ChromeStrength::none;
    Marker marker = Marker::none;
    bool article_like = false;  // sentence punctuation, a clause or list line, or long text
    bool heading_like = false;  // short, no sentence punctuation: a title, a heading, a name
    bool blank() const { return content.empty(); }
};

// Lines longer than this (in code points, artifacts included) are article text: no rule looks at them.
inline constexpr std::size_t long_line_length = 4000;
// A heading-like line has at most this many code points.
inline constexpr std::size_t max_heading_length = 80;

// Returns the lines of text (valid UTF-8, LF line ends) with their evidence; rules classify chrome.
std::vector<TextLine> split_text_lines(std::string_view text, const SiteRules& rules);

// Returns the marker that starts s (trimmed, artifacts removed), and in *rest what follows it.
Marker find_marker(std::string_view s, std::string_view* rest = nullptr);

// Returns true when s ends a sentence: 。！？…” 」』 . ! ?
bool ends_sentence(std::string_view s);
// Returns true when s ends with punctuation inside a sentence: ，、；： , ; :
bool ends_mid_sentence(std::string_view s);
// Returns true when s ends with any punctuation, at a sentence's end or inside one.
inline bool ends_with_punctuation(std::string_view s) { return ends_sentence(s) || ends_mid_sentence(s); }
// Returns true when s holds a sentence mark inside: 。！？ (full-width) or ". " etc.
bool has_sentence_mark(std::string_view s);
// Returns true when a line reads as a title or heading: short, not a sentence, with letters in it.
// Questions and exclamations count when allow_question is set.
bool reads_as_title(const TextLine& line, bool allow_question);
// Returns true when a short line only names the source or the author, e.g. 來源:中國證券報.
bool is_meta_line(const TextLine& line);
// Returns true when a line reads as a poem's or article's author line: 〔唐〕李白, 作者：張三, and with
// bare_names a name alone (李白).
bool reads_as_author(const TextLine& line, bool bare_names = true);
// Returns true when s notes when a text was promulgated or amended: 民國三十六年一月一日公布.
bool is_date_note(std::string_view s);
// Returns true when s is a field of a record: 法規類別：憲法, 發布單位：秘書室.
bool is_field_line(std::string_view s);
// Returns true when the line is wrapped whole in brackets: （民國八十年五月一日公布）.
bool is_bracketed(std::string_view s);

// Returns true for a line of marks only (●, :::, ※※※): an image placeholder, a separator, an anchor.
bool symbols_only(const TextLine& line);

// Returns s shortened to about 40 code points for a message.
std::string excerpt(std::string_view s);

}  // namespace docexport::readers
