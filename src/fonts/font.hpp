// Fonts shared by the writers: found through fontconfig, opened with HarfBuzz, subset with hb-subset.
#pragma once

#include <docexport/diagnostics.hpp>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace docexport::fonts {

// Where a font face lives: a file and the face index inside a collection (TTC/OTC).
struct FontLocation {
    std::string path;
    unsigned index = 0;
};

// Returns the face fontconfig picks for family (e.g. "Noto Serif CJK TC") and weight (400 regular, 700 bold),
// preferring faces for lang (e.g. "zh-tw"). Throws Error(input) with a hint naming the Debian package when the
// family is not installed (fontconfig's fallback to another family is not accepted).
FontLocation locate_font(const std::string& family, int weight = 400, const std::string& lang = {});

// How to subset a face.
struct SubsetOptions {
    bool retain_gids = false;     // keep glyph IDs (PDF TrueType subsets); CFF fonts should not
    bool keep_layout = true;      // keep GSUB/GPOS/GDEF (vertical forms, locl) for e-readers; PDF drops them
    bool keep_vertical = true;    // keep vhea/vmtx/VORG
    bool proportional = false;    // with the layout: keep pwid (proportional quotes for Latin-language text) too
};

// One opened font face. Owns its HarfBuzz blob, face and font; movable, not copyable.
class Font {
public:
    // Returns the face at location. Throws Error(input) if the file is missing or not a font.
    static Font open(const FontLocation& location);
    // Returns the face located by locate_font(family, weight, lang).
    static Font find(const std::string& family, int weight = 400, const std::string& lang = {});

    Font(Font&&) noexcept;
    Font& operator=(Font&&) noexcept;
    ~Font();

    const FontLocation& location() const { return location_; }
    // Returns the family name from the name table (e.g. "Noto Serif CJK TC").
    const std::string& family() const { return family_; }
    // Returns the PostScript name (e.g. "NotoSerifCJKtc-Regular").
    const std::string& postscript_name() const { return postscript_name_; }
    // Returns true when the outlines are CFF (OpenType/CFF), false for TrueType glyf.
    bool is_cff() const { return is_cff_; }
    // Returns the OS/2 fsType embedding bits (0 = installable).
    std::uint16_t fs_type() const { return fs_type_; }
    // Returns units per em.
    unsigned upem() const { return upem_; }
    // Returns the nominal glyph for c, or 0 when the font has none.
    std::uint32_t glyph_for(char32_t c) const;
    // Returns true when the font maps c to a glyph.
    bool has_char(char32_t c) const { return glyph_for(c) != 0; }

    // Throws Error(input) when fsType forbids embedding (restricted, 0x0002), subsetting (0x0100) or allows
    // bitmaps only (0x0200); what = the output format, for the message.
    void check_embeddable(const std::string& what) const;

    // Returns a subset font file (sfnt bytes) holding the glyphs of chars (and what layout features reach
    // from them when keep_layout), plus .notdef. Throws Error(internal) if hb-subset fails.
    std::string subset_chars(const std::set<char32_t>& chars, const SubsetOptions& options) const;
    // Returns a subset font file holding exactly glyphs (plus .notdef).
    std::string subset_glyphs(const std::set<std::uint32_t>& glyphs, const SubsetOptions& options) const;

    hb_blob_t* blob() const { return blob_; }
    hb_face_t* face() const { return face_; }
    hb_font_t* font() const { return font_; }

private:
    Font() = default;
    FontLocation location_;
    std::string family_;
    std::string postscript_name_;
    bool is_cff_ = false;
    std::uint16_t fs_type_ = 0;
    unsigned upem_ = 1000;
    hb_blob_t* blob_ = nullptr;
    hb_face_t* face_ = nullptr;
    hb_font_t* font_ = nullptr;
};

}  // namespace docexport::fonts
