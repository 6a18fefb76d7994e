// One font face embedded as a Type0 font with a CIDFontType2 (TrueType) or CIDFontType0 (CFF) descendant:
// glyphs are recorded as pages use them, and finalize() subsets the face and fills /W, ToUnicode and CIDSet.
#pragma once

#include "pdf/hpdf_document.hpp"

#include "fonts/font.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::pdf {

class CidFont {
public:
    // Creates the Type0 skeleton for font (which must outlive this object). Throws Error(input) when the font's
    // licence forbids embedding or subsetting, or its outlines are neither TrueType nor CFF.
    CidFont(HpdfDocument& doc, const fonts::Font& font);

    // Returns the Type0 font dictionary (Identity-H), for the pages' /Resources.
    PdfDict type0() const { return type0_; }
    // Returns the Type0 font dictionary for vertical text (Identity-V, the same descendant font and ToUnicode),
    // made on first use. Not thread-safe.
    PdfDict type0_vertical(HpdfDocument& doc);
    // Returns the face.
    const fonts::Font& font() const { return font_; }

    // Records gid as used (its code and width). Not thread-safe: record every glyph before writing pages.
    void record(std::uint32_t gid);
    // Records gid as used in vertical text too: its vertical metrics go into /W2. Not thread-safe.
    void record_vertical(std::uint32_t gid);
    // Returns a gid recorded for vertical text's advance downwards in 1/1000 em, as /W2 or /DW2 state it.
    int vertical_advance(std::uint32_t gid) const { return gid < vertical_.size() ? -vertical_[gid].w1 : 0; }
    // Returns the 2-byte character code (the CID) that shows a recorded gid. Thread-safe.
    std::uint16_t code(std::uint32_t gid) const { return gid < codes_.size() && codes_[gid] >= 0 ? static_cast<std::uint16_t>(codes_[gid]) : 0; }
    // Returns a recorded gid's advance in 1/1000 em, rounded as /W states it (what a PDF viewer advances by).
    int width(std::uint32_t gid) const { return gid < widths_.size() ? widths_[gid] : 0; }
    // Maps gid to text (UTF-8) unless it already has a mapping (the first one wins). Not thread-safe.
    void map_text(std::uint32_t gid, std::string_view text);
    // Returns the text (UTF-8) ToUnicode gives for gid (empty when it has none). Thread-safe.
    const std::string& text_of(std::uint32_t gid) const;

    // Returns the subset tag (6 capital letters), the PostScript name used in /BaseFont and the subset's size in
    // bytes; valid after finalize().
    const std::string& base_font() const { return base_font_; }
    std::size_t embedded_bytes() const { return embedded_bytes_; }
    // Returns how many distinct glyphs have been used.
    std::size_t used_glyphs() const { return used_count_; }

    // Subsets the face to the used glyphs and fills the descendant font, descriptor, /W, FontFile, ToUnicode and
    // CIDSet. Call once, after the last page.
    void finalize(HpdfDocument& doc);

private:
    std::uint16_t code_of(std::uint32_t gid) const;
    int advance_of(std::uint32_t gid) const;
    void grow(std::uint32_t gid);

    const fonts::Font& font_;
    bool cff_ = false;
    bool cid_keyed_ = false;             // CFF with ROS: codes are the charset's CIDs
    std::string registry_ = "Adobe", ordering_ = "Identity";
    int supplement_ = 0;
    std::vector<std::uint16_t> gid_to_cid_;
    // Per glyph ID (flat: a page's glyphs are looked up millions of times): its code (-1 = unused), its /W
    // width and its ToUnicode text.
    std::vector<std::int32_t> codes_;
    std::vector<int> widths_;
    std::vector<std::string> text_;
    // Vertical metrics in 1/1000 em of the glyphs used in vertical text (w1 = 0: not used so): the advance w1
    // (negative: downwards) and the vertical origin (vx, vy) from the horizontal one.
    struct VerticalMetrics {
        int w1 = 0, vx = 0, vy = 0;
    };
    std::vector<VerticalMetrics> vertical_;
    PdfDict type0_v_;
    std::size_t used_count_ = 0;
    PdfDict type0_;
    std::string base_font_;
    std::size_t embedded_bytes_ = 0;
};

// Returns the 6-letter subset tag for a PostScript name and a set of codes (the same set gives the same tag).
std::string subset_tag(const std::string& postscript_name, const std::vector<std::uint16_t>& codes);

}  // namespace docexport::pdf
