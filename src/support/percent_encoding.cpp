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

std::string link_name(std::string_view target) {
    std::size_t scheme = target.find("://");
    if (scheme == std::string_view::npos) return std::string(target);
    target.remove_prefix(scheme + 3);
    target = target.substr(0, target.find_first_of("?#"));
    while (target.size() > 1 && target.back() == '/') target.remove_suffix(1);
    if (target.starts_with("www.")) target.remove_prefix(4);
    return std::string(target);
}

}  // namespace docexport::support
