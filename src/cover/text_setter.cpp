#include "cover/text_setter.hpp"

#include "cover/balance.hpp"
#include "fonts/font.hpp"
#include "support/code_points.hpp"
#include "support/utf8.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb-ft.h>
#include <hb.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cmath>

namespace docexport::cover {

namespace {

// Penalties of ending a line at a break opportunity (in the em² of balance_lines): after a space or a
// punctuation mark nothing; between two words a little; inside a word (a CJK word is several characters, and
// UAX #14 lets a line break between any two) as much as three ems of imbalance.
constexpr double penalty_between_words = 2;
constexpr double penalty_inside_word = 9;

bool is_space(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) || c < 0x20 || (c >= 0x7F && c < 0xA0); }

bool is_mark(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0; }

// A character that counts for the alone-on-a-line rule: not a space, a mark, punctuation or a format character.
bool is_visible_character(char32_t c) {
    if (is_space(c) || is_mark(c) || u_ispunct(static_cast<UChar32>(c))) return false;
    return u_charType(static_cast<UChar32>(c)) != U_FORMAT_CHAR;
}

// Characters that stay in the font of the character before them: marks, variation selectors, joiners, spaces.
bool follows_previous_font(char32_t c) {
    return is_mark(c) || is_space(c) || c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xE0100 && c <= 0xE01EF);
}

struct LibraryDeleter {
    void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct HbBufferDeleter {
    void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};
struct UTextDeleter {
    void operator()(UText* text) const { utext_close(text); }
};

// One face, opened with FreeType; HarfBuzz shapes with it through hb-ft, at the size last set.
struct Face {
    std::unique_ptr<FT_FaceRec_, FaceDeleter> ft;
    std::unique_ptr<hb_font_t, HbFontDeleter> hb;
    long size_26_6 = 0;
};

struct ShapedGlyph {
    std::size_t face = 0;
    std::uint32_t gid = 0;
    std::size_t cluster = 0;   // byte offset of its cluster in the text
    double advance = 0, x_offset = 0, y_offset = 0;
};

std::unique_ptr<icu::BreakIterator> make_iterator(bool line, const std::string& language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language.empty() ? "zh" : language, status);
    if (U_FAILURE(status) || locale.isBogus()) {
        status = U_ZERO_ERROR;
        locale = icu::Locale("zh");
    }
    // Strict line breaking: no line starts with a small kana, an iteration mark or a prolonged sound mark either.
    if (line) locale.setUnicodeKeywordValue("lb", "strict", status);
    status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(line ? icu::BreakIterator::createLineInstance(locale, status)
                                                : icu::BreakIterator::createWordInstance(locale, status));
    if (U_FAILURE(status) || !it) throw Error(ErrorCode::internal, "ICU cannot make a break iterator for the cover");
    return it;
}

}  // namespace

struct TextSetter::Impl {
    std::string language;
    double han_latin_space = 0;   // em
    DiagnosticSink& sink;
    std::unique_ptr<FT_LibraryRec_, LibraryDeleter> library;
    std::vector<Face> faces;
    std::map<std::pair<std::string, unsigned>, std::size_t> face_ids;   // by file and index
    std::vector<std::vector<std::size_t>> chains;
    std::unique_ptr<icu::BreakIterator> lines, words;
    std::unique_ptr<hb_buffer_t, HbBufferDeleter> buffer{hb_buffer_create()};
    std::set<char32_t> reported;

    Impl(const std::string& lang, double space, DiagnosticSink& s) : language(lang), han_latin_space(space), sink(s) {
        FT_Library lib = nullptr;
        if (FT_Init_FreeType(&lib) != 0) throw Error(ErrorCode::internal, "FreeType could not be initialised");
        library.reset(lib);
        lines = make_iterator(true, language);
        words = make_iterator(false, language);
    }

    // Returns the id of the face at location, opening it on first use; throws Error(input) if FreeType cannot.
    std::size_t open(const fonts::FontLocation& location) {
        auto key = std::make_pair(location.path, location.index);
        if (auto it = face_ids.find(key); it != face_ids.end()) return it->second;
        FT_Face ft = nullptr;
        if (FT_New_Face(library.get(), location.path.c_str(), static_cast<FT_Long>(location.index), &ft) != 0 || !ft)
            throw Error(ErrorCode::input, "FreeType cannot open the font '" + location.path + "' for the cover");
        Face face;
        face.ft.reset(ft);
        face.hb.reset(hb_ft_font_create_referenced(ft));
        // Outlines as designed: hinting is for small sizes on screens, the cover's text is large.
        hb_ft_font_set_load_flags(face.hb.get(), FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP);
        faces.push_back(std::move(face));
        face_ids.emplace(key, faces.size() - 1);
        return faces.size() - 1;
    }

    void set_size(std::size_t id, double size) {
        Face& face = faces[id];
        long size_26_6 = std::lround(size * 64);
        if (face.size_26_6 == size_26_6) return;
        if (FT_Set_Char_Size(face.ft.get(), 0, size_26_6, 72, 72) != 0)
            throw Error(ErrorCode::internal, "FreeType cannot size the cover's font");
        hb_ft_font_changed(face.hb.get());
        face.size_26_6 = size_26_6;
    }

    bool has_char(std::size_t id, char32_t c) const { return FT_Get_Char_Index(faces[id].ft.get(), c) != 0; }

    // Returns the blank before and after a glyph's ink within its advance, in pixels at the size set.
    std::pair<double, double> blanks(std::size_t id, std::uint32_t gid, double advance) {
        FT_Face face = faces[id].ft.get();
        if (FT_Load_Glyph(face, gid, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return {0, 0};
        const FT_Glyph_Metrics& m = face->glyph->metrics;
        double before = static_cast<double>(m.horiBearingX) / 64;
        double after = advance - before - static_cast<double>(m.width) / 64;
        return {std::clamp(before, 0.0, advance), std::clamp(after, 0.0, advance)};
    }

    // Shapes text in chain: each run of characters in the first face that has them.
    std::vector<ShapedGlyph> shape(const std::string& text, const std::vector<std::size_t>& chain) {
        std::vector<std::pair<std::size_t, std::size_t>> runs;   // (start byte, face)
        std::size_t current = chain.front();
        for (std::size_t i = 0; i < text.size();) {
            std::size_t start = i;
            char32_t c = utf8::next_code_point(text, i);
            std::size_t face = current;
            if (start == 0 || !follows_previous_font(c)) {
                // The first face of the chain that has the character (the primary whenever it can).
                face = chain.front();
                bool found = false;
                for (std::size_t id : chain)
                    if (has_char(id, c)) {
                        face = id;
                        found = true;
                        break;
                    }
                if (!found && !follows_previous_font(c) && reported.insert(c).second)
                    sink.warn({}, "no glyph for " + support::code_point_label(c) + " on the generated cover",
                              {"the cover shows an empty box for it; add a font that covers it to the style's fallback fonts"});
            }
            if (runs.empty() || face != current) runs.emplace_back(start, face);
            current = face;
        }
        std::vector<ShapedGlyph> out;
        for (std::size_t r = 0; r < runs.size(); ++r) {
            std::size_t begin = runs[r].first, end = r + 1 < runs.size() ? runs[r + 1].first : text.size();
            std::size_t id = runs[r].second;
            hb_buffer_t* buf = buffer.get();
            hb_buffer_clear_contents(buf);
            hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
            hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(begin),
                               static_cast<int>(end - begin));
            hb_buffer_set_language(buf, hb_language_from_string(language.c_str(), -1));
            hb_buffer_guess_segment_properties(buf);
            hb_shape(faces[id].hb.get(), buf, nullptr, 0);
            unsigned count = 0;
            hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
            hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
            for (unsigned g = 0; g < count; ++g)
                out.push_back(ShapedGlyph{id, info[g].codepoint, info[g].cluster, pos[g].x_advance / 64.0,
                                          pos[g].x_offset / 64.0, pos[g].y_offset / 64.0});
        }
        return out;
    }

    // Returns the space before each byte offset of text: han_latin_space em at size between a Han character and
    // a Latin letter or digit (either way round), as the layout engine spaces them.
    std::vector<double> spaces_before(const std::string& text, double size) const {
        std::vector<double> out(text.size() + 1, 0);
        if (han_latin_space <= 0) return out;
        auto kind = [](char32_t c) {   // 1 Han (a wide letter), 2 Latin (a narrow letter or digit), 0 neither
            if (!u_isalnum(static_cast<UChar32>(c))) return 0;
            auto width = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
            return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 1 : 2;
        };
        int previous = 0;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t start = i;
            int k = kind(utf8::next_code_point(text, i));
            if (previous != 0 && k != 0 && k != previous) out[start] = han_latin_space * size;
            previous = k;
        }
        return out;
    }

    // Returns the break opportunities of text: where ICU's line breaker allows a break, with the pen position,
    // the trailing spaces, the penalty and the characters before each.
    std::vector<BreakPoint> break_points(const std::string& text, const std::vector<ShapedGlyph>& glyphs,
                                         const std::vector<double>& space_before) {
        std::vector<double> advance_at(space_before);   // advances of the clusters starting at each byte
        for (const ShapedGlyph& g : glyphs) advance_at[g.cluster] += g.advance;
        std::vector<double> x(text.size() + 1, 0);
        std::vector<std::size_t> characters(text.size() + 1, 0);
        // Only offsets where a code point starts matter (ICU breaks nowhere else).
        for (std::size_t i = 0; i < text.size();) {
            std::size_t start = i;
            char32_t c = utf8::next_code_point(text, i);
            x[i] = x[start] + advance_at[start];
            characters[i] = characters[start] + (is_visible_character(c) ? 1 : 0);
        }

        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UText, UTextDeleter> ut(
            utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
        std::vector<bool> word_boundary(text.size() + 1, false);
        words->setText(ut.get(), status);
        for (int32_t p = words->first(); p != icu::BreakIterator::DONE; p = words->next())
            word_boundary[static_cast<std::size_t>(p)] = true;
        lines->setText(ut.get(), status);
        if (U_FAILURE(status)) throw Error(ErrorCode::internal, "ICU cannot break the cover's text");

        std::vector<BreakPoint> points;
        for (int32_t p = lines->first(); p != icu::BreakIterator::DONE; p = lines->next()) {
            auto offset = static_cast<std::size_t>(p);
            BreakPoint b;
            b.offset = offset;
            b.x = x[offset];
            b.lead = space_before[offset];
            b.characters = characters[offset];
            std::size_t before = offset;
            bool spaces = false;
            char32_t last = 0;
            while (before > 0) {
                std::size_t k = before;
                char32_t c = utf8::previous_code_point(text, k);
                if (!is_space(c)) {
                    last = c;
                    break;
                }
                spaces = true;
                before = k;
            }
            b.trim = x[offset] - x[before];
            char32_t next = 0;
            if (offset < text.size()) {
                std::size_t k = offset;
                next = utf8::next_code_point(text, k);
            }
            auto category = [](char32_t c) { return U_GET_GC_MASK(static_cast<UChar32>(c)); };
            bool after_mark = last != 0 && u_ispunct(static_cast<UChar32>(last)) &&
                              (category(last) & (U_GC_PS_MASK | U_GC_PI_MASK)) == 0;
            bool before_opening = next != 0 && (category(next) & (U_GC_PS_MASK | U_GC_PI_MASK)) != 0;
            if (spaces || after_mark || before_opening) b.penalty = 0;
            else b.penalty = word_boundary[offset] ? penalty_between_words : penalty_inside_word;
            points.push_back(b);
        }
        if (points.empty() || points.front().offset != 0) points.insert(points.begin(), BreakPoint{});
        return points;
    }
};

TextSetter::TextSetter(const std::string& language, double han_latin_space, DiagnosticSink& sink)
    : impl_(std::make_unique<Impl>(language, han_latin_space, sink)) {}

TextSetter::~TextSetter() = default;

std::size_t TextSetter::add_chain(const style::FontFace& primary, const std::vector<style::FontFace>& fallback) {
    std::vector<std::size_t> chain{impl_->open(fonts::locate_font(primary.family, primary.weight, primary.lang))};
    for (const style::FontFace& f : fallback) {
        try {
            std::size_t id = impl_->open(fonts::locate_font(f.family, f.weight, f.lang));
            if (id != chain.front()) chain.push_back(id);
        } catch (const Error&) {
            // Not installed: the characters only it has are reported as missing when they occur.
        }
    }
    impl_->chains.push_back(std::move(chain));
    return impl_->chains.size() - 1;
}

SetText TextSetter::set(const std::string& text, std::size_t chain, double size, double measure) {
    SetText out;
    out.size = size;
    if (text.empty()) return out;
    const std::vector<std::size_t>& faces = impl_->chains.at(chain);
    for (std::size_t id : faces) impl_->set_size(id, size);
    std::vector<ShapedGlyph> glyphs = impl_->shape(text, faces);
    std::vector<double> space_before = impl_->spaces_before(text, size);
    std::vector<BreakPoint> points = impl_->break_points(text, glyphs, space_before);
    std::vector<std::size_t> ends = balance_lines(points, measure, size);
    std::size_t from = 0;
    for (std::size_t end : ends) {
        std::size_t begin_offset = points[from].offset;
        std::size_t end_offset = points[end].offset;
        // Trailing spaces are not part of the line.
        while (end_offset > begin_offset) {
            std::size_t k = end_offset;
            if (!is_space(utf8::previous_code_point(text, k))) break;
            end_offset = k;
        }
        SetLine line;
        double pen = 0;
        std::size_t spaced = begin_offset;   // the cluster whose space before is taken (none at the line's start)
        for (const ShapedGlyph& g : glyphs) {
            if (g.cluster < begin_offset || g.cluster >= end_offset) continue;
            if (g.cluster != spaced) {
                pen += space_before[g.cluster];
                spaced = g.cluster;
            }
            line.glyphs.push_back(LineGlyph{g.face, g.gid, pen + g.x_offset, -g.y_offset});
            pen += g.advance;
        }
        line.width = pen;
        // Punctuation at either end is centred by its ink: 「 and （ have their blank before it, 、 and ） after.
        auto punctuation_at = [&](std::size_t offset) {
            std::size_t k = offset;
            return offset < text.size() && u_ispunct(static_cast<UChar32>(utf8::next_code_point(text, k)));
        };
        if (!line.glyphs.empty()) {
            const ShapedGlyph* first = nullptr;
            const ShapedGlyph* last = nullptr;
            for (const ShapedGlyph& g : glyphs)
                if (g.cluster >= begin_offset && g.cluster < end_offset) {
                    if (!first) first = &g;
                    last = &g;
                }
            if (punctuation_at(first->cluster)) line.start_blank = impl_->blanks(first->face, first->gid, first->advance).first;
            if (punctuation_at(last->cluster)) line.end_blank = impl_->blanks(last->face, last->gid, last->advance).second;
        }
        out.lines.push_back(std::move(line));
        from = end;
    }
    return out;
}

void TextSetter::draw(const SetText& text, Canvas& canvas, double centre_x, double baseline, double line_pitch, Ink ink) {
    for (std::size_t l = 0; l < text.lines.size(); ++l) {
        const SetLine& line = text.lines[l];
        double left = centre_x - (line.start_blank + line.width - line.end_blank) / 2;
        double y = baseline + line_pitch * static_cast<double>(l);
        for (const LineGlyph& g : line.glyphs) {
            impl_->set_size(g.face, text.size);
            FT_Face face = impl_->faces[g.face].ft.get();
            if (FT_Load_Glyph(face, g.gid, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) continue;
            if (face->glyph->format != FT_GLYPH_FORMAT_OUTLINE) continue;
            // The glyph's origin at a fraction of a pixel: the outline moves by the fraction, the bitmap by
            // whole pixels (FreeType's y grows upwards, the canvas's downwards).
            double gx = left + g.x, gy = y + g.y;
            double ix = std::floor(gx), iy = std::floor(gy);
            FT_Outline_Translate(&face->glyph->outline, std::lround((gx - ix) * 64), -std::lround((gy - iy) * 64));
            if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) continue;
            const FT_Bitmap& bitmap = face->glyph->bitmap;
            if (bitmap.pixel_mode != FT_PIXEL_MODE_GRAY || bitmap.rows == 0 || bitmap.width == 0) continue;
            const std::uint8_t* rows = bitmap.buffer;
            if (bitmap.pitch < 0) rows -= static_cast<long>(bitmap.rows - 1) * bitmap.pitch;
            canvas.composite(static_cast<int>(ix) + face->glyph->bitmap_left, static_cast<int>(iy) - face->glyph->bitmap_top,
                             rows, bitmap.rows, bitmap.width, bitmap.pitch, ink);
        }
    }
}

std::string display_text(const std::string& text, std::size_t max_characters) {
    std::string out;
    bool pending_space = false;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = utf8::next_code_point(text, i);
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (count == max_characters) {
            out += "…";
            break;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        utf8::append(out, c);
        ++count;
    }
    return out;
}

}  // namespace docexport::cover
