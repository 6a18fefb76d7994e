#include "epub/identifier.hpp"

#include "support/dates.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace docexport::epub {

namespace {

std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

bool digits(const std::string& s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

int number(const std::string& s, std::size_t at, std::size_t n) {
    int v = 0;
    std::from_chars(s.data() + at, s.data() + at + n, v);
    return v;
}

}  // namespace

Sha1::Sha1() : h_{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u}, buffer_{} {}

void Sha1::block(const std::uint8_t* p) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i)
        w[i] = (std::uint32_t{p[4 * i]} << 24) | (std::uint32_t{p[4 * i + 1]} << 16) | (std::uint32_t{p[4 * i + 2]} << 8) |
               std::uint32_t{p[4 * i + 3]};
    for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
    for (int i = 0; i < 80; ++i) {
        std::uint32_t f, k;
        if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999u;
        else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1u;
        else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDCu;
        else f = b ^ c ^ d, k = 0xCA62C1D6u;
        std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = t;
    }
    h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e;
}

void Sha1::update(std::string_view bytes) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
    std::size_t n = bytes.size();
    length_ += n;
    if (used_ > 0) {
        std::size_t take = std::min(n, 64 - used_);
        std::memcpy(buffer_ + used_, p, take);
        used_ += take, p += take, n -= take;
        if (used_ < 64) return;
        block(buffer_);
        used_ = 0;
    }
    for (; n >= 64; p += 64, n -= 64) block(p);
    std::memcpy(buffer_, p, n);
    used_ = n;
}

std::array<std::uint8_t, 20> Sha1::digest() {
    std::uint64_t bits = length_ * 8;
    std::uint8_t pad[72] = {0x80};
    std::size_t padding = (used_ < 56 ? 56 - used_ : 120 - used_);
    update(std::string_view(reinterpret_cast<const char*>(pad), padding));
    std::uint8_t len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    update(std::string_view(reinterpret_cast<const char*>(len), 8));
    std::array<std::uint8_t, 20> out{};
    for (int i = 0; i < 20; ++i) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
    return out;
}

std::string uuid5_urn(std::string_view name) {
    // The RFC 4122 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
    static const std::uint8_t url_namespace[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                   0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    Sha1 sha;
    sha.update(std::string_view(reinterpret_cast<const char*>(url_namespace), 16));
    sha.update(name);
    auto d = sha.digest();
    d[6] = static_cast<std::uint8_t>((d[6] & 0x0F) | 0x50);
    d[8] = static_cast<std::uint8_t>((d[8] & 0x3F) | 0x80);
    static const char hex[] = "0123456789abcdef";
    std::string out = "urn:uuid:";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[d[static_cast<std::size_t>(i)] >> 4];
        out += hex[d[static_cast<std::size_t>(i)] & 15];
    }
    return out;
}

std::optional<std::time_t> parse_date(const std::string& s) {
    if (!digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2))
        return std::nullopt;
    int y = number(s, 0, 4), mo = number(s, 5, 2), d = number(s, 8, 2);
    std::optional<std::chrono::sys_days> day = support::civil_date(y, mo, d);
    if (!day) return std::nullopt;
    int h = 0, mi = 0, sec = 0;
    if (s.size() >= 16 && (s[10] == ' ' || s[10] == 'T') && digits(s, 11, 2) && s[13] == ':' && digits(s, 14, 2)) {
        h = number(s, 11, 2), mi = number(s, 14, 2);
        if (s.size() >= 19 && s[16] == ':' && digits(s, 17, 2)) sec = number(s, 17, 2);
        if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    }
    long long t = static_cast<long long>(day->time_since_epoch().count()) * 86400 + h * 3600 + mi * 60 + sec;
    return static_cast<std::time_t>(t);
}

std::time_t build_time(std::optional<std::int64_t> source_date_epoch, const std::string& document_date,
                       std::time_t fallback) {
    if (source_date_epoch) return static_cast<std::time_t>(*source_date_epoch);
    if (auto t = parse_date(document_date)) return *t;
    return fallback;
}

std::string w3c_datetime(std::time_t t) {
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::string w3c_date(const std::string& date) {
    if (!digits(date, 0, 4)) return {};
    if (date.size() >= 10 && date[4] == '-' && digits(date, 5, 2) && date[7] == '-' && digits(date, 8, 2) &&
        (date.size() == 10 || date[10] == ' ' || date[10] == 'T'))
        return date.substr(0, 10);
    if (date.size() == 7 && date[4] == '-' && digits(date, 5, 2)) return date;
    if (date.size() == 4) return date;
    return {};
}

}  // namespace docexport::epub
