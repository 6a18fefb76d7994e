// Sections' blocks packed into a compact byte form and back (model.hpp, Section::packed_blocks).
//
// The form: the blocks written depth first, each node a kind byte, a byte of flags for the fields that are not
// at their defaults, then those fields; numbers as LEB128 varints, strings as their length and bytes. A source
// position's file is written only when it differs from the one before it (a section's nodes nearly all come from
// one file). The whole is deflated (raw, at zlib's fastest level) behind its unpacked length; text compresses to
// about a third, and the nodes' fixed costs (hundreds of bytes each in memory) to a few bytes.
#include "model/packed.hpp"

#include "support/deflate.hpp"
#include "support/parallel.hpp"

#include <docexport/diagnostics.hpp>

#include <algorithm>
#include <limits>

namespace docexport {

namespace {

[[noreturn]] void damaged() {
    throw Error(ErrorCode::internal, "packed blocks are damaged (they were not made by pack_blocks)");
}

class Packer {
public:
    std::string out;

    void number(std::uint64_t n) {
        while (n >= 0x80) {
            out.push_back(static_cast<char>((n & 0x7F) | 0x80));
            n >>= 7;
        }
        out.push_back(static_cast<char>(n));
    }
    void signed_number(std::int64_t n) { number((static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63)); }
    void string(const std::string& s) {
        number(s.size());
        out.append(s);
    }
    void pos(const SourcePos& p) {
        if (p.file == file_) {
            number(0);
        } else {
            number(p.file.size() + 1);
            out.append(p.file);
            file_ = p.file;
        }
        number(p.line);
        number(p.col);
    }
    void attr(const Attr& a) {
        string(a.id);
        number(a.classes.size());
        for (const std::string& c : a.classes) string(c);
        number(a.values.size());
        for (const auto& [key, value] : a.values) {
            string(key);
            string(value);
        }
    }
    void inlines(const Inlines& list) {
        number(list.size());
        for (const Inline& in : list) {
            out.push_back(static_cast<char>(in.kind));
            unsigned flags = (in.text.empty() ? 0 : 1) | (in.target.empty() ? 0 : 2) | (in.title.empty() ? 0 : 4) |
                             (in.children.empty() ? 0 : 8) | (in.attr.empty() ? 0 : 16);
            out.push_back(static_cast<char>(flags));
            if (flags & 1) string(in.text);
            if (flags & 2) string(in.target);
            if (flags & 4) string(in.title);
            if (flags & 8) inlines(in.children);
            if (flags & 16) attr(in.attr);
            pos(in.pos);
        }
    }
    void cells(const std::vector<TableCell>& row) {
        number(row.size());
        for (const TableCell& cell : row) {
            inlines(cell.content);
            pos(cell.pos);
        }
    }
    void blocks(const Blocks& list) {
        number(list.size());
        for (const Block& b : list) {
            out.push_back(static_cast<char>(b.kind));
            const Table& t = b.table;
            bool table = !t.caption.empty() || !t.aligns.empty() || !t.header.empty() || !t.rows.empty();
            unsigned flags = (b.level == 0 ? 0 : 1) | (b.start == 1 ? 0 : 2) | (b.inlines.empty() ? 0 : 4) |
                             (b.blocks.empty() ? 0 : 8) | (b.items.empty() ? 0 : 16) | (table ? 32 : 0) |
                             (b.text.empty() && b.info.empty() && b.target.empty() && b.title.empty() ? 0 : 64) |
                             (b.attr.empty() ? 0 : 128);
            out.push_back(static_cast<char>(flags));
            if (flags & 1) signed_number(b.level);
            if (flags & 2) signed_number(b.start);
            if (flags & 4) inlines(b.inlines);
            if (flags & 8) blocks(b.blocks);
            if (flags & 16) {
                number(b.items.size());
                for (const Blocks& item : b.items) blocks(item);
            }
            if (flags & 32) {
                inlines(t.caption);
                number(t.aligns.size());
                for (Align a : t.aligns) out.push_back(static_cast<char>(a));
                cells(t.header);
                number(t.rows.size());
                for (const auto& row : t.rows) cells(row);
            }
            if (flags & 64) {
                string(b.text);
                string(b.info);
                string(b.target);
                string(b.title);
            }
            if (flags & 128) attr(b.attr);
            pos(b.pos);
        }
    }

private:
    std::string file_;
};

class Unpacker {
public:
    explicit Unpacker(std::string_view in) : in_(in) {}

    bool done() const { return at_ == in_.size(); }
    std::size_t position() const { return at_; }

    std::uint64_t number() {
        std::uint64_t n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            unsigned char c = byte();
            n |= static_cast<std::uint64_t>(c & 0x7F) << shift;
            if (!(c & 0x80)) return n;
        }
        damaged();
    }
    std::int64_t signed_number() {
        std::uint64_t n = number();
        return static_cast<std::int64_t>(n >> 1) ^ -static_cast<std::int64_t>(n & 1);
    }
    // Returns a count of things that take at least one byte each (so that a broken count cannot ask for more).
    std::size_t count() {
        std::uint64_t n = number();
        if (n > in_.size() - at_) damaged();
        return static_cast<std::size_t>(n);
    }
    std::string string() {
        std::size_t n = count();
        std::string s(in_.substr(at_, n));
        at_ += n;
        return s;
    }
    SourcePos pos() {
        SourcePos p;
        std::size_t n = count();
        if (n > 0) {   // count() made sure the n - 1 bytes are there
            file_.assign(in_.substr(at_, n - 1));
            at_ += n - 1;
        }
        p.file = file_;
        p.line = small(number());
        p.col = small(number());
        return p;
    }
    Attr attr() {
        Attr a;
        a.id = string();
        a.classes.resize(count());
        for (std::string& c : a.classes) c = string();
        a.values.resize(count());
        for (auto& [key, value] : a.values) {
            key = string();
            value = string();
        }
        return a;
    }
    Inlines inlines() {
        Inlines list(count());
        for (Inline& in : list) {
            in.kind = static_cast<InlineKind>(kind(static_cast<unsigned>(InlineKind::span)));
            unsigned flags = byte();
            if (flags & 1) in.text = string();
            if (flags & 2) in.target = string();
            if (flags & 4) in.title = string();
            if (flags & 8) in.children = inlines();
            if (flags & 16) in.attr = attr();
            in.pos = pos();
        }
        return list;
    }
    std::vector<TableCell> cells() {
        std::vector<TableCell> row(count());
        for (TableCell& cell : row) {
            cell.content = inlines();
            cell.pos = pos();
        }
        return row;
    }
    Blocks blocks() {
        Blocks list(count());
        for (Block& b : list) {
            b.kind = static_cast<BlockKind>(kind(static_cast<unsigned>(BlockKind::code_block)));
            unsigned flags = byte();
            if (flags & 1) b.level = static_cast<int>(signed_number());
            if (flags & 2) b.start = static_cast<int>(signed_number());
            if (flags & 4) b.inlines = inlines();
            if (flags & 8) b.blocks = blocks();
            if (flags & 16) {
                b.items.resize(count());
                for (Blocks& item : b.items) item = blocks();
            }
            if (flags & 32) {
                Table& t = b.table;
                t.caption = inlines();
                t.aligns.resize(count());
                for (Align& a : t.aligns) a = static_cast<Align>(kind(static_cast<unsigned>(Align::right)));
                t.header = cells();
                t.rows.resize(count());
                for (auto& row : t.rows) row = cells();
            }
            if (flags & 64) {
                b.text = string();
                b.info = string();
                b.target = string();
                b.title = string();
            }
            if (flags & 128) b.attr = attr();
            b.pos = pos();
        }
        return list;
    }

private:
    unsigned char byte() {
        if (at_ >= in_.size()) damaged();
        return static_cast<unsigned char>(in_[at_++]);
    }
    unsigned kind(unsigned last) {
        unsigned k = byte();
        if (k > last) damaged();
        return k;
    }
    static std::uint32_t small(std::uint64_t n) {
        if (n > std::numeric_limits<std::uint32_t>::max()) damaged();
        return static_cast<std::uint32_t>(n);
    }

    std::string_view in_;
    std::size_t at_ = 0;
    std::string file_;
};

// One zlib state of each kind per thread: the readers pack sections on several threads, the writers unpack them.
// zlib's fastest level (a section is packed once and read once or twice), raw: no checksum to compute.
thread_local Deflater packing(1, true);
thread_local Inflater unpacking(true);

std::string deflated(const std::string& raw) {
    Packer out;
    out.number(raw.size());
    out.out += packing.deflate(raw);
    out.out.shrink_to_fit();
    return std::move(out.out);
}

std::string inflated(std::string_view packed) {
    Unpacker head(packed);
    std::uint64_t n = head.number();
    std::size_t prefix = head.position();   // zlib's stream follows the length
    // A deflated stream expands at most about 1032 times: a larger claimed length is damage, not data.
    if (n > (packed.size() - prefix) * 1032 + 64) damaged();
    return unpacking.inflate(packed.substr(prefix), static_cast<std::size_t>(n), "packed blocks");
}

}  // namespace

void pack_blocks(Section& section) {
    if (section.blocks.empty()) return;
    Packer p;
    if (section.packed_blocks.empty()) p.blocks(section.blocks);
    else p.blocks(unpacked_blocks(section));   // blocks added after packing go after the packed ones
    section.packed_blocks = deflated(p.out);
    Blocks().swap(section.blocks);
}

Blocks unpacked_blocks(const Section& section) {
    Blocks out;
    if (!section.packed_blocks.empty()) {
        std::string raw = inflated(section.packed_blocks);
        Unpacker u(raw);
        out = u.blocks();
        if (!u.done()) damaged();
    }
    if (out.empty()) return section.blocks;
    out.insert(out.end(), section.blocks.begin(), section.blocks.end());
    return out;
}

void unpack_blocks(Section& section) {
    if (section.packed_blocks.empty()) return;
    Blocks blocks = unpacked_blocks(section);
    std::string().swap(section.packed_blocks);
    section.blocks = std::move(blocks);
}

void unpack_ahead(const std::vector<Section>& sections, std::size_t begin, std::size_t end, std::vector<Blocks>& out) {
    end = std::min(end, sections.size());
    out.clear();
    out.resize(end > begin ? end - begin : 0);
    std::vector<std::size_t> packed;
    for (std::size_t i = begin; i < end; ++i)
        if (!sections[i].packed_blocks.empty()) packed.push_back(i);
    parallel_for(packed.size(), worker_count(packed.size()),
                 [&](std::size_t, std::size_t k) { out[packed[k] - begin] = unpacked_blocks(sections[packed[k]]); });
}

const Blocks& blocks_of(const Section& section, Blocks& scratch) {
    if (section.packed_blocks.empty()) return section.blocks;
    scratch = unpacked_blocks(section);
    return scratch;
}

}  // namespace docexport
