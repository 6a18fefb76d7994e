#include "pdf/cid_font.hpp"

#include "pdf/cff.hpp"
#include "pdf/text.hpp"
#include "pdf/to_unicode.hpp"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

namespace docexport::pdf {

namespace {

struct BlobDeleter {
    void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};
struct FaceDeleter {
    void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
using BlobPtr = std::unique_ptr<hb_blob_t, BlobDeleter>;
using FacePtr = std::unique_ptr<hb_face_t, FaceDeleter>;

// A font table read in place (no copy: a CJK font's CFF table is tens of megabytes).
class TableView {
public:
    TableView(hb_face_t* face, const char* tag) : blob_(hb_face_reference_table(face, hb_tag_from_string(tag, 4))) {
        unsigned len = 0;
        const char* data = hb_blob_get_data(blob_.get(), &len);
        if (data) bytes_ = std::string_view(data, len);
    }
    std::string_view bytes() const { return bytes_; }

private:
    BlobPtr blob_;
    std::string_view bytes_;
};

// Returns a copy of a font table (empty when the face has none).
std::string table_bytes(hb_face_t* face, const char* tag) { return std::string(TableView(face, tag).bytes()); }

int int16_at(const std::string& t, std::size_t at) {
    if (at + 1 >= t.size()) return 0;
    return static_cast<std::int16_t>((static_cast<unsigned char>(t[at]) << 8) | static_cast<unsigned char>(t[at + 1]));
}

// Returns a name that is a valid PDF name body and a sensible /BaseFont.
std::string sanitize_postscript_name(const std::string& name) {
    std::string out;
    for (char c : name)
        if (c > 0x20 && c < 0x7F && std::string_view("()<>[]{}/%#").find(c) == std::string_view::npos) out += c;
    if (out.empty()) out = "Font";
    if (out.size() > 100) out.resize(100);
    return out;
}

}  // namespace

std::string subset_tag(const std::string& postscript_name, const std::vector<std::uint16_t>& codes) {
    std::uint64_t h = fnv1a(postscript_name);
    for (std::uint16_t c : codes) {
        char b[2] = {static_cast<char>(c >> 8), static_cast<char>(c & 0xFF)};
        h = fnv1a(std::string_view(b, 2), h);
    }
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + h % 26);
        h /= 26;
    }
    return tag;
}

CidFont::CidFont(HpdfDocument& doc, const fonts::Font& font) : font_(font) {
    font_.check_embeddable("PDF");
    SourcePos where{font_.location().path, 0, 0};
    cff_ = font_.is_cff();
    if (cff_) {
        auto info = parse_cff(TableView(font_.face(), "CFF ").bytes());
        if (!info)
            throw Error(ErrorCode::input, "cannot read the CFF outlines of font '" + font_.family() + "'", where,
                        {"use the TrueType or another OpenType/CFF version of the font"});
        cid_keyed_ = info->cid_keyed;
        if (cid_keyed_) {
            if (is_printable_ascii(info->registry) && is_printable_ascii(info->ordering)) {
                registry_ = info->registry;
                ordering_ = info->ordering;
                supplement_ = info->supplement;
            }
            gid_to_cid_ = std::move(info->charset);
        }
    } else if (TableView(font_.face(), "glyf").bytes().empty()) {
        throw Error(ErrorCode::input, "font '" + font_.family() + "' has neither TrueType nor CFF outlines", where,
                    {"CFF2 (variable OpenType) fonts are not supported in PDF yet; use a static instance"});
    }
    type0_ = doc.new_dict();
    type0_.set_name("Type", "Font").set_name("Subtype", "Type0").set_name("Encoding", "Identity-H");
    doc.check("creating a font");
}

std::uint16_t CidFont::code_of(std::uint32_t gid) const {
    if (cid_keyed_) return gid < gid_to_cid_.size() ? gid_to_cid_[gid] : 0;
    return static_cast<std::uint16_t>(gid);
}

void CidFont::grow(std::uint32_t gid) {
    if (gid < codes_.size()) return;
    std::size_t n = std::max<std::size_t>(gid + 1, hb_face_get_glyph_count(font_.face()));
    codes_.resize(n, -1);
    widths_.resize(n, 0);
    text_.resize(n);
}

void CidFont::record(std::uint32_t gid) {
    grow(gid);
    if (codes_[gid] >= 0) return;
    codes_[gid] = code_of(gid);
    widths_[gid] = advance_of(gid);
    ++used_count_;
}

void CidFont::record_vertical(std::uint32_t gid) {
    record(gid);
    if (vertical_.size() < codes_.size()) vertical_.resize(codes_.size());
    VerticalMetrics& m = vertical_[gid];
    if (m.w1 != 0) return;
    double scale = 1000.0 / font_.upem();
    hb_position_t vx = 0, vy = 0;
    hb_font_get_glyph_v_origin(font_.font(), gid, &vx, &vy);
    m.w1 = static_cast<int>(std::lround(hb_font_get_glyph_v_advance(font_.font(), gid) * scale));
    if (m.w1 == 0) m.w1 = -1;   // a glyph without advance still counts as used (1/1000 em is invisible)
    m.vx = static_cast<int>(std::lround(vx * scale));
    m.vy = static_cast<int>(std::lround(vy * scale));
}

PdfDict CidFont::type0_vertical(HpdfDocument& doc) {
    if (!type0_v_) {
        type0_v_ = doc.new_dict();
        type0_v_.set_name("Type", "Font").set_name("Subtype", "Type0").set_name("Encoding", "Identity-V");
        doc.check("creating a font");
    }
    return type0_v_;
}

int CidFont::advance_of(std::uint32_t gid) const {
    hb_position_t advance = hb_font_get_glyph_h_advance(font_.font(), gid);
    return static_cast<int>(std::lround(advance * 1000.0 / font_.upem()));
}

void CidFont::map_text(std::uint32_t gid, std::string_view text) {
    grow(gid);
    if (text_[gid].empty()) text_[gid] = text;
}

const std::string& CidFont::text_of(std::uint32_t gid) const {
    static const std::string none;
    return gid < text_.size() ? text_[gid] : none;
}

void CidFont::finalize(HpdfDocument& doc) {
    SourcePos where{font_.location().path, 0, 0};
    std::set<std::uint32_t> gids;
    std::vector<std::uint16_t> codes;
    std::map<std::uint16_t, int> width_by_code;
    for (std::uint32_t gid = 0; gid < codes_.size(); ++gid) {
        if (codes_[gid] < 0) continue;
        auto code = static_cast<std::uint16_t>(codes_[gid]);
        gids.insert(gid);
        codes.push_back(code);
        width_by_code[code] = widths_[gid];
    }
    std::sort(codes.begin(), codes.end());
    double scale = 1000.0 / font_.upem();

    // The font program: TrueType keeps glyph IDs (CID = GID, /CIDToGIDMap /Identity); CID-keyed CFF is subset
    // without retaining GIDs, its charset keeps the original CIDs, which the content uses.
    fonts::SubsetOptions options;
    options.retain_gids = !cid_keyed_;
    options.keep_layout = false;
    options.keep_vertical = false;
    std::string subset = font_.subset_glyphs(gids, options);
    std::string program = subset;
    // CIDSet must name every glyph the program holds: the used ones, .notdef and what hb-subset added (composite
    // components, glyphs it keeps for its own reasons).
    std::set<std::uint16_t> present(codes.begin(), codes.end());
    present.insert(0);
    BlobPtr blob(hb_blob_create(subset.data(), static_cast<unsigned>(subset.size()), HB_MEMORY_MODE_READONLY,
                                nullptr, nullptr));
    FacePtr face(hb_face_create(blob.get(), 0));
    if (cff_) {
        program = table_bytes(face.get(), "CFF ");
        auto info = parse_cff(program);
        if (!info) throw Error(ErrorCode::internal, "hb-subset wrote an unreadable CFF for '" + font_.family() + "'", where);
        if (cid_keyed_) {
            // Every code the content uses must still name its glyph (hb-subset may add a few glyphs of its own).
            std::set<std::uint16_t> got(info->charset.begin(), info->charset.end());
            for (std::uint16_t c : codes)
                if (!got.count(c))
                    throw Error(ErrorCode::internal, "hb-subset changed the CIDs of font '" + font_.family() + "'", where,
                                {"this HarfBuzz version is not supported for CFF fonts in PDF"});
            present.insert(got.begin(), got.end());
        }
    } else {
        std::string head = table_bytes(face.get(), "head");
        std::string loca = table_bytes(face.get(), "loca");
        bool long_offsets = int16_at(head, 50) != 0;
        std::size_t entry = long_offsets ? 4 : 2;
        auto offset_at = [&](std::size_t g) -> std::uint32_t {
            std::uint32_t v = 0;
            for (std::size_t k = 0; k < entry; ++k) v = (v << 8) | static_cast<unsigned char>(loca[g * entry + k]);
            return long_offsets ? v : v * 2;
        };
        std::size_t glyphs = loca.size() / entry;
        for (std::size_t g = 0; g + 1 < glyphs && g <= 0xFFFF; ++g)
            if (offset_at(g + 1) > offset_at(g)) present.insert(static_cast<std::uint16_t>(g));
    }
    embedded_bytes_ = program.size();

    std::string ps = sanitize_postscript_name(font_.postscript_name());
    base_font_ = subset_tag(ps, codes) + "+" + ps;

    PdfDict file = doc.new_stream(program, true);
    if (cff_) {
        file.set_name("Subtype", "CIDFontType0C");
    } else {
        file.set_number("Length1", static_cast<std::int32_t>(program.size()));
    }

    // CIDSet: one bit per CID from 0 to the largest present, most significant bit first.
    std::string cid_set(static_cast<std::size_t>(*present.rbegin()) / 8 + 1, '\0');
    for (std::uint16_t c : present) cid_set[c / 8] = static_cast<char>(cid_set[c / 8] | (0x80 >> (c % 8)));
    PdfDict cid_set_stream = doc.new_stream(cid_set, true);

    // Descriptor metrics from the face, in 1/1000 em.
    std::string head = table_bytes(font_.face(), "head");
    std::string os2 = table_bytes(font_.face(), "OS/2");
    hb_position_t ascender = 0, descender = 0, cap_height = 0;
    hb_ot_metrics_get_position_with_fallback(font_.font(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &ascender);
    hb_ot_metrics_get_position_with_fallback(font_.font(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &descender);
    hb_ot_metrics_get_position_with_fallback(font_.font(), HB_OT_METRICS_TAG_CAP_HEIGHT, &cap_height);
    float italic_angle = hb_style_get_value(font_.font(), HB_STYLE_TAG_SLANT_ANGLE);
    int weight = os2.size() >= 6 ? int16_at(os2, 4) : 400;
    auto scaled = [&](double v) { return static_cast<std::int32_t>(std::lround(v * scale)); };

    PdfArray bbox = doc.new_array();
    for (std::size_t at : {36u, 38u, 40u, 42u}) bbox.add_number(scaled(int16_at(head, at)));
    PdfDict descriptor = doc.new_dict();
    descriptor.set_name("Type", "FontDescriptor")
        .set_name("FontName", base_font_)
        .set_number("Flags", italic_angle != 0 ? 4 + 64 : 4)
        .set("FontBBox", bbox)
        .set_number("ItalicAngle", static_cast<std::int32_t>(std::lround(italic_angle)))
        .set_number("Ascent", scaled(ascender))
        .set_number("Descent", scaled(descender))
        .set_number("CapHeight", scaled(cap_height != 0 ? cap_height : ascender))
        .set_number("StemV", weight >= 600 ? 120 : 80)
        .set(cff_ ? "FontFile3" : "FontFile2", file)
        .set("CIDSet", cid_set_stream);

    // /DW is the most common width of the used glyphs; /W lists the others, consecutive codes grouped.
    std::map<int, std::size_t> width_count;
    for (const auto& [code, w] : width_by_code) ++width_count[w];
    int default_width = 1000;
    std::size_t best = 0;
    for (const auto& [w, n] : width_count)
        if (n > best) {
            best = n;
            default_width = w;
        }
    bool any_other_width = best < width_by_code.size();
    PdfArray widths = any_other_width ? doc.new_array() : PdfArray();
    PdfArray group;
    int previous = -2;
    for (const auto& [code, w] : width_by_code) {
        if (w == default_width) continue;
        if (static_cast<int>(code) != previous + 1 || !group) {
            group = doc.new_array();
            widths.add_number(code).add(group);
        }
        group.add_number(w);
        previous = code;
    }

    PdfDict system_info = doc.new_direct_dict();
    system_info.set_ascii("Registry", registry_).set_ascii("Ordering", ordering_).set_number("Supplement", supplement_);
    PdfDict cid_font = doc.new_dict();
    cid_font.set_name("Type", "Font")
        .set_name("Subtype", cff_ ? "CIDFontType0" : "CIDFontType2")
        .set_name("BaseFont", base_font_)
        .set("CIDSystemInfo", system_info)
        .set("FontDescriptor", descriptor)
        .set_number("DW", default_width);
    if (widths) cid_font.set("W", widths);
    if (!cff_) cid_font.set_name("CIDToGIDMap", "Identity");
    if (type0_v_) {
        // Vertical metrics: /DW2 is the most common (vy, w1) of the glyphs set vertically; /W2 lists each glyph
        // that differs, or whose origin is not at half its width (what /DW2 implies).
        std::map<std::pair<int, int>, std::size_t> count;
        std::map<std::uint16_t, VerticalMetrics> by_code;
        for (std::uint32_t gid : gids)
            if (gid < vertical_.size() && vertical_[gid].w1 != 0) {
                by_code[static_cast<std::uint16_t>(codes_[gid])] = vertical_[gid];
                ++count[{vertical_[gid].vy, vertical_[gid].w1}];
            }
        std::pair<int, int> common{880, -1000};
        std::size_t most = 0;
        for (const auto& [key, n] : count)
            if (n > most) {
                most = n;
                common = key;
            }
        cid_font.set("DW2", doc.new_array().add_number(common.first).add_number(common.second));
        PdfArray w2;
        for (const auto& [code, m] : by_code) {
            auto found = width_by_code.find(code);
            int w0 = found != width_by_code.end() ? found->second : default_width;
            if (m.vy == common.first && m.w1 == common.second && std::abs(2 * m.vx - w0) <= 1) continue;
            if (!w2) w2 = doc.new_array();
            w2.add_number(code).add_number(code).add_number(m.w1).add_number(m.vx).add_number(m.vy);
        }
        if (w2) cid_font.set("W2", w2);
    }

    std::map<std::uint16_t, std::u32string> text_by_code;
    for (std::uint32_t gid : gids) {
        const std::string& t = text_of(gid);
        if (!t.empty()) text_by_code.emplace(static_cast<std::uint16_t>(codes_[gid]), utf8::decode(t));
    }
    PdfDict to_unicode = doc.new_stream(to_unicode_cmap(text_by_code), true);

    type0_.set_name("BaseFont", base_font_).set("DescendantFonts", doc.new_array().add(cid_font)).set("ToUnicode", to_unicode);
    if (type0_v_)
        type0_v_.set_name("BaseFont", base_font_).set("DescendantFonts", doc.new_array().add(cid_font)).set("ToUnicode", to_unicode);
    doc.check("writing font '" + font_.family() + "'");
}

}  // namespace docexport::pdf
