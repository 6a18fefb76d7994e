// One font face embedded as a Type0 font with a CIDFontType2 (TrueType) or CIDFontType0 (CFF) descendant:
// glyphs are recorded as pages use them, and finalize() subsets the face and fills /W, ToUnicode and CIDSet.
#pragma once

#include "hpdf_document.hpp"

#include "fonts/font.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace docexport::pdf {

class CidFont {
public:
    // Creates the Type0 skeleton for font (which must outlive this object). Throws Error(input) when the font's
    // licence forbids embedding or subsetting, or its outlines are neither TrueType nor CFF.
    CidFont(HpdfDocument& doc, const fonts::Font& font);

    // Returns the Type0 font dictionary (Identity-H), for the pages' /Resources.
    HPDF_Dict type0() const { return type0_; }
    // Returns the face.
    const fonts::Font& font() const { return font_; }

    // Returns the 2-byte character code (the CID) that shows gid, and records gid as used.
    std::uint16_t use(std::uint32_t gid);
    // Returns gid's advance in 1/1000 em, rounded as /W states it (what a PDF viewer advances by).
    int width(std::uint32_t gid);
    // Maps gid to text unless it already has a mapping (the first one wins). Returns gid's mapping afterwards.
    const std::u32string& map_text(std::uint32_t gid, const std::u32string& text);
    // Returns the text ToUnicode gives for gid (empty when it has none).
    const std::u32string& text_of(std::uint32_t gid) const;

    // Returns the subset tag (6 capital letters), the PostScript name used in /BaseFont and the subset's size in
    // bytes; valid after finalize().
    const std::string& base_font() const { return base_font_; }
    std::size_t embedded_bytes() const { return embedded_bytes_; }
    // Returns how many distinct glyphs have been used.
    std::size_t used_glyphs() const { return used_.size(); }

    // Subsets the face to the used glyphs and fills the descendant font, descriptor, /W, FontFile, ToUnicode and
    // CIDSet. Call once, after the last page.
    void finalize(HpdfDocument& doc);

private:
    std::uint16_t code_of(std::uint32_t gid) const;

    const fonts::Font& font_;
    bool cff_ = false;
    bool cid_keyed_ = false;             // CFF with ROS: codes are the charset's CIDs
    std::string registry_ = "Adobe", ordering_ = "Identity";
    int supplement_ = 0;
    std::vector<std::uint16_t> gid_to_cid_;
    std::map<std::uint32_t, std::uint16_t> used_;   // gid -> code
    std::map<std::uint16_t, int> widths_;           // code -> width (1/1000 em)
    std::map<std::uint32_t, std::u32string> text_;  // gid -> ToUnicode text
    HPDF_Dict type0_ = nullptr;
    std::string base_font_;
    std::size_t embedded_bytes_ = 0;
};

// Returns the 6-letter subset tag for a PostScript name and a set of codes (the same set gives the same tag).
std::string subset_tag(const std::string& postscript_name, const std::vector<std::uint16_t>& codes);

}  // namespace docexport::pdf
