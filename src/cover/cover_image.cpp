#include "cover/cover_image.hpp"

#include "cover/canvas.hpp"
#include "cover/text_setter.hpp"

#include <algorithm>
#include <cmath>

namespace docexport::cover {

namespace {

// The palette: a warm paper ground, black ink for the title and the names, grey for the secondary lines, and
// a vermilion rule.
constexpr Rgb paper{0xF4, 0xF0, 0xE6};
constexpr Rgb black{0x1C, 0x1B, 0x1A};
constexpr Rgb grey{0x5E, 0x5A, 0x55};
constexpr Rgb vermilion{0xA2, 0x33, 0x26};
constexpr Ink black_ink = 0, grey_ink = 1, vermilion_ink = 2;

// Where a CJK font's em box puts the baseline: 0.88 em below its top (Noto CJK, Source Han and most CJK fonts).
constexpr double ascent_em = 0.88;

// The longest text a cover line shows; longer text is cut with an ellipsis (the whole title is in the alt text
// and the metadata).
constexpr std::size_t max_characters = 160;

// A block of set text and the distance between its baselines.
struct Block {
    SetText text;
    double pitch = 0;
    // Returns the height from the top of the first line's em box to the bottom of the last one's.
    double height() const {
        if (text.lines.empty()) return 0;
        return pitch * static_cast<double>(text.lines.size() - 1) + text.size;
    }
};

std::string join_authors(const std::vector<std::string>& authors, const std::string& language) {
    // Chinese and Japanese list names with the ideographic comma, other languages with a comma.
    std::string script = style::script_for_language(language);
    const char* separator = script == "latn" || script == "kore" ? ", " : "、";
    std::string out;
    for (const std::string& a : authors) {
        std::string name = display_text(a, max_characters);
        if (name.empty()) continue;
        if (!out.empty()) out += separator;
        out += name;
    }
    return out;
}

}  // namespace

std::string render_cover_png(const CoverText& in, const style::Style& style, unsigned width, unsigned height,
                             DiagnosticSink& sink) {
    const double w = width, h = height;
    const double margin = std::round(w * 0.11);
    const double measure = w - 2 * margin;
    const double centre = w / 2;

    // Han and Latin spaced as the book's text is (clreq; docs/layout.md).
    TextSetter setter(in.language, style.clreq == style::ClreqLevel::basic ? 0 : 0.25, sink);
    const style::FontRoles& roles = style.fonts;
    style::FontFace body = roles.body.family.empty() ? style::FontFace{"Noto Serif CJK TC", 400, "zh-tw", {}, {}, {}} : roles.body;
    style::FontFace heading = roles.heading.family.empty() ? style::FontFace{body.family, 700, body.lang, {}, {}, {}} : roles.heading;
    std::size_t title_font = setter.add_chain(heading, roles.fallback);
    std::size_t body_font = setter.add_chain(body, roles.fallback);

    std::string title = display_text(in.title, max_characters);
    std::string subtitle = display_text(in.subtitle, max_characters);
    std::string authors = display_text(join_authors(in.authors, in.language), max_characters);
    std::string publisher = display_text(in.publisher, max_characters);
    std::string date = display_text(in.date, max_characters);

    // The foot: the date above the publisher, the publisher's baseline a tenth of the height from the bottom.
    Block publisher_block{setter.set(publisher, body_font, w * 0.036, measure), w * 0.036 * 1.4};
    Block date_block{setter.set(date, body_font, w * 0.028, measure), w * 0.028 * 1.4};
    double foot_bottom = h * 0.905;
    double publisher_top = foot_bottom - publisher_block.height();
    double date_top = publisher_top - (publisher_block.height() > 0 ? w * 0.025 : 0) - date_block.height();
    double foot_top = date_block.height() > 0 ? date_top : publisher_top;

    // The head: the title from a fifth of the height down, a short rule, the subtitle, the authors. The title
    // starts at a tenth of the width per em and takes at most three lines, smaller if it needs more; the whole
    // head shrinks until it ends above the foot.
    const double head_top = h * 0.2;
    const double head_limit = foot_top - w * 0.06;
    double title_size = w * 0.1, subtitle_size = w * 0.045;
    const double authors_size = w * 0.04;
    Block title_block, subtitle_block, authors_block;
    double rule_gap = 0, authors_gap = 0;
    for (int attempt = 0; attempt < 24; ++attempt) {
        title_block = Block{setter.set(title, title_font, title_size, measure), title_size * 1.3};
        subtitle_block = Block{setter.set(subtitle, body_font, subtitle_size, measure), subtitle_size * 1.5};
        authors_block = Block{setter.set(authors, body_font, authors_size, measure), authors_size * 1.5};
        rule_gap = w * 0.05;
        authors_gap = subtitle_block.height() > 0 ? w * 0.07 : w * 0.05;
        double bottom = head_top + title_block.height() + 2 * rule_gap + subtitle_block.height() +
                        (authors_block.height() > 0 ? authors_gap + authors_block.height() : 0);
        bool too_many_lines = title_block.text.lines.size() > 3 && title_size > w * 0.06;
        if (!too_many_lines && bottom <= head_limit) break;
        title_size *= 0.92;
        if (!too_many_lines) subtitle_size = std::max(w * 0.03, subtitle_size * 0.95);
    }

    Canvas canvas(width, height, paper, {black, grey, vermilion});
    double y = head_top;
    setter.draw(title_block.text, canvas, centre, y + title_block.text.size * ascent_em, title_block.pitch, black_ink);
    y += title_block.height() + rule_gap;
    double rule_width = std::round(w * 0.09), rule_height = std::max(2.0, std::round(w * 0.004));
    canvas.fill(static_cast<int>(centre - rule_width / 2), static_cast<int>(y),
                static_cast<int>(centre + rule_width / 2), static_cast<int>(y + rule_height), vermilion_ink);
    y += rule_gap;
    setter.draw(subtitle_block.text, canvas, centre, y + subtitle_block.text.size * ascent_em, subtitle_block.pitch, grey_ink);
    if (subtitle_block.height() > 0) y += subtitle_block.height() + authors_gap;
    setter.draw(authors_block.text, canvas, centre, y + authors_size * ascent_em, authors_block.pitch, black_ink);
    setter.draw(date_block.text, canvas, centre, date_top + date_block.text.size * ascent_em, date_block.pitch, grey_ink);
    setter.draw(publisher_block.text, canvas, centre, publisher_top + publisher_block.text.size * ascent_em,
                publisher_block.pitch, black_ink);
    return canvas.png();
}

}  // namespace docexport::cover
