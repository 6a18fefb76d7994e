// Just enough of a CFF (Compact Font Format) parser to map glyph IDs to CIDs and read the ROS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::pdf {

// What the PDF writer needs from a 'CFF ' table.
struct CffInfo {
    bool cid_keyed = false;             // Top DICT has ROS (CIDFontType0C needs this)
    std::string registry = "Adobe";     // ROS, for /CIDSystemInfo (CID-keyed only)
    std::string ordering = "Identity";
    int supplement = 0;
    std::vector<std::uint16_t> charset;  // glyph ID -> CID (CID-keyed) or SID (name-keyed); [0] = 0
};

// Returns what table (the bytes of a 'CFF ' table) says, or nullopt when it is not a CFF this parser reads.
std::optional<CffInfo> parse_cff(std::string_view table);

}  // namespace docexport::pdf
