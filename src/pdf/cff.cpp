#include "pdf/cff.hpp"

namespace docexport::pdf {

namespace {

// A bounds-checked big-endian reader; any read past the end sets failed.
struct Reader {
    std::string_view data;
    bool failed = false;

    unsigned byte(std::size_t at) {
        if (at >= data.size()) {
            failed = true;
            return 0;
        }
        return static_cast<unsigned char>(data[at]);
    }
    unsigned card16(std::size_t at) { return (byte(at) << 8) | byte(at + 1); }
    std::uint32_t offset(std::size_t at, unsigned size) {
        std::uint32_t v = 0;
        for (unsigned i = 0; i < size; ++i) v = (v << 8) | byte(at + i);
        return v;
    }
};

// A CFF INDEX: where its items are and where it ends.
struct Index {
    std::vector<std::string_view> items;
    std::size_t end = 0;
};

std::optional<Index> read_index(Reader& r, std::size_t at) {
    Index index;
    unsigned count = r.card16(at);
    if (r.failed) return std::nullopt;
    if (count == 0) {
        index.end = at + 2;
        return index;
    }
    unsigned off_size = r.byte(at + 2);
    if (off_size < 1 || off_size > 4) return std::nullopt;
    std::size_t offsets = at + 3;
    std::size_t base = offsets + (static_cast<std::size_t>(count) + 1) * off_size - 1;
    std::uint32_t prev = r.offset(offsets, off_size);
    for (unsigned i = 1; i <= count; ++i) {
        std::uint32_t next = r.offset(offsets + static_cast<std::size_t>(i) * off_size, off_size);
        if (r.failed || next < prev || base + next > r.data.size()) return std::nullopt;
        index.items.push_back(r.data.substr(base + prev, next - prev));
        prev = next;
    }
    index.end = base + prev;
    return index;
}

// Operands and operators of a DICT that the writer needs (integers only; reals are skipped).
struct TopDict {
    std::optional<long> charset, char_strings;
    std::optional<std::vector<long>> ros;
};

std::optional<TopDict> read_top_dict(std::string_view dict) {
    TopDict top;
    std::vector<long> operands;
    std::size_t i = 0;
    auto at = [&](std::size_t k) -> unsigned { return k < dict.size() ? static_cast<unsigned char>(dict[k]) : 0; };
    while (i < dict.size()) {
        unsigned b0 = at(i);
        if (b0 <= 21) {
            unsigned op = b0;
            ++i;
            if (b0 == 12) {
                op = 1200 + at(i);
                ++i;
            }
            if (op == 15 && !operands.empty()) top.charset = operands.back();
            if (op == 17 && !operands.empty()) top.char_strings = operands.back();
            if (op == 1230 && operands.size() >= 3) top.ros = operands;
            operands.clear();
        } else if (b0 == 28) {
            operands.push_back(static_cast<std::int16_t>((at(i + 1) << 8) | at(i + 2)));
            i += 3;
        } else if (b0 == 29) {
            std::uint32_t v = (at(i + 1) << 24) | (at(i + 2) << 16) | (at(i + 3) << 8) | at(i + 4);
            operands.push_back(static_cast<std::int32_t>(v));
            i += 5;
        } else if (b0 == 30) {
            // A real number: nibbles up to the end nibble 0xF; the writer never needs its value.
            ++i;
            while (i < dict.size() && (at(i) & 0x0F) != 0x0F && (at(i) & 0xF0) != 0xF0) ++i;
            ++i;
            operands.push_back(0);
        } else if (b0 >= 32 && b0 <= 246) {
            operands.push_back(static_cast<long>(b0) - 139);
            ++i;
        } else if (b0 >= 247 && b0 <= 250) {
            operands.push_back((static_cast<long>(b0) - 247) * 256 + at(i + 1) + 108);
            i += 2;
        } else if (b0 >= 251 && b0 <= 254) {
            operands.push_back(-(static_cast<long>(b0) - 251) * 256 - static_cast<long>(at(i + 1)) - 108);
            i += 2;
        } else {
            return std::nullopt;
        }
    }
    return top;
}

}  // namespace

std::optional<CffInfo> parse_cff(std::string_view table) {
    Reader r{table};
    if (r.byte(0) != 1) return std::nullopt;  // CFF version 1 only (CFF2 has no charset)
    auto names = read_index(r, r.byte(2));
    if (!names) return std::nullopt;
    auto top_dicts = read_index(r, names->end);
    if (!top_dicts || top_dicts->items.empty()) return std::nullopt;
    auto strings = read_index(r, top_dicts->end);
    if (!strings) return std::nullopt;
    auto top = read_top_dict(top_dicts->items[0]);
    if (!top || !top->char_strings) return std::nullopt;
    auto char_strings = read_index(r, static_cast<std::size_t>(*top->char_strings));
    if (!char_strings) return std::nullopt;
    std::size_t glyphs = char_strings->items.size();

    CffInfo info;
    info.cid_keyed = top->ros.has_value();
    if (info.cid_keyed) {
        // SIDs below 391 are standard strings; a registry or ordering among them would be unusual.
        auto string_for = [&](long sid, const std::string& fallback) -> std::string {
            long i = sid - 391;
            if (i >= 0 && static_cast<std::size_t>(i) < strings->items.size())
                return std::string(strings->items[static_cast<std::size_t>(i)]);
            return fallback;
        };
        const auto& ros = *top->ros;
        info.registry = string_for(ros[ros.size() - 3], "Adobe");
        info.ordering = string_for(ros[ros.size() - 2], "Identity");
        info.supplement = static_cast<int>(ros[ros.size() - 1]);
    }

    info.charset.assign(glyphs, 0);
    long charset_offset = top->charset.value_or(0);
    if (charset_offset <= 2) {
        // A predefined charset (name-keyed only): ISOAdobe maps gid to SID gid; the writer uses gids then.
        if (info.cid_keyed) return std::nullopt;
        for (std::size_t g = 0; g < glyphs; ++g) info.charset[g] = static_cast<std::uint16_t>(g);
        return info;
    }
    std::size_t at = static_cast<std::size_t>(charset_offset);
    unsigned format = r.byte(at++);
    std::size_t gid = 1;
    if (format == 0) {
        for (; gid < glyphs; ++gid, at += 2) info.charset[gid] = static_cast<std::uint16_t>(r.card16(at));
    } else if (format == 1 || format == 2) {
        while (gid < glyphs && !r.failed) {
            unsigned first = r.card16(at);
            unsigned left = format == 1 ? r.byte(at + 2) : r.card16(at + 2);
            at += format == 1 ? 3 : 4;
            for (unsigned k = 0; k <= left && gid < glyphs; ++k, ++gid)
                info.charset[gid] = static_cast<std::uint16_t>(first + k);
        }
    } else {
        return std::nullopt;
    }
    if (r.failed) return std::nullopt;
    return info;
}

}  // namespace docexport::pdf
