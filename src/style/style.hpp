// Named styles (styles/NAME.yaml) and font sets (fonts/NAME.yaml), shared by the EPUB and PDF writers.
#pragma once

#include <docexport/diagnostics.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace docexport::style {

// One font a role uses: a fontconfig family and weight, where it comes from and under which licence.
struct FontFace {
    std::string family;     // e.g. "Noto Serif CJK TC"
    int weight = 400;       // OpenType weight: 400 regular, 700 bold
    std::string lang;       // fontconfig language to prefer within a collection, e.g. "zh-tw"
    std::string package;    // the Debian package that ships it, e.g. "fonts-noto-cjk"
    std::string licence;    // SPDX identifier, e.g. "OFL-1.1"
    std::string generic;    // CSS generic family to end a stack with: serif or sans-serif
};

// The fonts of a style, resolved for one script.
struct FontRoles {
    FontFace body;                    // running text
    FontFace heading;                 // headings, titles and strong text
    FontFace latin;                   // Latin letters and digits (may equal body)
    std::vector<FontFace> fallback;   // in order, for characters the role's font lacks (e.g. CJK Ext-B)
};

// How far the clreq (W3C Requirements for Chinese Text Layout) rules are applied.
// Whether a pause or stop mark (，。、；：？！) that does not fit at a line's end may hang past it (clreq 3.1.8:
// most Chinese publications do not hang; Traditional Chinese does in vertical text).
enum class HangingPunctuation {
    none,        // never
    vertical,    // in vertical text only
    allow_end,   // in both directions
};

enum class ClreqLevel {
    basic,     // line breaking the reader's default way
    standard,  // strict line breaking (no line starts with closing punctuation), spacing between Han and Latin
    full,      // standard plus punctuation spacing by the punctuation style and hanging end punctuation
};

// Which characters may not start or end a line (the four levels of clreq 3.1.7 as docs/layout.md lists them).
enum class LineBreaking {
    none,    // no prohibition (some Taiwan and Hong Kong newspapers)
    basic,   // closing marks never start a line, opening ones never end one; …… and —— never split
    gb,      // basic, and a solidus never ends a line (GB/T 15834)
    strict,  // gb, and the ellipsis and the two-em dash never start a line
};

// How full-width punctuation is spaced (clreq 3.1.3).
enum class PunctuationStyle {
    full_width,  // 全身: every mark takes a full em (Taiwan and Hong Kong centred marks)
    kaiming,     // 開明: full em except pause and end marks in a row and at line ends
    half_width,  // 半身: marks compressed to half an em everywhere
};

// Page geometry for paged output, in millimetres.
struct PageGeometry {
    std::string paper = "A5";  // the size's name ("A4", "B5", "letter"); empty when set by width and height
    double width = 148;   // A5
    double height = 210;
    double margin_top = 20;
    double margin_bottom = 22;
    double margin_inner = 18;
    double margin_outer = 16;
    // The text block in columns side by side (in vertical text, tiers one above the other: 段), this far apart.
    int columns = 1;
    double column_gap_em = 2;
};

// Where paged output starts a section (sections: break:): automatic starts articles on a new page and runs feed
// entries on; page starts every section on a new page; column starts every section at the top of a column of
// the page (page.columns; a tier in vertical text; a page when there is one column); run-on runs every section
// on after the one before.
enum class SectionBreak { automatic, page, column, run_on };

// How the title page (PDF) and the generated cover (EPUB) write the publication date.
enum class DateFormat {
    automatic,  // chinese for Chinese and Japanese documents (zh, cmn, yue, ja), iso for every other language
    chinese,    // 2021年2月20日 (also 2021年2月 and 2021年 for a month or a year)
    iso,        // 2021-02-20: the date as the document gives it
};

// A named style.
struct Style {
    std::string name = "brief";
    std::string description;
    std::string font_set = "noto-serif";
    PageGeometry page;
    double font_size_pt = 10.5;               // body text size for paged output
    double line_height = 1.8;                 // multiple of the font size
    double first_line_indent_em = 2;          // paragraphs' first-line indent
    double paragraph_spacing_em = 0;          // space between paragraphs
    std::string text_align = "justify";       // justify or start
    std::vector<double> heading_sizes_em = {1.6, 1.35, 1.2, 1.1, 1.0, 1.0};  // h1..h6
    ClreqLevel clreq = ClreqLevel::full;
    LineBreaking line_breaking = LineBreaking::basic;
    PunctuationStyle punctuation = PunctuationStyle::full_width;
    DateFormat title_page_date = DateFormat::automatic;  // title-page: date-format:
    SectionBreak section_break = SectionBreak::automatic;  // sections: break:
    int contents_depth = 1;                   // contents: depth: heading levels the PDF's printed contents lists
                                              // (1 the sections, 2 also their headings; 0 no contents pages)
    bool contents_chinese_numerals = false;   // contents: numerals: chinese: the contents' page numbers as 一百零五
    bool vertical = false;                    // text: writing-mode: vertical-rl (as --vertical)
    std::string pdf_standard;                 // pdf: standard: ua-1, a-2u or a-2u+ua-1 (as --pdf-standard); empty: none
    bool taiwan_quotes = false;               // text: quotes: tw (as --quotes tw): “” → 「」, ‘’ → 『』, 濟南-青島 → 濟南－青島
    int tate_chu_yoko = 3;                    // cjk: tate-chu-yoko: vertical text sets numbers of 1 to this many
                                              // figures upright in one em (0: none, all turned sideways)
    HangingPunctuation hanging_punctuation = HangingPunctuation::none;   // cjk: hanging-punctuation:
    FontRoles fonts;                          // resolved for the document's script
    std::filesystem::path file;               // where the style was read from (empty for built-in defaults)
    std::vector<Diagnostic> warnings;         // unknown keys in the style and its font set, for the caller to report
};

// Returns the script key a font set uses for a BCP 47 tag: "hant", "hans", "jpan", "kore" or "latn".
std::string script_for_language(const std::string& language);

// Returns the directories searched for styles/ and fonts/, in order: $DOCEXPORT_DATA_DIR when set; the
// share/docexport directory next to wherever the library (or the program it is linked into) was installed; and,
// only when that program runs from the build tree, the source tree.
std::vector<std::filesystem::path> data_directories();

// Returns the style named name (a name from styles/, or a path to a .yaml file), its fonts resolved for
// language. An empty name means "brief", and the built-in defaults when no styles/ directory is found.
// Throws Error(usage) for an unknown name and Error(input) with line:col for a malformed file.
Style load_style(const std::string& name, const std::string& language);

// Returns the width and height in millimetres of a named paper size: the ISO 216 A and B series (A0-A10,
// B0-B10), letter, legal, 16K and 32K, in any case; nothing for another name.
std::optional<std::pair<double, double>> paper_size(std::string_view name);

// Returns text as a length in unit ("mm" or "pt"): a number with one of the units mm, cm, in or pt ("148mm",
// "6in", "10.5pt"); a bare number is taken in unit when bare_number is true. Throws Error(usage) naming what.
double parse_length(std::string_view text, std::string_view unit, bool bare_number, const std::string& what);

// Returns the page size that text names: a paper size name (paper_size) or WIDTHxHEIGHT with a unit, e.g.
// "148x210mm", "6x9in" or "14.8cmx21cm". Throws Error(usage) naming what, with the accepted forms as hints.
PageGeometry parse_paper(std::string_view text, const std::string& what);

// Sets the margins of page from text: one length for all four ("20mm"), or four, comma-separated, in the CSS
// order top,right,bottom,left; right is the outer and left the inner margin. Throws Error(usage) naming what.
void parse_margins(std::string_view text, PageGeometry& page, const std::string& what);

// Returns the date as the title page prints it: the form chosen by format (automatic picks by language) for a
// date YYYY, YYYY-MM or YYYY-MM-DD; any other date as given.
std::string title_page_date(const std::string& date, DateFormat format, const std::string& language);

// Returns the CSS name of a punctuation style / clreq level ("full-width", "kaiming", "half-width";
// "basic", "standard", "full").
const char* to_string(PunctuationStyle p);
const char* to_string(ClreqLevel c);
const char* to_string(LineBreaking b);
const char* to_string(DateFormat f);

}  // namespace docexport::style
