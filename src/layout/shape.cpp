#include "layout/shape.hpp"

#include "support/ascii.hpp"
#include "style/style.hpp"
#include "support/code_points.hpp"
#include "support/utf8.hpp"

#include <hb-ot.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <utility>

namespace docexport::layout {

namespace {

constexpr char32_t geta_mark = 0x3013;  // 〓: the typesetter's sign for a missing character

bool is_wide(char32_t c) {
    auto w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

CharClass classify_char_uncached(char32_t c) {
    if (c == '\n') return CharClass::newline;
    if (c == ' ' || c == 0xA0) return CharClass::space;
    if (c < 0x80) return (std::isalnum(static_cast<int>(c)) != 0) ? CharClass::latin : CharClass::other;
    bool alnum = u_isalnum(static_cast<UChar32>(c)) != 0;
    if (is_wide(c)) return alnum ? CharClass::han : CharClass::wide_punct;
    return alnum ? CharClass::latin : CharClass::other;
}

// Characters that belong to the previous character's font (marks, joiners, variation selectors).
bool joins_previous_uncached(char32_t c) {
    if (c == 0x200D || c == 0x200C || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) return true;
    auto gc = u_charType(static_cast<UChar32>(c));
    return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK;
}

// The two properties above for BMP characters, looked up once each (every character of a book asks):
// 0 = not known yet, else 0x80 | joins << 3 | class. Filled by whichever thread asks first (the same value).
std::atomic<std::uint8_t> bmp_properties[0x10000];

std::uint8_t properties(char32_t c) {
    std::uint8_t p = bmp_properties[c].load(std::memory_order_relaxed);
    if (p == 0) {
        p = static_cast<std::uint8_t>(0x80 | (joins_previous_uncached(c) ? 0x08 : 0) |
                                      static_cast<std::uint8_t>(classify_char_uncached(c)));
        bmp_properties[c].store(p, std::memory_order_relaxed);
    }
    return p;
}

CharClass classify_char(char32_t c) {
    return c < 0x10000 ? static_cast<CharClass>(properties(c) & 0x07) : classify_char_uncached(c);
}

bool joins_previous(char32_t c) { return c < 0x10000 ? (properties(c) & 0x08) != 0 : joins_previous_uncached(c); }

// Where a full-width mark leaves its blank half: opening brackets on the left, closing ones on the right.
enum class Blank { none, left, right };

Blank blank_side(char32_t c, bool hans) {
    auto gc = u_charType(static_cast<UChar32>(c));
    if (gc == U_START_PUNCTUATION || gc == U_INITIAL_PUNCTUATION) return Blank::left;
    if (gc == U_END_PUNCTUATION || gc == U_FINAL_PUNCTUATION) return Blank::right;
    // GB style sets pause and stop marks in the left half of the em box; Taiwan and Hong Kong centre them.
    if (hans && (c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E || c == 0xFF1A || c == 0xFF1B)) return Blank::right;
    return Blank::none;
}

// Whether c stands upright in a vertical column (Unicode's Vertical_Orientation U, Tu or Tr): ideographs, kana,
// full-width forms and CJK punctuation; the rest (R: Latin, figures, most symbols) is turned sideways.
bool upright_in_column(char32_t c) {
    return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_VERTICAL_ORIENTATION) != U_VO_ROTATED;
}

// Marks as combined (tate-chu-yoko) the sideways items of vertical text that are one to max ASCII figures
// and nothing else, between upright text or line ends: 2月19日, 第8屆. Longer numbers, decimals, dates in
// figures and Latin stay sideways.
template <class ItemT>
void mark_combined(const std::string& s, int max, std::vector<ItemT>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
        ItemT& item = items[k];
        if (item.newline || item.object >= 0 || item.font < 0 || item.setting != ShapedCluster::Setting::horizontal) continue;
        auto n = static_cast<int>(item.end - item.begin);
        if (n > max) continue;
        bool figures = true;
        for (std::uint32_t i = item.begin; i < item.end && figures; ++i) figures = s[i] >= '0' && s[i] <= '9';
        if (!figures) continue;
        // A neighbouring sideways item (another style's figures or letters) makes the number part of a longer
        // sideways run.
        auto sideways = [&](std::size_t j) {
            const ItemT& o = items[j];
            return !o.newline && o.object < 0 && o.setting != ShapedCluster::Setting::vertical;
        };
        if (k > 0 && items[k - 1].end == item.begin && sideways(k - 1)) continue;
        if (k + 1 < items.size() && items[k + 1].begin == item.end && sideways(k + 1)) continue;
        item.setting = ShapedCluster::Setting::combined;
    }
}

bool never_split_pair(char32_t a, char32_t b) {
    return a == b && (a == 0x2026 || a == 0x22EF || a == 0x2014 || a == 0x2E3A);
}

std::uint32_t be16(std::string_view t, std::size_t at) {
    if (at + 1 >= t.size()) return 0;
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(t[at])) << 8) | static_cast<unsigned char>(t[at + 1]);
}

struct LookupInfo {
    std::uint32_t type = 0;    // 0 when the table cannot be read (treated as contextual)
    std::uint32_t flags = 0;
};

// Returns each lookup's type (extension lookups resolved) and flags, read from the raw GSUB or GPOS table:
// HarfBuzz tells which lookups a plan applies, not what kind they are.
std::vector<LookupInfo> lookup_infos(hb_face_t* face, hb_tag_t tag, std::uint32_t extension_type) {
    hb_blob_t* blob = hb_face_reference_table(face, tag);
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    std::string_view t = data ? std::string_view(data, len) : std::string_view();
    std::vector<LookupInfo> out;
    if (t.size() >= 10) {
        std::size_t list = be16(t, 8);
        std::size_t count = be16(t, list);
        for (std::size_t i = 0; i < count; ++i) {
            std::size_t at = list + be16(t, list + 2 + 2 * i);
            LookupInfo info{be16(t, at), be16(t, at + 2)};
            if (info.type == extension_type && be16(t, at + 4) > 0) info.type = be16(t, at + be16(t, at + 6) + 2);
            out.push_back(info);
        }
    }
    hb_blob_destroy(blob);
    return out;
}

// Scripts whose shaping is the lookups alone (no shaper logic that looks at neighbouring characters).
bool simple_script(hb_script_t s) {
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA || s == HB_SCRIPT_BOPOMOFO ||
           s == HB_SCRIPT_LATIN || s == HB_SCRIPT_GREEK || s == HB_SCRIPT_CYRILLIC || s == HB_SCRIPT_COMMON;
}

// Letters, digits, punctuation and symbols: no marks, spaces, controls, joiners or variation selectors.
bool plain_character(char32_t c) {
    switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER: case U_MODIFIER_LETTER:
    case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER: case U_CONNECTOR_PUNCTUATION: case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION: case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION: case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
        return true;
    default:
        return false;
    }
}

}  // namespace

// The context-free fast path for one font and script. A glyph that no contextual lookup of the shaping plan
// can look at (as input, backtrack, lookahead or pair member; GSUB 1 and 3 and GPOS 1 are context-free) shapes
// the same alone as inside a run: such characters are shaped once and their glyph reused, and only the
// characters in between go through hb_shape. Fonts with a legacy 'kern' table or AAT tables, lookups that skip
// base glyphs, and scripts with their own shaper logic take the whole-run path.
struct Shaper::FastPath {
    struct Glyph {
        std::uint32_t gid = 0;
        hb_position_t x_advance = 0, x_offset = 0, y_offset = 0;
    };
    int font = -1;
    hb_script_t script = HB_SCRIPT_INVALID;
    hb_direction_t direction = HB_DIRECTION_LTR;
    bool usable = false;
    hb_set_t* interacting = nullptr;
    std::vector<std::uint8_t> state;   // per BMP code point: 0 not known yet, 1 shaped in runs, 2 cached
    std::vector<Glyph> glyphs;

    ~FastPath() { hb_set_destroy(interacting); }
};

Shaper::FastPath& Shaper::fast_path(int font_index, hb_script_t script, hb_direction_t direction) {
    for (auto& f : fast_)
        if (f->font == font_index && f->script == script && f->direction == direction) return *f;
    auto fp = std::make_unique<FastPath>();
    fp->font = font_index;
    fp->script = script;
    fp->direction = direction;
    fp->interacting = hb_set_create();
    const fonts::Font& font = fonts_.font(static_cast<std::size_t>(font_index));
    hb_face_t* face = font.face();
    auto has_table = [&](const char* tag) {
        hb_blob_t* b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
        bool has = hb_blob_get_length(b) > 0;
        hb_blob_destroy(b);
        return has;
    };
    fp->usable = simple_script(script) && !has_table("kern") && !has_table("morx") && !has_table("mort");
    if (fp->usable) {
        hb_segment_properties_t props = HB_SEGMENT_PROPERTIES_DEFAULT;
        props.direction = direction;
        props.script = script;
        props.language = language_;
        hb_shape_plan_t* plan = hb_shape_plan_create_cached(face, &props, features_.data(),
                                                            static_cast<unsigned>(features_.size()), nullptr);
        struct ContextFree {
            hb_set_t* input;
            hb_set_t* output;
        };
        std::vector<ContextFree> context_free;
        for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
            bool gsub = table == HB_OT_TAG_GSUB;
            std::vector<LookupInfo> infos = lookup_infos(face, table, gsub ? 7 : 9);
            hb_set_t* lookups = hb_set_create();
            hb_ot_shape_plan_collect_lookups(plan, table, lookups);
            for (hb_codepoint_t l = HB_SET_VALUE_INVALID; hb_set_next(lookups, &l);) {
                LookupInfo info = l < infos.size() ? infos[l] : LookupInfo{};
                bool free = gsub ? (info.type == 1 || info.type == 3) : info.type == 1;
                hb_set_t* before = hb_set_create();
                hb_set_t* input = hb_set_create();
                hb_set_t* after = hb_set_create();
                hb_set_t* output = hb_set_create();
                hb_ot_layout_lookup_collect_glyphs(face, table, l, before, input, after, output);
                if (free) {
                    context_free.push_back(ContextFree{hb_set_reference(input), hb_set_reference(output)});
                } else {
                    if (info.flags & 0x0002) fp->usable = false;   // IgnoreBaseGlyphs: may look past any glyph
                    for (hb_set_t* set : {before, input, after, output}) hb_set_union(fp->interacting, set);
                }
                for (hb_set_t* set : {before, input, after, output}) hb_set_destroy(set);
            }
            hb_set_destroy(lookups);
        }
        // A context-free substitution into a glyph that a contextual lookup looks at makes its input interacting.
        for (bool changed = true; changed;) {
            changed = false;
            for (const ContextFree& cf : context_free) {
                bool reaches = false;
                for (hb_codepoint_t g = HB_SET_VALUE_INVALID; !reaches && hb_set_next(cf.output, &g);)
                    reaches = hb_set_has(fp->interacting, g);
                if (!reaches) continue;
                for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(cf.input, &g);)
                    if (!hb_set_has(fp->interacting, g)) {
                        hb_set_add(fp->interacting, g);
                        changed = true;
                    }
            }
        }
        for (const ContextFree& cf : context_free) {
            hb_set_destroy(cf.input);
            hb_set_destroy(cf.output);
        }
        hb_shape_plan_destroy(plan);
        fp->state.assign(0x10000, 0);
        fp->glyphs.resize(0x10000);
    }
    fast_.push_back(std::move(fp));
    return *fast_.back();
}

struct Shaper::Item {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t span = 0;
    int font = -1;   // -1: no font has these characters
    hb_script_t script = HB_SCRIPT_COMMON;
    bool newline = false;
    std::int32_t object = -1;   // an inline object's U+FFFC (into InlineText::objects)
    ShapedCluster::Setting setting = ShapedCluster::Setting::horizontal;
};

void ShapedText::clear() {
    glyphs.clear();
    clusters.clear();
    rubies.clear();
    ruby_glyphs.clear();
    ruby_clusters.clear();
}

Shaper::Shaper(FontChains& fonts, const LayoutSettings& settings, const std::string& language, DiagnosticSink& sink)
    : fonts_(fonts), settings_(settings), sink_(sink),
      breaker_(BreakRules{settings.prohibition, true}), buffer_(hb_buffer_create()) {
    language_ = hb_language_from_string(language.c_str(), -1);
    std::string lower = support::ascii_lower(language);
    hans_ = lower.find("hans") != std::string::npos || lower == "zh-cn" || lower == "zh-sg" || lower == "zh";
    vertical_ = settings.vertical;
    for (const auto& f : settings.features) {
        hb_feature_t feature;
        if (hb_feature_from_string(f.c_str(), -1, &feature)) features_.push_back(feature);
        else sink_.warn({}, "unknown font feature '" + f + "' in the layout settings; ignored");
    }
    // A document in a language not written in CJK (English, say) set in a CJK font: its quotes and apostrophes
    // (’ “ ”), full-width in CJK fonts, take the font's proportional forms, as Latin text sets them.
    std::string script = style::script_for_language(language);
    if (!language.empty() && script == "latn") {
        hb_feature_t pwid;
        if (hb_feature_from_string("pwid", -1, &pwid)) features_.push_back(pwid);
    }
}

Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

void Shaper::forget_fast_paths() { fast_.clear(); }

std::vector<MissingChar> Shaper::take_missing() {
    seen_missing_.clear();
    return std::exchange(missing_, {});
}

void Shaper::shape(const InlineText& text, ShapedText& out) {
    shape_text(text, out);
    if (!text.rubies.empty() && !out.clusters.empty()) shape_rubies(text, out);
}

void Shaper::shape_text(const InlineText& text, ShapedText& out) {
    out.clear();
    const std::string& s = text.text;
    if (s.empty()) return;
    breaker_.find_breaks(s, breaks_);
    if (!text.objects.empty()) allow_object_breaks(text);
    // A ruby base is one unbreakable group.
    for (const RubySpan& r : text.rubies)
        for (std::uint32_t k = r.begin + 1; k < r.end && k < breaks_.size(); ++k)
            if (breaks_[k] == BreakKind::allowed) breaks_[k] = BreakKind::none;

    // Itemise: runs of one span, one font and one script.
    items_.clear();
    hb_unicode_funcs_t* ufuncs = hb_unicode_funcs_get_default();
    std::size_t span = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        auto at = static_cast<std::uint32_t>(i);
        char32_t c = utf8::next_code_point(s, i);
        while (span + 1 < text.spans.size() && text.spans[span].end <= at) ++span;
        const TextStyle& style = text.spans.empty() ? TextStyle{} : text.spans[span].style;
        auto end = static_cast<std::uint32_t>(i);
        if (c == '\n') {
            items_.push_back(Item{at, end, static_cast<std::uint32_t>(span), -1, HB_SCRIPT_COMMON, true});
            continue;
        }
        if (c == 0xFFFC && !text.objects.empty()) {
            std::int32_t object = text.object_at(at);
            if (object >= 0) {
                items_.push_back(Item{at, end, static_cast<std::uint32_t>(span), -1, HB_SCRIPT_COMMON, false, object});
                continue;
            }
        }
        hb_script_t script = hb_unicode_script(ufuncs, c);
        bool neutral = script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN;
        Item* last = items_.empty() || items_.back().newline || items_.back().object >= 0 ? nullptr : &items_.back();
        bool joins = joins_previous(c);
        // Vertical text: characters that stand upright in a column (Unicode's Vertical_Orientation U, Tu, Tr)
        // are shaped top to bottom, the others (Latin, figures) left to right and turned sideways.
        auto setting = ShapedCluster::Setting::horizontal;
        if (vertical_) {
            bool upright = joins && last ? last->setting == ShapedCluster::Setting::vertical
                                         : upright_in_column(c) || (zhuyin_ && support::is_zhuyin_char(c));
            if (upright) setting = ShapedCluster::Setting::vertical;
        }
        bool same_span = last && last->span == span && last->setting == setting;
        int font = (same_span && joins) ? last->font : fonts_.font_for(style.role, c);
        if (c == ' ' && same_span && last->font >= 0) font = last->font;   // spaces stay in the run
        if (same_span && last->font == font && font >= 0 && (neutral || last->script == script || last->script == HB_SCRIPT_COMMON)) {
            if (!neutral) last->script = script;
            last->end = end;
            continue;
        }
        Item item{at, end, static_cast<std::uint32_t>(span), font, neutral ? HB_SCRIPT_COMMON : script, false, -1, setting};
        // Neutral characters at a run start take the script of the run before them, if they share its font.
        if (neutral && last && last->font == font) item.script = last->script;
        items_.push_back(item);
    }

    if (vertical_ && settings_.tate_chu_yoko > 0) mark_combined(s, settings_.tate_chu_yoko, items_);
    // Vertical text: a run of dashes alone between upright characters (濟南-青島, 1949—2019年 is not one).
    auto lone_dash = [&](std::size_t k) {
        const Item& item = items_[k];
        if (!vertical_ || item.setting != ShapedCluster::Setting::horizontal || item.font < 0) return false;
        auto upright = [&](std::size_t j) { return items_[j].setting == ShapedCluster::Setting::vertical; };
        if (k == 0 || k + 1 >= items_.size() || items_[k - 1].end != item.begin || items_[k + 1].begin != item.end ||
            !upright(k - 1) || !upright(k + 1))
            return false;
        for (std::size_t at = item.begin; at < item.end;) {
            char32_t c = utf8::next_code_point(s, at);
            if (c != U'-' && (c < 0x2010 || c > 0x2015) && c != 0x2212) return false;
        }
        return true;
    };
    for (std::size_t k = 0; k < items_.size(); ++k) {
        const Item& item = items_[k];
        if (item.newline) {
            ShapedCluster c;
            c.text_begin = item.begin;
            c.text_end = item.end;
            c.glyph_begin = c.glyph_end = static_cast<std::uint32_t>(out.glyphs.size());
            c.span = item.span;
            c.font = static_cast<std::uint32_t>(fonts_.primary(Role::body));
            out.clusters.push_back(c);
        } else if (item.object >= 0) {
            add_object(text, item, out);
        } else if (item.font < 0) {
            add_missing(text, item, out);
        } else if (item.setting == ShapedCluster::Setting::combined) {
            shape_combined(text, item, out);
        } else {
            auto glyphs = static_cast<std::uint32_t>(out.glyphs.size());
            shape_item(text, item, out);
            if (lone_dash(k))
                centre_sideways_dash(fonts_.font(static_cast<std::size_t>(item.font)),
                                     text.spans.empty() ? settings_.font_size : text.spans[item.span].style.size, glyphs,
                                     static_cast<std::uint32_t>(out.glyphs.size()), out);
        }
    }
    classify(text, out);
}

void Shaper::shape_buffer(const fonts::Font& font, hb_script_t script, hb_direction_t direction,
                          const std::vector<hb_feature_t>* features) {
    if (!features) features = &features_;
    hb_buffer_set_direction(buffer_, direction);
    hb_buffer_set_script(buffer_, script);
    hb_buffer_set_language(buffer_, language_);
    hb_buffer_set_cluster_level(buffer_, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_shape(font.font(), buffer_, features->data(), static_cast<unsigned>(features->size()));
}

void Shaper::vertical_position(const fonts::Font& font, hb_codepoint_t gid, hb_glyph_position_t& pos) const {
    // HarfBuzz puts a glyph shaped top to bottom at pen + offset by its horizontal origin: the offset holds minus
    // the vertical origin. Without it, what is left is the lookups' adjustment of the vertical origin.
    hb_position_t vx = 0, vy = 0;
    hb_font_get_glyph_v_origin(font.font(), gid, &vx, &vy);
    hb_position_t inline_advance = -pos.y_advance;
    hb_position_t along = -(pos.y_offset + vy);   // downwards
    hb_position_t across = pos.x_offset + vx;     // to the right
    pos.x_advance = inline_advance;
    pos.y_advance = 0;
    pos.x_offset = along;
    pos.y_offset = across;
}

void Shaper::shape_combined(const InlineText& text, const Item& item, ShapedText& out) {
    const std::string& s = text.text;
    const fonts::Font& font = fonts_.font(static_cast<std::size_t>(item.font));
    const TextStyle& style = text.spans.empty() ? TextStyle{} : text.spans[item.span].style;
    double scale = style.size / font.upem();
    std::size_t figures = item.end - item.begin;   // ASCII figures, a byte each (mark_combined)
    // Two figures take half-width forms and three third-width ones (fonts that have them), so that they fit
    // the column's em.
    std::vector<hb_feature_t> features = features_;
    if (figures == 2 || figures == 3) {
        hb_feature_t f{hb_tag_from_string(figures == 2 ? "hwid" : "twid", 4), 1, HB_FEATURE_GLOBAL_START,
                       HB_FEATURE_GLOBAL_END};
        features.push_back(f);
    }
    hb_buffer_clear_contents(buffer_);
    hb_buffer_add_utf8(buffer_, s.data(), static_cast<int>(s.size()), item.begin, static_cast<int>(item.end - item.begin));
    shape_buffer(font, HB_SCRIPT_LATIN, HB_DIRECTION_LTR, &features);
    unsigned count = 0;
    hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer_, &count);
    hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer_, &count);
    double width = 0;
    for (unsigned g = 0; g < count; ++g) width += positions[g].x_advance * scale;
    double em = style.size;
    ShapedCluster cl;
    cl.text_begin = item.begin;
    cl.text_end = item.end;
    cl.glyph_begin = static_cast<std::uint32_t>(out.glyphs.size());
    cl.span = item.span;
    cl.font = static_cast<std::uint32_t>(item.font);
    cl.setting = ShapedCluster::Setting::combined;
    double pen = (em - width) / 2;
    for (unsigned g = 0; g < count; ++g) {
        std::uint32_t gid = infos[g].codepoint != 0 ? infos[g].codepoint : font.glyph_for(geta_mark);
        out.glyphs.push_back(ShapedGlyph{gid, positions[g].x_advance * scale, pen + positions[g].x_offset * scale,
                                         positions[g].y_offset * scale});
        pen += positions[g].x_advance * scale;
    }
    cl.glyph_end = static_cast<std::uint32_t>(out.glyphs.size());
    cl.width = em;
    out.clusters.push_back(cl);
}

void Shaper::shape_item(const InlineText& text, const Item& item, ShapedText& out) {
    hb_script_t script = item.script == HB_SCRIPT_COMMON ? HB_SCRIPT_HAN : item.script;
    bool ttb = item.setting == ShapedCluster::Setting::vertical;
    hb_direction_t direction = ttb ? HB_DIRECTION_TTB : HB_DIRECTION_LTR;
    FastPath* fp = fast_enabled_ ? &fast_path(item.font, script, direction) : nullptr;
    if (!fp || !fp->usable) {
        shape_range(text, item, item.begin, item.end, out);
        return;
    }
    const std::string& s = text.text;
    const fonts::Font& font = fonts_.font(static_cast<std::size_t>(item.font));
    const TextStyle& style = text.spans.empty() ? TextStyle{} : text.spans[item.span].style;
    double scale = style.size / font.upem();
    std::uint32_t pending = item.begin;   // start of the characters not shaped yet
    char32_t prev = 0;
    std::size_t i = item.begin;
    while (i < item.end) {
        auto at = static_cast<std::uint32_t>(i);
        char32_t c = utf8::next_code_point(s, i);
        bool cached = c < 0x10000 && prev != 0x200D && prev != 0x200C;
        prev = c;
        if (cached && fp->state[c] == 0) {
            // First sight: is c context-free in this font?
            fp->state[c] = 1;
            hb_codepoint_t g0 = 0;
            if (plain_character(c) && hb_font_get_nominal_glyph(font.font(), c, &g0) && g0 != 0 &&
                !hb_set_has(fp->interacting, g0) && hb_ot_layout_get_glyph_class(font.face(), g0) != HB_OT_LAYOUT_GLYPH_CLASS_MARK) {
                hb_buffer_clear_contents(buffer_);
                hb_buffer_add_utf32(buffer_, reinterpret_cast<const std::uint32_t*>(&c), 1, 0, 1);
                shape_buffer(font, script, direction);
                unsigned count = 0;
                hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer_, &count);
                hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer_, &count);
                if (count == 1 && ttb) vertical_position(font, infos[0].codepoint, positions[0]);
                if (count == 1 && infos[0].codepoint != 0 && !hb_set_has(fp->interacting, infos[0].codepoint) &&
                    hb_ot_layout_get_glyph_class(font.face(), infos[0].codepoint) != HB_OT_LAYOUT_GLYPH_CLASS_MARK) {
                    fp->glyphs[c] = FastPath::Glyph{infos[0].codepoint, positions[0].x_advance, positions[0].x_offset,
                                                    positions[0].y_offset};
                    fp->state[c] = 2;
                }
            }
        }
        if (!cached || fp->state[c] != 2) continue;
        if (i < item.end) {
            // A following mark, joiner or variation selector belongs to c's cluster.
            std::size_t j = i;
            if (joins_previous(utf8::next_code_point(s, j))) continue;
        }
        if (pending < at) shape_range(text, item, pending, at, out);
        const FastPath::Glyph& g = fp->glyphs[c];
        ShapedCluster cl;
        cl.text_begin = at;
        cl.text_end = static_cast<std::uint32_t>(i);
        cl.glyph_begin = static_cast<std::uint32_t>(out.glyphs.size());
        cl.span = item.span;
        cl.font = static_cast<std::uint32_t>(item.font);
        cl.setting = item.setting;
        out.glyphs.push_back(ShapedGlyph{g.gid, g.x_advance * scale, g.x_offset * scale, g.y_offset * scale});
        cl.glyph_end = cl.glyph_begin + 1;
        cl.width = out.glyphs.back().advance;
        out.clusters.push_back(cl);
        pending = static_cast<std::uint32_t>(i);
    }
    if (pending < item.end) shape_range(text, item, pending, item.end, out);
}

void Shaper::shape_range(const InlineText& text, const Item& item, std::uint32_t begin, std::uint32_t end,
                         ShapedText& out) {
    const std::string& s = text.text;
    const fonts::Font& font = fonts_.font(static_cast<std::size_t>(item.font));
    const TextStyle& style = text.spans.empty() ? TextStyle{} : text.spans[item.span].style;
    double scale = style.size / font.upem();

    hb_buffer_clear_contents(buffer_);
    hb_buffer_add_utf8(buffer_, s.data(), static_cast<int>(s.size()), begin, static_cast<int>(end - begin));
    bool ttb = item.setting == ShapedCluster::Setting::vertical;
    shape_buffer(font, item.script == HB_SCRIPT_COMMON ? HB_SCRIPT_HAN : item.script,
                 ttb ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);

    unsigned count = 0;
    hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer_, &count);
    hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer_, &count);
    if (ttb)
        for (unsigned g = 0; g < count; ++g) vertical_position(font, infos[g].codepoint, positions[g]);
    std::size_t first_cluster = out.clusters.size();
    for (unsigned g = 0; g < count; ++g) {
        if (g == 0 || infos[g].cluster != infos[g - 1].cluster) {
            if (out.clusters.size() > first_cluster) out.clusters.back().text_end = infos[g].cluster;
            ShapedCluster c;
            c.text_begin = infos[g].cluster;
            c.glyph_begin = static_cast<std::uint32_t>(out.glyphs.size());
            c.span = item.span;
            c.font = static_cast<std::uint32_t>(item.font);
            c.setting = item.setting;
            out.clusters.push_back(c);
        }
        ShapedGlyph glyph{infos[g].codepoint, positions[g].x_advance * scale, positions[g].x_offset * scale,
                          positions[g].y_offset * scale};
        out.glyphs.push_back(glyph);
        ShapedCluster& c = out.clusters.back();
        c.glyph_end = static_cast<std::uint32_t>(out.glyphs.size());
        c.width += glyph.advance;
    }
    if (out.clusters.size() > first_cluster) out.clusters.back().text_end = end;

    // A glyph the font lacks despite its cmap (a broken sequence): set the geta mark, never .notdef.
    for (std::size_t k = first_cluster; k < out.clusters.size(); ++k) {
        ShapedCluster& c = out.clusters[k];
        for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g)
            if (out.glyphs[g].gid == 0) {
                std::uint32_t geta = font.glyph_for(geta_mark);
                out.glyphs[g].gid = geta;
                if (geta == 0) out.glyphs[g].advance = 0;
            }
    }
}

void Shaper::add_missing(const InlineText& text, const Item& item, ShapedText& out) {
    const std::string& s = text.text;
    const StyledSpan* span = text.spans.empty() ? nullptr : &text.spans[item.span];
    TextStyle style = span ? span->style : TextStyle{};
    std::size_t font_index = fonts_.primary(style.role);
    const fonts::Font& font = fonts_.font(font_index);
    std::uint32_t geta = font.glyph_for(geta_mark);
    bool ttb = item.setting == ShapedCluster::Setting::vertical;
    double advance = !geta ? 0
                     : ttb ? -hb_font_get_glyph_v_advance(font.font(), geta) * style.size / font.upem()
                           : hb_font_get_glyph_h_advance(font.font(), geta) * style.size / font.upem();
    std::size_t i = item.begin;
    while (i < item.end) {
        std::size_t at = i;
        char32_t c = utf8::next_code_point(s, i);
        if (seen_missing_.insert(c).second) {
            SourcePos pos = span ? span->pos : SourcePos{};
            if (span && pos.col > 0) {
                // The column of the character inside its inline (when the inline is on one line).
                std::string_view before(s.data() + span->begin, at - span->begin);
                if (before.find('\n') == std::string_view::npos) {
                    std::uint32_t n = 0;
                    for (std::size_t k = 0; k < before.size(); ) { utf8::next_code_point(before, k); ++n; }
                    pos.col += n;
                }
            }
            missing_.push_back(MissingChar{c, pos});
        }
        ShapedCluster cl;
        cl.text_begin = static_cast<std::uint32_t>(at);
        cl.text_end = static_cast<std::uint32_t>(i);
        cl.glyph_begin = static_cast<std::uint32_t>(out.glyphs.size());
        cl.span = item.span;
        cl.font = static_cast<std::uint32_t>(font_index);
        cl.setting = item.setting;
        if (geta) out.glyphs.push_back(ShapedGlyph{geta, advance, 0, 0});
        cl.glyph_end = static_cast<std::uint32_t>(out.glyphs.size());
        cl.width = geta ? advance : 0;
        out.clusters.push_back(cl);
    }
}

void Shaper::add_object(const InlineText& text, const Item& item, ShapedText& out) {
    const InlineObject& object = text.objects[static_cast<std::size_t>(item.object)];
    Role role = text.spans.empty() ? Role::body : text.spans[item.span].style.role;
    std::size_t font_index = fonts_.primary(role);
    ShapedCluster cl;
    cl.text_begin = item.begin;
    cl.text_end = item.end;
    cl.glyph_begin = static_cast<std::uint32_t>(out.glyphs.size());
    cl.span = item.span;
    cl.font = static_cast<std::uint32_t>(font_index);
    // No glyph for U+FFFC: the space glyph (no ink; drawn invisibly) carries the alt text in the text layer.
    if (std::uint32_t space = fonts_.font(font_index).glyph_for(U' '); space != 0)
        out.glyphs.push_back(ShapedGlyph{space, object.width, 0, 0});
    cl.glyph_end = static_cast<std::uint32_t>(out.glyphs.size());
    cl.width = object.width;
    cl.object = item.object;
    out.clusters.push_back(cl);
}

void Shaper::allow_object_breaks(const InlineText& text) {
    const std::string& s = text.text;
    Prohibition level = breaker_.rules().prohibition;
    for (const InlineObject& object : text.objects) {
        std::size_t before = object.at, after = object.at + object_replacement.size();
        if (after > s.size()) continue;
        if (before > 0 && breaks_[before] == BreakKind::none) {
            std::size_t j = before;
            char32_t prev = utf8::previous_code_point(s, j);
            if (prev != ' ' && prev != '\n' && !never_ends_line(prev, level)) breaks_[before] = BreakKind::allowed;
        }
        if (after < s.size() && breaks_[after] == BreakKind::none) {
            std::size_t j = after;
            char32_t next = utf8::next_code_point(s, j);
            if (next != ' ' && next != '\n' && !never_starts_line(next, level)) breaks_[after] = BreakKind::allowed;
        }
    }
}

void Shaper::classify(const InlineText& text, ShapedText& out) {
    const std::string& s = text.text;
    char32_t prev_last = 0;
    for (std::size_t k = 0; k < out.clusters.size(); ++k) {
        ShapedCluster& c = out.clusters[k];
        std::size_t i = c.text_begin;
        char32_t first = utf8::next_code_point(s, i);
        std::size_t j = c.text_end;
        char32_t last = j > c.text_begin ? utf8::previous_code_point(s, j) : first;
        c.first = classify_char(first);
        c.last = classify_char(last);
        if (c.object >= 0 || c.setting == ShapedCluster::Setting::combined)
            c.first = c.last = CharClass::han;   // set like an ideograph
        c.break_before = breaks_[c.text_begin];
        if (k == 0) {
            prev_last = last;
            continue;
        }
        ShapedCluster& p = out.clusters[k - 1];
        double size = text.spans.empty() ? settings_.font_size : text.spans[c.span].style.size;
        // clreq: ¼ em between Han and Latin letters or digits (a space in the source is not doubled).
        if ((p.last == CharClass::han && c.first == CharClass::latin) || (p.last == CharClass::latin && c.first == CharClass::han))
            c.space_before = settings_.han_latin_space_em * size;
        // Justification space: between characters of CJK text and after spaces, not inside Latin words.
        bool wide = p.last == CharClass::han || p.last == CharClass::wide_punct || c.first == CharClass::han ||
                    c.first == CharClass::wide_punct;
        c.stretch_before = c.first != CharClass::newline && p.last != CharClass::newline &&
                           (wide || p.last == CharClass::space) && !never_split_pair(prev_last, first);
        // clreq 3.1.6: two adjacent full-width marks take 1.5 em: the first loses its blank right half, else
        // the second its blank left half. Always in Simplified Chinese, whose marks sit in a corner of the em
        // (）、 。” ，“); in Traditional Chinese's centred style (full-width) never, by the style otherwise.
        // Curly quotes count when the font sets them a full em wide (CJK fonts; their width is ambiguous).
        auto quote = [](char32_t ch) { return ch == 0x2018 || ch == 0x2019 || ch == 0x201C || ch == 0x201D; };
        if ((settings_.compress_adjacent_punctuation || hans_) &&
            (p.last == CharClass::wide_punct || quote(prev_last)) && (c.first == CharClass::wide_punct || quote(first)) &&
            p.glyph_end - p.glyph_begin == 1 && c.glyph_end - c.glyph_begin == 1) {
            double em = size;
            ShapedGlyph& pg = out.glyphs[p.glyph_begin];
            ShapedGlyph& cg = out.glyphs[c.glyph_begin];
            bool p_full = std::abs(p.width - em) < 0.05 * em;
            bool c_full = std::abs(c.width - em) < 0.05 * em;
            if (p_full && blank_side(prev_last, hans_) == Blank::right) {
                pg.advance -= em / 2;
                p.width -= em / 2;
            } else if (c_full && blank_side(first, hans_) == Blank::left) {
                cg.advance -= em / 2;
                cg.x_offset -= em / 2;
                c.width -= em / 2;
            }
        }
        prev_last = last;
    }
}

ZhuyinPart zhuyin_part(const std::string& annotation, const ShapedCluster& cluster) {
    std::size_t i = cluster.text_begin;
    char32_t c = i < annotation.size() ? utf8::next_code_point(annotation, i) : 0;
    if (c == support::zhuyin_light_tone) return ZhuyinPart::light;
    if (support::is_zhuyin_tone_mark(c)) return ZhuyinPart::tone;
    return ZhuyinPart::symbol;
}

// Moves the ink of a zhuyin annotation's tone marks and light-tone dot to the centre of their em boxes (they
// come from fonts that draw them as accents, high or low in the box), so that finalize.cpp can put each where
// clreq puts it by its em box: the offsets become those of a vertical glyph whose ink centre is half an em
// below its em box's top centre.
void Shaper::centre_zhuyin_marks(const std::string& annotation, double size, ShapedText& shaped) const {
    for (const ShapedCluster& c : shaped.clusters) {
        if (c.glyph_begin == c.glyph_end || zhuyin_part(annotation, c) == ZhuyinPart::symbol) continue;
        const fonts::Font& font = fonts_.font(c.font);
        double scale = size / font.upem();
        for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) {
            ShapedGlyph& sg = shaped.glyphs[g];
            hb_glyph_extents_t ink{};
            hb_position_t vx = 0, vy = 0;
            if (!hb_font_get_glyph_extents(font.font(), sg.gid, &ink)) continue;
            hb_font_get_glyph_v_origin(font.font(), sg.gid, &vx, &vy);
            double cx = ink.x_bearing + ink.width / 2.0 - vx;    // right of the vertical origin (font units, y up)
            double cy = ink.y_bearing + ink.height / 2.0 - vy;   // above it
            sg.x_offset = size / 2 + cy * scale;                 // along the column, downwards
            sg.y_offset = -cx * scale;                           // across it, to the right
        }
    }
}

void Shaper::centre_sideways_dash(const fonts::Font& font, double size, std::uint32_t begin, std::uint32_t end,
                                  ShapedText& out) const {
    double scale = size / font.upem();
    for (std::uint32_t g = begin; g < end; ++g) {
        hb_glyph_extents_t ink{};
        if (!hb_font_get_glyph_extents(font.font(), out.glyphs[g].gid, &ink) || ink.height == 0) continue;
        double above = (ink.y_bearing + ink.height / 2.0) * scale;   // the ink's centre above the baseline
        // The column's centre line is (em_box_ascent - 0.5) em above a sideways glyph's baseline.
        out.glyphs[g].y_offset = (em_box_ascent - 0.5) * size - above;
    }
}

// Ruby (horizontal): the annotation is centred over its base. When it is wider than the base (plus the least
// space between annotations), the excess goes half to each side; a side may overhang its neighbouring
// character by up to ruby_overhang_em (and never more than half of it) when that character is Han or wide
// punctuation outside any ruby base. What one side cannot overhang goes to the other side if that side can
// take it (the annotation moves off centre), and only what neither can is added as space beside the base
// (the base is spaced out, evenly). Line starts and ends are handled where the line is placed (finalize.cpp).
void Shaper::shape_rubies(const InlineText& text, ShapedText& out) {
    auto n = static_cast<std::uint32_t>(out.clusters.size());
    std::uint32_t k = 0;
    for (std::uint32_t r = 0; r < text.rubies.size(); ++r) {
        const RubySpan& span = text.rubies[r];
        while (k < n && out.clusters[k].text_end <= span.begin) ++k;
        std::uint32_t first = k;
        while (k < n && out.clusters[k].text_begin < span.end) ++k;
        if (first == k) continue;
        ShapedRuby ruby;
        ruby.ruby = r;
        ruby.base_begin = first;
        ruby.base_end = k;
        // Zhuyin over one Han character is a column of symbols beside it (docs/layout.md, "Zhuyin").
        bool zhuyin = k == first + 1 && out.clusters[first].first == CharClass::han && support::is_zhuyin(span.annotation);
        if (zhuyin) ruby.place = vertical_ ? ShapedRuby::Place::column : ShapedRuby::Place::beside;
        ruby.size = span.style.size * (zhuyin ? settings_.zhuyin_size_em : settings_.ruby_size_em);
        ruby.spacing = settings_.ruby_spacing_em * ruby.size;
        // Shape the annotation as a paragraph of its own, in the base's role at the annotation size (zhuyin top to
        // bottom, its tone marks upright).
        annotation_.clear();
        TextStyle style = span.style;
        style.size = ruby.size;
        style.link = -1;
        annotation_.append(span.annotation, style, span.pos);
        bool was_vertical = vertical_;
        vertical_ = vertical_ || zhuyin;
        zhuyin_ = zhuyin;
        shape_text(annotation_, annotation_shaped_);
        vertical_ = was_vertical;
        zhuyin_ = false;
        if (zhuyin) centre_zhuyin_marks(span.annotation, ruby.size, annotation_shaped_);
        auto glyph_offset = static_cast<std::uint32_t>(out.ruby_glyphs.size());
        ruby.cluster_begin = static_cast<std::uint32_t>(out.ruby_clusters.size());
        for (std::size_t c = 0; c < annotation_shaped_.clusters.size(); ++c) {
            ShapedCluster cl = annotation_shaped_.clusters[c];
            if (cl.first == CharClass::newline) continue;
            ruby.width += cl.width + (c > 0 ? cl.space_before : 0);
            cl.glyph_begin += glyph_offset;
            cl.glyph_end += glyph_offset;
            out.ruby_clusters.push_back(cl);
        }
        ruby.cluster_end = static_cast<std::uint32_t>(out.ruby_clusters.size());
        out.ruby_glyphs.insert(out.ruby_glyphs.end(), annotation_shaped_.glyphs.begin(), annotation_shaped_.glyphs.end());
        double base_size = span.style.size;
        double gap = zhuyin ? settings_.zhuyin_gap_em * base_size : settings_.ruby_gap_em * ruby.size;
        // Across the line: the annotation's em box sits gap above the base's; a zhuyin column is the symbols' em
        // plus room for the tone mark beside them.
        double across = zhuyin ? zhuyin_tone_room * ruby.size : ruby.size;
        ruby.raise = em_box_ascent * base_size + gap + (1 - em_box_ascent) * ruby.size;
        ruby.extent = gap + across;
        if (zhuyin) {
            // Along it: the symbols one em of the annotation each (the light-tone dot goes above them).
            double symbols = 0;
            for (std::uint32_t c = ruby.cluster_begin; c < ruby.cluster_end; ++c)
                if (zhuyin_part(span.annotation, out.ruby_clusters[c]) == ZhuyinPart::symbol) symbols += 1;
            ruby.width = std::max(symbols, 1.0) * ruby.size;
            if (ruby.place == ShapedRuby::Place::beside) {
                ruby.extent = 0;   // inside the line box: the column is centred on the base's em box
                out.clusters[first].width += gap + across;
            }
        }
        auto index = static_cast<std::int32_t>(out.rubies.size());
        for (std::uint32_t c = first; c < k; ++c) out.clusters[c].ruby = index;
        out.rubies.push_back(ruby);
    }
    // The space for long annotations, once every base is known (a neighbour inside a ruby base takes no overhang).
    for (ShapedRuby& ruby : out.rubies) {
        if (ruby.place == ShapedRuby::Place::beside) continue;   // beside its base, never over a neighbour
        double base = 0;
        for (std::uint32_t c = ruby.base_begin; c < ruby.base_end; ++c)
            base += out.clusters[c].width + (c > ruby.base_begin ? out.clusters[c].space_before : 0);
        double excess = ruby.width + ruby.spacing - base;
        if (excess <= 0) continue;
        double limit = settings_.ruby_overhang_em * text.spans[out.clusters[ruby.base_begin].span].style.size;
        auto overhang = [&](std::uint32_t neighbour, bool exists) {
            if (!exists) return 0.0;
            const ShapedCluster& c = out.clusters[neighbour];
            bool wide = c.first == CharClass::han || c.first == CharClass::wide_punct;
            if (!wide || c.ruby >= 0 || c.glyph_end == c.glyph_begin) return 0.0;
            return std::min(limit, c.width / 2);
        };
        double can_before = overhang(ruby.base_begin - 1, ruby.base_begin > 0);
        double can_after = overhang(ruby.base_end, ruby.base_end < n);
        // Half to each side; what one side cannot take goes over the other side's neighbour if it can (the
        // annotation then sits off centre), and only the rest spaces the base out, evenly.
        double before = std::min(excess / 2, can_before), after = std::min(excess / 2, can_after);
        double rest = excess - before - after;
        double more = std::min(rest, can_before - before);
        before += more;
        rest -= more;
        more = std::min(rest, can_after - after);
        after += more;
        rest -= more;
        ruby.pad_before = rest / 2;
        ruby.pad_after = rest / 2;
        ruby.shift = (before - after) / 2;
        out.clusters[ruby.base_begin].inset += ruby.pad_before;
        out.clusters[ruby.base_begin].width += ruby.pad_before;
        out.clusters[ruby.base_end - 1].width += ruby.pad_after;
    }
}

}  // namespace docexport::layout
