#include "fonts/font.hpp"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

namespace docexport::fonts {

namespace {

template <typename T, void (*Destroy)(T*)>
struct Deleter {
    void operator()(T* p) const { Destroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, Deleter<FcPattern, FcPatternDestroy>>;
using BlobPtr = std::unique_ptr<hb_blob_t, Deleter<hb_blob_t, hb_blob_destroy>>;
using FacePtr = std::unique_ptr<hb_face_t, Deleter<hb_face_t, hb_face_destroy>>;
using SubsetInputPtr = std::unique_ptr<hb_subset_input_t, Deleter<hb_subset_input_t, hb_subset_input_destroy>>;

std::string lower_alnum(const std::string& s) {
    std::string out;
    for (unsigned char c : s)
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    return out;
}

// The Debian package that ships a family, for hints.
std::string package_hint(const std::string& family) {
    std::string f = lower_alnum(family);
    if (f.find("noto") != std::string::npos && f.find("cjk") != std::string::npos)
        return "install it: apt-get install fonts-noto-cjk";
    if (f.find("hanamin") != std::string::npos) return "install it: apt-get install fonts-hanazono";
    if (f.find("babelstone") != std::string::npos) return "install it: apt-get install fonts-babelstone-han";
    return "install the font, or name an installed family (fc-list : family lists them)";
}

std::string name_entry(hb_face_t* face, hb_ot_name_id_t id) {
    unsigned len = hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), nullptr, nullptr);
    if (len == 0) len = hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, nullptr, nullptr);
    if (len == 0) return {};
    std::string s(len + 1, '\0');
    unsigned size = len + 1;
    if (hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, s.data()) == 0) {
        size = len + 1;
        hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &size, s.data());
    }
    s.resize(size);
    return s;
}

bool has_table(hb_face_t* face, hb_tag_t tag) {
    BlobPtr blob(hb_face_reference_table(face, tag));
    return hb_blob_get_length(blob.get()) > 0;
}

std::uint16_t read_fs_type(hb_face_t* face) {
    BlobPtr os2(hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2')));
    unsigned len = 0;
    const char* data = hb_blob_get_data(os2.get(), &len);
    if (len < 10) return 0;
    return static_cast<std::uint16_t>((static_cast<unsigned char>(data[8]) << 8) | static_cast<unsigned char>(data[9]));
}

std::string run_subset(hb_face_t* face, hb_subset_input_t* input, const SubsetOptions& options, const std::string& name) {
    unsigned flags = HB_SUBSET_FLAGS_DEFAULT;
    if (options.retain_gids) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    if (!options.keep_layout) flags |= HB_SUBSET_FLAGS_NO_HINTING;
    hb_subset_input_set_flags(input, flags);
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    // Tables no writer needs; vertical metrics and layout only when asked for.
    for (const char* t : {"DSIG", "hdmx", "LTSH", "VDMX", "kern", "EBDT", "EBLC", "EBSC", "CBDT", "CBLC", "sbix", "SVG ",
                          "COLR", "CPAL", "JSTF", "MATH"})
        hb_set_add(drop, hb_tag_from_string(t, 4));
    if (!options.keep_layout)
        for (const char* t : {"GSUB", "GPOS", "GDEF", "BASE"}) hb_set_add(drop, hb_tag_from_string(t, 4));
    if (options.keep_layout && options.proportional)
        hb_set_add(hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG), HB_TAG('p', 'w', 'i', 'd'));
    if (!options.keep_vertical)
        for (const char* t : {"vhea", "vmtx", "VORG"}) hb_set_add(drop, hb_tag_from_string(t, 4));
    FacePtr sub(hb_subset_or_fail(face, input));
    if (!sub) throw Error(ErrorCode::internal, "hb-subset failed on font '" + name + "'");
    BlobPtr blob(hb_face_reference_blob(sub.get()));
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob.get(), &len);
    return std::string(data, len);
}

}  // namespace

FontLocation locate_font(const std::string& family, int weight, const std::string& lang) {
    if (!FcInit()) throw Error(ErrorCode::internal, "fontconfig could not be initialised");
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, FcWeightFromOpenType(weight));
    if (!lang.empty()) FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>(lang.c_str()));
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
    if (!match || result != FcResultMatch)
        throw Error(ErrorCode::input, "font family '" + family + "' is not installed", {}, {package_hint(family)});
    // fontconfig always answers with something: accept only a face of the family asked for.
    bool same_family = false;
    FcChar8* value = nullptr;
    for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &value) == FcResultMatch; ++i)
        if (lower_alnum(reinterpret_cast<const char*>(value)) == lower_alnum(family)) same_family = true;
    if (!same_family)
        throw Error(ErrorCode::input, "font family '" + family + "' is not installed", {}, {package_hint(family)});
    FcChar8* file = nullptr;
    int index = 0;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch)
        throw Error(ErrorCode::input, "fontconfig gave no file for font family '" + family + "'");
    FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
    return FontLocation{reinterpret_cast<const char*>(file), static_cast<unsigned>(index)};
}

Font Font::open(const FontLocation& location) {
    SourcePos where{location.path, 0, 0};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(location.path, ec))
        throw Error(ErrorCode::input, "font file not found", where, {"check the style's font paths"});
    Font f;
    f.location_ = location;
    f.blob_ = hb_blob_create_from_file_or_fail(location.path.c_str());
    if (!f.blob_) throw Error(ErrorCode::input, "cannot read the font file", where);
    if (location.index >= hb_face_count(f.blob_))
        throw Error(ErrorCode::input, "the font file has no face " + std::to_string(location.index) + " (or is not a font)",
                    where, {"TrueType/OpenType fonts and collections (TTC/OTC) are supported"});
    f.face_ = hb_face_create(f.blob_, location.index);
    if (hb_face_get_glyph_count(f.face_) == 0)
        throw Error(ErrorCode::input, "the font has no glyphs (not a font file?)", where);
    f.font_ = hb_font_create(f.face_);
    f.upem_ = hb_face_get_upem(f.face_);
    hb_font_set_scale(f.font_, static_cast<int>(f.upem_), static_cast<int>(f.upem_));
    f.family_ = name_entry(f.face_, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
    if (f.family_.empty()) f.family_ = name_entry(f.face_, HB_OT_NAME_ID_FONT_FAMILY);
    f.postscript_name_ = name_entry(f.face_, HB_OT_NAME_ID_POSTSCRIPT_NAME);
    if (f.postscript_name_.empty()) f.postscript_name_ = lower_alnum(f.family_);
    f.is_cff_ = has_table(f.face_, HB_TAG('C', 'F', 'F', ' '));
    f.fs_type_ = read_fs_type(f.face_);
    return f;
}

Font Font::find(const std::string& family, int weight, const std::string& lang) {
    return open(locate_font(family, weight, lang));
}

Font::Font(Font&& o) noexcept
    : location_(std::move(o.location_)), family_(std::move(o.family_)), postscript_name_(std::move(o.postscript_name_)),
      is_cff_(o.is_cff_), fs_type_(o.fs_type_), upem_(o.upem_), blob_(o.blob_), face_(o.face_), font_(o.font_) {
    o.blob_ = nullptr;
    o.face_ = nullptr;
    o.font_ = nullptr;
}

Font& Font::operator=(Font&& o) noexcept {
    if (this != &o) {
        this->~Font();
        new (this) Font(std::move(o));
    }
    return *this;
}

Font::~Font() {
    if (font_) hb_font_destroy(font_);
    if (face_) hb_face_destroy(face_);
    if (blob_) hb_blob_destroy(blob_);
}

std::uint32_t Font::glyph_for(char32_t c) const {
    hb_codepoint_t g = 0;
    return hb_font_get_nominal_glyph(font_, static_cast<hb_codepoint_t>(c), &g) ? g : 0;
}

void Font::check_embeddable(const std::string& what) const {
    SourcePos where{location_.path, 0, 0};
    std::string name = "'" + family_ + "'";
    if ((fs_type_ & 0x000F) == 0x0002)
        throw Error(ErrorCode::input, "font " + name + " forbids embedding (OS/2 fsType restricted licence)", where,
                    {"choose a font whose licence allows embedding in " + what + ", or pass --no-embed-fonts"});
    if (fs_type_ & 0x0100)
        throw Error(ErrorCode::input, "font " + name + " forbids subsetting (OS/2 fsType bit 8)", where,
                    {"choose another font for " + what});
    if (fs_type_ & 0x0200)
        throw Error(ErrorCode::input, "font " + name + " allows bitmap embedding only (OS/2 fsType bit 9)", where,
                    {"choose another font for " + what});
}

std::string Font::subset_chars(const std::set<char32_t>& chars, const SubsetOptions& options) const {
    SubsetInputPtr input(hb_subset_input_create_or_fail());
    if (!input) throw Error(ErrorCode::internal, "out of memory creating a font subset");
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t c : chars) hb_set_add(unicodes, static_cast<hb_codepoint_t>(c));
    return run_subset(face_, input.get(), options, family_);
}

std::string Font::subset_glyphs(const std::set<std::uint32_t>& glyphs, const SubsetOptions& options) const {
    SubsetInputPtr input(hb_subset_input_create_or_fail());
    if (!input) throw Error(ErrorCode::internal, "out of memory creating a font subset");
    hb_set_t* gids = hb_subset_input_glyph_set(input.get());
    hb_set_add(gids, 0);
    for (std::uint32_t g : glyphs) hb_set_add(gids, g);
    // Keep exactly these glyphs: no layout closure pulling in alternates.
    hb_set_clear(hb_subset_input_set(input.get(), HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
    return run_subset(face_, input.get(), options, family_);
}

}  // namespace docexport::fonts
