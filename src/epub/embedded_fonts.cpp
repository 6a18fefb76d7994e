#include "epub/embedded_fonts.hpp"

#include "fonts/font.hpp"
#include "support/code_points.hpp"
#include "support/wording.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace docexport::epub {

namespace {

// Returns true for characters that need no glyph of their own (spaces, controls, format characters).
bool needs_glyph(char32_t c) {
    if (c <= 0x20 || (c >= 0x7F && c <= 0xA0)) return false;
    if (c >= 0x2000 && c <= 0x200F) return false;  // spaces, zero-width and direction marks
    if (c >= 0x2028 && c <= 0x202F) return false;
    if (c >= 0x2060 && c <= 0x206F) return false;
    if (c == 0x3000 || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) return false;
    return true;
}

std::string kilobytes(std::size_t bytes) { return std::to_string((bytes + 512) / 1024) + " KB"; }

std::string css_family(const std::string& family) { return "DX " + family; }

struct Embedder {
    DiagnosticSink& sink;
    bool proportional = false;
    FontPlan plan;

    // Subsets font for chars and adds the file and its @font-face rule.
    void embed(const fonts::Font& font, const std::string& family, int weight, const std::string& stem,
               const std::set<char32_t>& chars) {
        font.check_embeddable("EPUB");
        std::string bytes = font.subset_chars(chars, fonts::SubsetOptions{false, true, true, proportional});
        std::string ext = font.is_cff() ? ".otf" : ".ttf";
        std::string href = "fonts/" + stem + ext;
        std::error_code ec;
        auto original = std::filesystem::file_size(font.location().path, ec);
        sink.note({}, "embedded font '" + family + "' (weight " + std::to_string(weight) + "): " +
                          support::counted(chars.size(), "character", "characters") + ", " + kilobytes(bytes.size()) + " subset of " +
                          (ec ? std::string("?") : kilobytes(static_cast<std::size_t>(original))) + " " +
                          std::filesystem::path(font.location().path).filename().string());
        plan.files.push_back(Resource{href, "font-" + stem, font.is_cff() ? "font/otf" : "font/ttf", std::move(bytes), {}});
        plan.stylesheet.faces.push_back(FontFaceRule{css_family(family), "../" + href, weight, font.is_cff() ? "opentype" : "truetype"});
    }
};

}  // namespace

FontPlan plan_fonts(const style::FontRoles& roles, const CharUse& chars, bool embed, bool proportional,
                    DiagnosticSink& sink) {
    Embedder e{sink, proportional, {}};
    auto add_unique = [](std::vector<std::string>& v, const std::string& s) {
        if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
    };
    e.plan.stylesheet.generic = roles.body.generic.empty() ? "serif" : roles.body.generic;
    std::vector<std::string> fallback_stack;
    if (embed) {
        std::set<char32_t> regular = chars.chars(false), bold = chars.chars(true);
        fonts::Font body = fonts::Font::find(roles.body.family, roles.body.weight, roles.body.lang);
        e.embed(body, roles.body.family, roles.body.weight, "body-" + std::to_string(roles.body.weight), regular);
        std::set<char32_t> missing;
        for (char32_t c : regular)
            if (needs_glyph(c) && !body.has_char(c)) missing.insert(c);
        // One weight per family: a heading role in the body's family is set in synthesised bold (a real bold
        // subset would add a quarter to the fonts); a heading role in another family is embedded.
        bool heading_face = roles.heading.family != roles.body.family;
        if (heading_face && !bold.empty()) {
            fonts::Font heading = fonts::Font::find(roles.heading.family, roles.heading.weight, roles.heading.lang);
            e.embed(heading, roles.heading.family, roles.heading.weight, "heading-" + std::to_string(roles.heading.weight), bold);
            for (char32_t c : bold)
                if (needs_glyph(c) && !heading.has_char(c) && !body.has_char(c)) missing.insert(c);
        }
        // Characters the main fonts lack come from the fallback fonts, in order.
        std::size_t n = 0;
        for (const style::FontFace& f : roles.fallback) {
            if (missing.empty()) break;
            ++n;
            std::optional<fonts::Font> font;
            try {
                font.emplace(fonts::Font::find(f.family, f.weight, f.lang));
            } catch (const Error& err) {
                sink.warn({}, "fallback font '" + f.family + "' is not installed; " +
                                  support::counted(missing.size(), "character", "characters") + " may show as boxes",
                          err.hints());
                continue;
            }
            std::set<char32_t> covered;
            for (char32_t c : missing)
                if (font->has_char(c)) covered.insert(c);
            if (covered.empty()) continue;
            e.embed(*font, f.family, 400, "fallback-" + std::to_string(n), covered);
            add_unique(fallback_stack, css_family(f.family));
            for (char32_t c : covered) missing.erase(c);
        }
        if (!missing.empty()) {
            std::string list;
            std::size_t shown = 0;
            for (char32_t c : missing) {
                if (shown++ == 8) {
                    list += " and " + std::to_string(missing.size() - 8) + " more";
                    break;
                }
                if (!list.empty()) list += ' ';
                list += support::code_point_label(c);
            }
            sink.warn({}, "no glyph in '" + roles.body.family + "' or the fallback fonts for " + list,
                      {"add a font that has them to the style's font set (fallback:)"});
        }
        add_unique(e.plan.stylesheet.body_stack, css_family(roles.body.family));
        if (heading_face && !bold.empty()) add_unique(e.plan.stylesheet.heading_stack, css_family(roles.heading.family));
    }
    for (const std::string& f : fallback_stack) add_unique(e.plan.stylesheet.body_stack, f);
    add_unique(e.plan.stylesheet.body_stack, roles.body.family);
    add_unique(e.plan.stylesheet.body_stack, roles.latin.family);
    for (const style::FontFace& f : roles.fallback) add_unique(e.plan.stylesheet.body_stack, f.family);
    add_unique(e.plan.stylesheet.heading_stack, roles.heading.family);
    for (const std::string& f : e.plan.stylesheet.body_stack) add_unique(e.plan.stylesheet.heading_stack, f);
    return std::move(e.plan);
}

}  // namespace docexport::epub
