#include "pdf/to_unicode.hpp"

#include "pdf/text.hpp"

#include <algorithm>
#include <vector>

namespace docexport::pdf {

std::string to_unicode_cmap(const std::map<std::uint16_t, std::u32string>& text_by_code) {
    std::vector<std::pair<std::uint16_t, const std::u32string*>> entries;
    for (const auto& [code, text] : text_by_code)
        if (!text.empty()) entries.emplace_back(code, &text);

    std::string out =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t start = 0; start < entries.size(); start += 100) {
        std::size_t end = std::min(entries.size(), start + 100);
        out += std::to_string(end - start) + " beginbfchar\n";
        for (std::size_t i = start; i < end; ++i) {
            char code[8];
            static constexpr char digits[] = "0123456789ABCDEF";
            unsigned c = entries[i].first;
            code[0] = digits[(c >> 12) & 0xF];
            code[1] = digits[(c >> 8) & 0xF];
            code[2] = digits[(c >> 4) & 0xF];
            code[3] = digits[c & 0xF];
            out += '<';
            out.append(code, 4);
            out += "> <";
            out += hex(utf16be(*entries[i].second));
            out += ">\n";
        }
        out += "endbfchar\n";
    }
    out +=
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    return out;
}

}  // namespace docexport::pdf
