#include "layout/settings.hpp"

#include "style/style.hpp"

#include <docexport/diagnostics.hpp>

namespace docexport::layout {

namespace {

constexpr double points_per_mm = 72.0 / 25.4;

}  // namespace

LayoutSettings brief_settings() {
    return LayoutSettings{};  // the defaults are the A4 brief
}

LayoutSettings settings_from_style(const style::Style& st) {
    LayoutSettings s;
    s.page_width = st.page.width * points_per_mm;
    s.page_height = st.page.height * points_per_mm;
    s.margin_top = st.page.margin_top * points_per_mm;
    s.margin_bottom = st.page.margin_bottom * points_per_mm;
    s.margin_inner = st.page.margin_inner * points_per_mm;
    s.margin_outer = st.page.margin_outer * points_per_mm;
    if (st.font_size_pt > 0) s.font_size = st.font_size_pt;
    if (st.line_height > 0) s.line_height = st.line_height;
    s.first_line_indent_em = st.first_line_indent_em;
    s.paragraph_spacing_em = st.paragraph_spacing_em;
    s.justify = st.text_align != "start" && st.text_align != "left";
    if (!st.heading_sizes_em.empty()) s.heading_sizes_em = st.heading_sizes_em;
    s.section_starts_page = st.section_break != style::SectionBreak::run_on;
    s.tate_chu_yoko = st.tate_chu_yoko;
    s.hang_horizontal = st.hanging_punctuation == style::HangingPunctuation::allow_end;
    s.hang_vertical = st.hanging_punctuation != style::HangingPunctuation::none;
    s.contents_chinese_numerals = st.contents_chinese_numerals;
    s.entry_starts_page = st.section_break == style::SectionBreak::page || st.section_break == style::SectionBreak::column;
    s.section_starts_column = st.section_break == style::SectionBreak::column;
    s.columns = st.page.columns;
    s.column_gap_em = st.page.column_gap_em;

    const style::FontRoles& f = st.fonts;
    if (!f.body.family.empty()) {
        s.body = {f.body.family, f.body.weight};
        s.strong = {f.body.family, 700};
        s.font_lang = f.body.lang.empty() ? s.font_lang : f.body.lang;
    }
    if (!f.heading.family.empty()) s.heading = {f.heading.family, f.heading.weight};
    // The CJK fonts carry Latin glyphs; a separate Latin family only when the style names another one.
    s.latin = f.latin.family.empty() || f.latin.family == f.body.family ? FontSpec{} : FontSpec{f.latin.family, f.latin.weight};
    if (!f.fallback.empty()) {
        s.fallback.clear();
        for (const auto& face : f.fallback) s.fallback.push_back({face.family, face.weight});
    }

    // The prohibition level is the style's line-breaking; the clreq level decides the Han-Latin space.
    switch (st.line_breaking) {
    case style::LineBreaking::none: s.prohibition = Prohibition::none; break;
    case style::LineBreaking::basic: s.prohibition = Prohibition::basic; break;
    case style::LineBreaking::gb: s.prohibition = Prohibition::gb; break;
    case style::LineBreaking::strict: s.prohibition = Prohibition::strict; break;
    }
    s.han_latin_space_em = st.clreq == style::ClreqLevel::basic ? 0 : 0.25;
    s.compress_adjacent_punctuation = st.punctuation != style::PunctuationStyle::full_width;
    return s;
}

LayoutSettings settings_for_style(const std::string& name, const std::string& language) {
    LayoutSettings s = settings_from_style(style::load_style(name, language));
    if (!language.empty()) s.language = language;
    return s;
}

}  // namespace docexport::layout
