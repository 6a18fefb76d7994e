// The PDF standards docexport can meet (--pdf-standard, a manifest's output: pdf-standard:, a style's pdf:
// standard:): PDF/UA-1 (ISO 14289-1), PDF/A-2u (ISO 19005-2, level U) or both. Every PDF is tagged either way.
#pragma once

#include <optional>
#include <string_view>

namespace docexport::support {

struct PdfStandard {
    bool ua = false;     // PDF/UA-1
    bool pdfa = false;   // PDF/A-2u
};

// The names, for messages.
inline constexpr std::string_view pdf_standards = "none, ua-1, a-2u or a-2u+ua-1";

// Returns the standard a name stands for, or nothing for a name that is not one.
inline std::optional<PdfStandard> parse_pdf_standard(std::string_view name) {
    if (name == "none") return PdfStandard{};
    if (name == "ua-1") return PdfStandard{true, false};
    if (name == "a-2u") return PdfStandard{false, true};
    if (name == "a-2u+ua-1" || name == "ua-1+a-2u") return PdfStandard{true, true};
    return std::nullopt;
}

inline bool is_pdf_standard(std::string_view name) { return parse_pdf_standard(name).has_value(); }

}  // namespace docexport::support
