#include "support/percent_encoding.hpp"

namespace docexport::support {

std::string percent_encode_uri(std::string_view uri) {
    static constexpr char digits[] = "0123456789ABCDEF";
    // Unreserved, reserved (gen-delims and sub-delims) and '%' (already encoded sequences) stay as they are.
    static constexpr std::string_view allowed = "-._~:/?#[]@!$&'()*+,;=%";
    std::string out;
    out.reserve(uri.size());
    for (unsigned char b : uri) {
        bool keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                    allowed.find(static_cast<char>(b)) != std::string_view::npos;
        if (keep) {
            out += static_cast<char>(b);
        } else {
            out += '%';
            out += digits[b >> 4];
            out += digits[b & 0xF];
        }
    }
    return out;
}

}  // namespace docexport::support
