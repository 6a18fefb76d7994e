#include "pdf/text.hpp"

#include "support/code_points.hpp"
#include "support/percent_encoding.hpp"

#include <charconv>
#include <cmath>

#include <docexport/diagnostics.hpp>

namespace docexport::pdf {

std::string utf16be(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 2);
    auto unit = [&](unsigned u) {
        out += static_cast<char>((u >> 8) & 0xFF);
        out += static_cast<char>(u & 0xFF);
    };
    for (char32_t c : text) {
        if (c >= 0x10000) {
            unsigned v = static_cast<unsigned>(c) - 0x10000;
            unit(0xD800 + (v >> 10));
            unit(0xDC00 + (v & 0x3FF));
        } else {
            unit(static_cast<unsigned>(c));
        }
    }
    return out;
}

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 0xF];
    }
    return out;
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : utf8::decode(text)) {
        switch (c) {
            case U'&': out += "&amp;"; continue;
            case U'<': out += "&lt;"; continue;
            case U'>': out += "&gt;"; continue;
            case U'"': out += "&quot;"; continue;
            case U'\'': out += "&apos;"; continue;
            default: break;
        }
        if (!support::is_xml_char(c)) continue;   // most C0 controls, U+FFFE and U+FFFF
        utf8::append(out, c);
    }
    return out;
}

std::string percent_encode_uri(std::string_view uri) { return support::percent_encode_uri(uri); }

std::string format_number(double x, int decimals) {
    if (!std::isfinite(x)) return "0";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, decimals);
    if (ec != std::errc()) return "0";
    std::string s(buf, end);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

bool is_printable_ascii(std::string_view text) {
    for (unsigned char b : text)
        if (b < 0x20 || b > 0x7E) return false;
    return true;
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char b : bytes) {
        h ^= b;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string deflate(std::string_view bytes) { return Deflater().deflate(bytes); }

}  // namespace docexport::pdf
