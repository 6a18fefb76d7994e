// How a document is laid out on pages: geometry, fonts, sizes and the clreq rules. Presets for an A4 brief and
// an A5 pocket edition; settings_from_style maps a named style (src/style) onto these settings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace docexport::style {
struct Style;
}

namespace docexport::layout {

// How strictly the clreq line-start / line-end prohibitions are applied (W3C clreq 3.1.7).
enum class Prohibition {
    none,    // no prohibition (some Taiwan and Hong Kong newspapers)
    basic,   // closing marks, pause/stop marks, interpuncts never start a line; opening marks never end one
    gb,      // basic, and a solidus never ends a line
    strict,  // gb, and the two-em dash and the ellipsis never start a line
};

// A font role: a fontconfig family and weight.
struct FontSpec {
    std::string family;
    int weight = 400;
};

// Everything layout_document needs to know; all lengths in PostScript points unless named _em.
struct LayoutSettings {
    // Page geometry.
    double page_width = 595.276;   // A4
    double page_height = 841.89;
    double margin_top = 72;
    double margin_bottom = 68;
    double margin_inner = 62;      // left on every page (no facing pages yet)
    double margin_outer = 62;
    // The text block in columns side by side, column_gap_em of the font size apart (in vertical text, tiers one
    // above the other: the logical frame turns them). Title page, contents, running heads and folios span them.
    int columns = 1;
    double column_gap_em = 2;

    // Fonts: each role falls back, per character, to latin, then to fallback in order.
    FontSpec body{"Noto Serif CJK TC", 400};
    FontSpec strong{"Noto Serif CJK TC", 700};
    FontSpec emphasis{"Noto Sans CJK TC", 400};            // Chinese emphasis: a contrasting face, not italics
    FontSpec heading{"Noto Sans CJK TC", 700};
    FontSpec latin{};                                        // empty = the CJK font's own Latin
    FontSpec mono{"Noto Sans Mono CJK TC", 400};
    std::vector<FontSpec> fallback{{"HanaMinB", 400}};       // CJK Extension B and beyond
    std::string font_lang = "zh-tw";                         // fontconfig language for collection faces

    // Sizes.
    double font_size = 10.5;
    double line_height = 1.8;               // multiple of the font size
    double first_line_indent_em = 2;
    double paragraph_spacing_em = 0;        // extra space between paragraphs
    std::vector<double> heading_sizes_em = {1.6, 1.35, 1.2, 1.1, 1.0, 1.0};  // section titles use [0]
    double small_size_em = 0.8;             // running header, folio, section meta, table text
    double code_size_em = 0.9;

    // Writing mode: vertical lines (columns top to bottom, right to left; see docs/layout.md, "Vertical").
    bool vertical = false;
    int tate_chu_yoko = 3;                  // vertical: numbers of 1 to this many figures stand upright as one

    // Text.
    bool justify = true;                    // inter-character justification, last line flush left
    // A paragraph longer than this (bytes of text) is shaped and broken a piece of about this size at a time,
    // with the same lines (see BlockLayouter::piecewise_slices): shaping takes about 190 bytes a character, so a
    // paragraph of 50 MB on one line would otherwise take gigabytes at once.
    std::size_t paragraph_piece_bytes = 256 * 1024;
    Prohibition prohibition = Prohibition::basic;
    // Hanging punctuation (clreq 3.1.8): a pause or stop mark that does not fit at the end of a justified line
    // is set past it instead of taking a character with it to the next line; per direction (style
    // cjk.hanging-punctuation: Traditional Chinese hangs in vertical text only).
    bool hang_horizontal = false;
    bool hang_vertical = false;
    bool compress_adjacent_punctuation = true;   // 」，→ 1.5 em (clreq 3.1.6); Simplified Chinese always
                                                 // compresses (Shaper), whatever the style
    double han_latin_space_em = 0.25;       // between Han and Latin letters or digits (none at line ends)
    std::string language = "zh-Hant-TW";    // HarfBuzz language (locl); from DocumentMeta::language
    std::vector<std::string> features;      // HarfBuzz feature strings, e.g. "palt" (none by default)

    // Ruby (horizontal text: the annotation centred over its base; see docs/layout.md).
    double ruby_size_em = 0.5;              // annotation size, of the base's size
    double ruby_gap_em = 0.1;               // between the annotation's em box and the base's, of the annotation size
    double ruby_spacing_em = 0.25;          // least space between two annotations, of the annotation size
    double ruby_overhang_em = 0.5;          // how far a long annotation may reach over a neighbouring non-ruby
                                            // character, of the base's size (never more than half that character)
    // Zhuyin ruby (an annotation of bopomofo and tone marks over one character): a column to the right of its
    // base in both directions, the tone mark beside its last symbol, the light-tone dot above the first.
    double zhuyin_size_em = 0.3;            // the symbols' size, of the base's size
    double zhuyin_gap_em = 0.06;            // between the base's em box and the column, of the base's size

    // Pages.
    std::string running_header;             // empty = the document's title
    bool folio = true;                      // page numbers at the foot of body and front-matter pages
    bool title_page = true;
    // What the title page prints under the title; unset = the document's authors, date (as written) and publisher.
    struct TitlePageLines {
        std::vector<std::string> authors;
        std::string date;        // as printed, e.g. 2021年2月20日
        std::string publisher;
    };
    std::optional<TitlePageLines> title_page_lines;
    bool table_of_contents = true;
    int contents_depth = 1;                 // outline levels the contents lists: 1 sections, 2+ also headings
    std::string contents_title = "目錄";
    bool contents_chinese_numerals = false;  // the contents' page numbers in Chinese numerals (一百零五), not 105
    // Generated text in the document's language (writers::generated_text sets them).
    std::string untitled = "（無題）";      // a section or document without a title
    std::string image_open = "［圖：";      // a missing image's caption, around its alt text: ［圖：alt］, [Image: alt]
    std::string image_close = "］";
    bool section_starts_page = true;        // every section (article) begins on a new page
    // Feed entries (sections of class feed-entry) begin on a new page too; by default they run on: each
    // follows the one before under its own heading, and a feed's part page is the top of its first page.
    bool entry_starts_page = false;
    // Sections begin at the top of the next column rather than on a new page (style sections.break: column).
    bool section_starts_column = false;
};

// Returns the settings of the A4 brief.
LayoutSettings brief_settings();
// Returns settings that follow a named style (page, fonts, sizes, clreq level); unknown fields keep brief's.
LayoutSettings settings_from_style(const style::Style& style);

// Returns settings_from_style(style::load_style(name, language)): what the PDF writer lays out with (an empty
// name is the default style). Throws Error(usage) for an unknown style.
LayoutSettings settings_for_style(const std::string& name, const std::string& language);

// Returns "none", "basic", "gb" or "strict".
const char* to_string(Prohibition p);

}  // namespace docexport::layout
