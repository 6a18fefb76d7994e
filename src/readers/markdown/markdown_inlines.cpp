#include "readers/markdown/markdown_inlines.hpp"

#include "readers/common/cjk_text.hpp"
#include "readers/common/utf8.hpp"

#include <vector>

namespace docexport::readers {

namespace {

// A leaf of an inline tree in reading order; barriers (code, breaks, images) separate text runs.
struct Leaf {
    Inline* node = nullptr;
    bool text = false;  // a text inline whose characters may change
};

bool has_children(InlineKind k) {
    return k == InlineKind::emphasis || k == InlineKind::strong || k == InlineKind::link || k == InlineKind::span ||
           k == InlineKind::ruby;
}

void collect_leaves(Inlines& inlines, std::vector<Leaf>& out) {
    for (Inline& in : inlines) {
        if (in.kind == InlineKind::text)
            out.push_back(Leaf{&in, true});
        else if (has_children(in.kind) && !in.children.empty())
            collect_leaves(in.children, out);
        else
            out.push_back(Leaf{&in, false});
    }
}

bool is_soft_break(const Inline& in) { return in.kind == InlineKind::text && in.text == soft_break_text; }

// Returns the last code point of a leaf's characters, or U+0020 for a barrier without text.
char32_t last_char(const Leaf& leaf) {
    const std::string& s = leaf.node->text;
    if (s.empty() || leaf.node->kind == InlineKind::line_break || leaf.node->kind == InlineKind::span) return U' ';
    std::size_t i = s.size();
    return previous_code_point(s, i);
}

char32_t first_char(const Leaf& leaf) {
    const std::string& s = leaf.node->text;
    if (s.empty() || leaf.node->kind == InlineKind::line_break || leaf.node->kind == InlineKind::span) return U' ';
    std::size_t i = 0;
    return next_code_point(s, i);
}

void resolve_soft_breaks(Inlines& inlines) {
    std::vector<Leaf> leaves;
    collect_leaves(inlines, leaves);
    char32_t before = U' ';
    bool have_before = false;
    for (std::size_t k = 0; k < leaves.size(); ++k) {
        Inline& in = *leaves[k].node;
        if (is_soft_break(in)) {
            char32_t after = U' ';
            bool have_after = false;
            for (std::size_t m = k + 1; m < leaves.size(); ++m) {
                if (leaves[m].text && leaves[m].node->text.empty()) continue;
                after = first_char(leaves[m]);
                have_after = true;
                break;
            }
            // A break at the very start or end of the inlines is dropped.
            in.text = (have_before && have_after && soft_break_is_space(before, after)) ? " " : "";
            if (!in.text.empty()) before = U' ';
            continue;
        }
        if (leaves[k].text && in.text.empty()) continue;
        before = last_char(leaves[k]);
        have_before = true;
    }
}

void merge_text(Inlines& inlines) {
    Inlines out;
    out.reserve(inlines.size());
    for (Inline& in : inlines) {
        if (in.kind == InlineKind::text) {
            if (in.text.empty()) continue;
            if (!out.empty() && out.back().kind == InlineKind::text && out.back().attr.empty() && in.attr.empty()) {
                out.back().text += in.text;
                continue;
            }
        } else if (has_children(in.kind)) {
            merge_text(in.children);
        }
        out.push_back(std::move(in));
    }
    inlines = std::move(out);
}

// Appends the text inlines and ruby inlines that {base|annotation} syntax in in.text makes.
void split_ruby(Inline& in, Inlines& out) {
    const std::string& s = in.text;
    std::size_t done = 0;  // s[0, done) is already in out
    std::size_t i = s.find('{');
    while (i != std::string::npos) {
        // s[i] is '{'. Find the bar and the closing brace, restarting at any other '{'.
        std::size_t j = s.find_first_of("{|}\n", i + 1);
        if (j == std::string::npos) break;
        if (s[j] != '|') {
            i = s[j] == '{' ? j : s.find('{', j + 1);
            continue;
        }
        std::size_t k = s.find_first_of("{|}\n", j + 1);
        if (k == std::string::npos) break;
        if (s[k] != '}') {
            i = s[k] == '{' ? k : s.find('{', k + 1);
            continue;
        }
        std::string_view base = trim(std::string_view(s).substr(i + 1, j - i - 1));
        std::string_view annotation = trim(std::string_view(s).substr(j + 1, k - j - 1));
        if (base.empty() || annotation.empty()) {
            i = s.find('{', k + 1);
            continue;
        }
        if (i > done) out.push_back(make_text(s.substr(done, i - done), in.pos));
        out.push_back(make_ruby(std::string(base), std::string(annotation), in.pos));
        done = k + 1;
        i = s.find('{', done);
    }
    if (done == 0) {
        out.push_back(std::move(in));
        return;
    }
    if (done < s.size()) out.push_back(make_text(s.substr(done), in.pos));
}

void parse_ruby_syntax(Inlines& inlines) {
    bool any = false;
    for (Inline& in : inlines) {
        if (in.kind == InlineKind::text && in.text.find('{') != std::string::npos) any = true;
        else if (has_children(in.kind) && in.kind != InlineKind::ruby) parse_ruby_syntax(in.children);
    }
    if (!any) return;
    Inlines out;
    out.reserve(inlines.size() + 2);
    for (Inline& in : inlines) {
        if (in.kind == InlineKind::text && in.text.find('{') != std::string::npos)
            split_ruby(in, out);
        else
            out.push_back(std::move(in));
    }
    inlines = std::move(out);
}

void restore_escapes(Inlines& inlines, const std::string& marker) {
    for (Inline& in : inlines) {
        if (in.kind == InlineKind::text || in.kind == InlineKind::ruby) in.text = replace_all(in.text, marker, "{");
        if (has_children(in.kind)) restore_escapes(in.children, marker);
    }
}

void convert_punctuation(Inlines& inlines) {
    std::vector<Leaf> leaves;
    collect_leaves(inlines, leaves);
    std::u32string flat;
    std::vector<std::size_t> lengths;
    lengths.reserve(leaves.size());
    std::size_t count = 0;   // code points: flat is allocated once, at its size
    for (const Leaf& leaf : leaves) {
        if (!leaf.text) ++count;
        else
            for (unsigned char b : leaf.node->text) count += (b & 0xC0) != 0x80 ? 1 : 0;
    }
    flat.reserve(count);
    for (const Leaf& leaf : leaves) {
        if (leaf.text) {
            std::u32string cps = utf8::decode(leaf.node->text);
            lengths.push_back(cps.size());
            flat += cps;
        } else {
            // A barrier reads as one neutral character: code and images are not CJK text.
            lengths.push_back(0);
            flat += U'\uFFFC';
        }
    }
    convert_cjk_punctuation_in_place(flat);
    std::size_t at = 0;
    for (std::size_t k = 0; k < leaves.size(); ++k) {
        if (!leaves[k].text) {
            ++at;
            continue;
        }
        std::string part = utf8::encode(std::u32string_view(flat).substr(at, lengths[k]));
        if (part != leaves[k].node->text) leaves[k].node->text = std::move(part);
        at += lengths[k];
    }
}

}  // namespace

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
    if (from.empty()) return std::string(s);
    std::string out;
    std::size_t done = 0;
    for (std::size_t i = s.find(from); i != std::string_view::npos; i = s.find(from, done)) {
        out.append(s.substr(done, i - done));
        out.append(to);
        done = i + from.size();
    }
    out.append(s.substr(done));
    return out;
}

void finish_inlines(Inlines& inlines, const InlineFinish& how) {
    resolve_soft_breaks(inlines);
    merge_text(inlines);
    parse_ruby_syntax(inlines);
    if (!how.escape_marker.empty()) restore_escapes(inlines, how.escape_marker);
    if (how.cjk_punctuation) convert_punctuation(inlines);
}

Inlines text_inlines(std::string text, const SourcePos& pos, const InlineFinish& how) {
    Inlines inlines;
    inlines.push_back(make_text(std::move(text), pos));
    finish_inlines(inlines, how);
    return inlines;
}

}  // namespace docexport::readers
