// The Markdown reader: CommonMark + GFM tables (cmark-gfm) into the model, with YAML front matter and the
// {base|annotation} ruby syntax.
#include "readers/common/charset.hpp"
#include "readers/inputs.hpp"
#include "readers/markdown/front_matter.hpp"
#include "readers/markdown/markdown_inlines.hpp"
#include "readers/html/html_content.hpp"
#include "support/ascii.hpp"
#include "support/wording.hpp"
#include "readers/common/utf8.hpp"

#include <docexport/readers.hpp>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <vector>

namespace docexport {

namespace readers {
namespace {

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserDeleter {
    void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterDeleter {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;

// Containers nested deeper than this are flattened, so that no later recursion can exhaust the stack.
constexpr int max_depth = 48;

// cmark-gfm's autolink extension finds e-mail addresses after parsing, in each text node: for every address it
// copies the rest of the node into a new one and goes on there, so memory and time grow with the square of a
// text node's length (a 5 MB one-line paragraph with a thousand addresses took 3 GB), and the truncated nodes
// keep their memory. Run before it, this cuts text nodes longer than text_node_limit bytes where no address can
// span the cut: after a byte that cannot be in an address and is not '/' (which, before an address, stops it
// from being one), at the start of a character. The autolink extension then finds the same addresses in nodes
// of bounded size (also those past the thousandth of a node, which it leaves unlinked); the converter skips the
// empty nodes that keep the pieces apart and merges adjacent text again (merge_text), before anything reads it.
constexpr std::size_t text_node_limit = 4096;

bool may_touch_address(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '+' || c == '-' || c == '_' || c == '@' ||
           c == '/';
}

cmark_node* cut_long_text_nodes(cmark_syntax_extension*, cmark_parser*, cmark_node* root) {
    std::vector<cmark_node*> long_nodes;
    {
        IterPtr iter(cmark_iter_new(root));
        for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
            cmark_node* node = cmark_iter_get_node(iter.get());
            if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_TEXT) continue;
            const char* literal = cmark_node_get_literal(node);
            if (literal && std::strlen(literal) > text_node_limit) long_nodes.push_back(node);
        }
    }
    for (cmark_node* node : long_nodes) {
        // The node's own text (not copied: it may be most of the file); valid until its literal is set below.
        std::string_view text = cmark_node_get_literal(node);
        std::vector<std::size_t> cuts;
        for (std::size_t start = 0; text.size() - start > text_node_limit;) {
            std::size_t p = start + text_node_limit;
            while (p < text.size() && ((static_cast<unsigned char>(text[p]) & 0xC0) == 0x80 ||
                                       may_touch_address(static_cast<unsigned char>(text[p - 1]))))
                ++p;
            if (p >= text.size()) break;
            cuts.push_back(p);
            start = p;
        }
        if (cuts.empty()) continue;
        cmark_node* after = node;
        for (std::size_t k = 0; k < cuts.size(); ++k) {
            std::size_t end = k + 1 < cuts.size() ? cuts[k + 1] : text.size();
            // An empty custom inline between the pieces: the autolink extension joins adjacent text nodes before
            // it looks for addresses; the converter skips it.
            cmark_node* gap = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
            cmark_node* piece = cmark_node_new(CMARK_NODE_TEXT);
            bool ok = gap && piece && cmark_node_insert_after(after, gap);
            if (!ok) {
                if (gap && !cmark_node_parent(gap)) cmark_node_free(gap);
                if (piece) cmark_node_free(piece);
                throw Error(ErrorCode::internal, "cannot cut a long Markdown text (out of memory?)");
            }
            if (!cmark_node_set_literal(piece, std::string(text.substr(cuts[k], end - cuts[k])).c_str()) ||
                !cmark_node_insert_after(gap, piece)) {
                cmark_node_free(piece);
                throw Error(ErrorCode::internal, "cannot cut a long Markdown text (out of memory?)");
            }
            after = piece;
        }
        std::string first(text.substr(0, cuts.front()));
        cmark_node_set_literal(node, first.c_str());
    }
    return nullptr;   // the same root
}

struct ExtensionDeleter {
    void operator()(cmark_syntax_extension* ext) const { cmark_syntax_extension_free(cmark_get_default_mem_allocator(), ext); }
};
using ExtensionPtr = std::unique_ptr<cmark_syntax_extension, ExtensionDeleter>;

std::string literal_of(cmark_node* node) {
    const char* s = cmark_node_get_literal(node);
    return s ? std::string(s) : std::string();
}

std::string_view type_name_of(cmark_node* node) {
    const char* s = cmark_node_get_type_string(node);
    return s ? std::string_view(s) : std::string_view();
}

// Returns a 2-byte character (U+0080..U+009F) absent from text, to stand for "\{", or "" when all occur.
std::string pick_escape_marker(std::string_view text) {
    if (text.find("\\{") == std::string_view::npos) return {};
    std::array<bool, 32> used{};
    for (std::size_t i = text.find('\xC2'); i != std::string_view::npos && i + 1 < text.size();
         i = text.find('\xC2', i + 1)) {
        auto b = static_cast<unsigned char>(text[i + 1]);
        if (b >= 0x80 && b <= 0x9F) used[b - 0x80] = true;
    }
    for (std::size_t k = 0; k < used.size(); ++k)
        if (!used[k]) return std::string{'\xC2', static_cast<char>(0x80 + k)};
    return {};
}

// Returns text with each backslash-escaped '{' replaced by marker (same byte length, so columns hold).
std::string mark_escapes(std::string_view text, const std::string& marker) {
    std::string out(text);
    if (marker.empty()) return out;
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        if (out[i] != '\\') continue;
        if (out[i + 1] == '{') {
            out[i] = marker[0];
            out[i + 1] = marker[1];
        }
        ++i;  // "\\" is an escaped backslash: skip its second half
    }
    return out;
}

// Returns the tag name of an HTML tag ("ruby", "/rt", "!--" for a comment), lowercased.
std::string tag_name(std::string_view html) {
    std::string name;
    if (html.substr(0, 4) == "<!--") return "!--";
    std::size_t i = html.empty() || html[0] != '<' ? 0 : 1;
    if (i < html.size() && html[i] == '/') name += html[i++];
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-'))
        name += support::ascii_lower(html[i++]);
    return name;
}

// Returns the index of needle (lowercase ASCII) in s compared without case, or npos.
std::size_t lowercase_find(std::string_view s, std::string_view needle) {
    if (needle.size() > s.size()) return std::string_view::npos;
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && support::ascii_lower(s[i + k]) == needle[k]) ++k;
        if (k == needle.size()) return i;
    }
    return std::string_view::npos;
}

// Returns the value of attribute name (lowercase) in an HTML start tag, or "".
std::string attribute_of(std::string_view tag, std::string_view name) {
    std::size_t at = lowercase_find(tag, std::string(name) + "=");
    if (at == std::string_view::npos || at == 0 || !std::isspace(static_cast<unsigned char>(tag[at - 1]))) return {};
    std::size_t v = at + name.size() + 1;
    if (v >= tag.size()) return {};
    char quote = tag[v];
    if (quote == '"' || quote == '\'') {
        std::size_t end = tag.find(quote, v + 1);
        return end == std::string_view::npos ? std::string() : std::string(tag.substr(v + 1, end - v - 1));
    }
    std::size_t end = tag.find_first_of(" \t\n>", v);
    return std::string(tag.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v));
}

// Converts a cmark-gfm tree into model blocks; one per read.
class Converter {
public:
    Converter(std::string file, std::string_view body, std::uint32_t first_line, DiagnosticSink& sink,
              InlineFinish finish)
        : file_(std::move(file)), body_(body), first_line_(first_line), sink_(sink),
          finish_(std::move(finish)) {
        line_starts_.push_back(0);
        for (std::size_t i = body_.find('\n'); i != std::string_view::npos; i = body_.find('\n', i + 1))
            line_starts_.push_back(i + 1);
    }

    // Returns the blocks of a document, freeing each top-level node once it is converted (a lower peak of memory).
    Blocks consume_document(cmark_node* document) {
        Blocks out;
        std::vector<Block> open;
        while (cmark_node* child = cmark_node_first_child(document)) {
            append_sibling(child, 0, out, open);
            cmark_node_unlink(child);
            NodePtr done(child);
        }
        close_details(out, open);
        return out;
    }

    Blocks blocks(cmark_node* parent, int depth) {
        Blocks out;
        append_blocks(parent, depth, out);
        return out;
    }

    // Puts a ballot box (☐ or ☑) at the start of a task list item.
    static void mark_task(Blocks& item, bool checked, const SourcePos& pos) {
        Inline box = make_text(checked ? "\u2611 " : "\u2610 ", pos);
        if (!item.empty() && item.front().kind == BlockKind::paragraph) {
            item.front().inlines.insert(item.front().inlines.begin(), std::move(box));
            return;
        }
        Block p;
        p.kind = BlockKind::paragraph;
        p.pos = pos;
        box.text.pop_back();
        p.inlines.push_back(std::move(box));
        item.insert(item.begin(), std::move(p));
    }

    // Reports what was dropped on the way, once per read.
    void report_summary() {
        if (dropped_tags_ > 1)
            sink_.warn(SourcePos{file_, 0, 0}, support::counted(dropped_tags_ - 1, "more raw HTML tag", "more raw HTML tags") + " dropped");
    }

private:
    std::string file_;
    std::string_view body_;
    std::uint32_t first_line_;
    DiagnosticSink& sink_;
    InlineFinish finish_;
    std::vector<std::size_t> line_starts_;
    std::size_t dropped_tags_ = 0;
    int footnotes_ = 0;
    bool warned_depth_ = false;
    // A cache for column conversion: the byte offset and code point column last converted.
    std::size_t cache_line_ = 0, cache_off_ = 0;
    std::uint32_t cache_col_ = 1;

    // Returns the file position of a node (cmark gives a 1-based line and byte column in the body), or
    // fallback when cmark gives none.
    SourcePos pos_of(cmark_node* node, const SourcePos& fallback) {
        int line = cmark_node_get_start_line(node);
        int col = cmark_node_get_start_column(node);
        if (line <= 0 || static_cast<std::size_t>(line) > line_starts_.size()) return fallback;
        auto l = static_cast<std::size_t>(line - 1);
        std::size_t start = line_starts_[l];
        std::size_t end = l + 1 < line_starts_.size() ? line_starts_[l + 1] - 1 : body_.size();
        std::string_view text = body_.substr(start, end - start);
        std::size_t off = std::min(static_cast<std::size_t>(std::max(col, 1) - 1), text.size());
        // Nodes come in reading order, so continuing from the last conversion on the same line stays linear.
        if (cache_line_ != l || cache_off_ > off) {
            cache_line_ = l;
            cache_off_ = 0;
            cache_col_ = 1;
        }
        cache_col_ += static_cast<std::uint32_t>(utf8::count_code_points(text.substr(cache_off_, off - cache_off_)));
        cache_off_ = off;
        return SourcePos{file_, first_line_ + static_cast<std::uint32_t>(l), cache_col_};
    }

    SourcePos pos_of(cmark_node* node) { return pos_of(node, SourcePos{file_, 0, 0}); }

    std::string restore_literal(std::string s, std::string_view with) const {
        return finish_.escape_marker.empty() ? s : replace_all(s, finish_.escape_marker, with);
    }

    void warn_depth(const SourcePos& pos) {
        if (warned_depth_) return;
        warned_depth_ = true;
        sink_.warn(pos, "nesting deeper than " + std::to_string(max_depth) + " levels is flattened",
                   {"deeply nested quotes, lists or emphasis are kept as their content"});
    }

    // Appends the leaf blocks (paragraphs, headings, code, tables, ...) inside container, without recursion.
    void append_flattened_blocks(cmark_node* container, int depth, const SourcePos& pos, Blocks& out) {
        warn_depth(pos);
        IterPtr iter(cmark_iter_new(container));
        cmark_node* inside = nullptr;  // a leaf block whose own children are not walked here
        for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
            cmark_node* node = cmark_iter_get_node(iter.get());
            if (inside) {
                if (ev == CMARK_EVENT_EXIT && node == inside) inside = nullptr;
                continue;
            }
            if (ev != CMARK_EVENT_ENTER || node == container) continue;
            cmark_node_type t = cmark_node_get_type(node);
            if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM) continue;
            append_block(node, depth, out);
            if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || type_name_of(node) == "table") inside = node;
        }
    }

    // Appends the leaf inlines (text, code, breaks) inside node, without recursion.
    void append_flattened_inlines(cmark_node* node, const SourcePos& block_pos, int depth, Inlines& out) {
        warn_depth(pos_of(node, block_pos));
        IterPtr iter(cmark_iter_new(node));
        for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
            if (ev != CMARK_EVENT_ENTER) continue;
            cmark_node* leaf = cmark_iter_get_node(iter.get());
            switch (cmark_node_get_type(leaf)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE: append_inline(leaf, block_pos, depth, out); break;
            default: break;
            }
        }
    }

    void append_blocks(cmark_node* parent, int depth, Blocks& out) {
        std::vector<Block> open;
        for (cmark_node* child = cmark_node_first_child(parent); child; child = cmark_node_next(child))
            append_sibling(child, depth, out, open);
        close_details(out, open);
    }

    // Appends one block of a run of siblings. Raw HTML <details> … </details> around Markdown blocks makes a
    // details block (a block quote of class "details"; its <summary> is the first paragraph, class "summary"):
    // open holds the details blocks not closed yet, innermost last.
    void append_sibling(cmark_node* node, int depth, Blocks& out, std::vector<Block>& open) {
        Blocks& target = open.empty() ? out : open.back().blocks;
        if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK) {
            append_block(node, depth, target);
            return;
        }
        std::string html = restore_literal(literal_of(node), "\\{");
        std::string name = tag_name(trim(html));
        if (name == "details") {
            Block details;
            details.kind = BlockKind::block_quote;
            details.attr.classes.push_back("details");
            details.pos = pos_of(node);
            std::size_t s = lowercase_find(html, "<summary");
            std::size_t e = lowercase_find(html, "</summary>");
            std::string rest = html;
            if (s != std::string::npos && e != std::string::npos && e > s) {
                Block summary;
                summary.kind = BlockKind::paragraph;
                summary.attr.classes.push_back("summary");
                summary.pos = details.pos;
                summary.inlines = text_inlines(strip_tags(html.substr(s, e - s), TagSpace::collapse), details.pos, finish_);
                if (!summary.inlines.empty()) details.blocks.push_back(std::move(summary));
                rest = html.substr(0, s) + html.substr(e + 10);
            }
            std::string text = strip_tags(rest, TagSpace::collapse);
            if (!trim(text).empty()) {
                Block p;
                p.kind = BlockKind::paragraph;
                p.pos = details.pos;
                p.inlines = text_inlines(std::string(trim(text)), details.pos, finish_);
                details.blocks.push_back(std::move(p));
            }
            bool closed = lowercase_find(html, "</details") != std::string::npos;
            if (closed) target.push_back(std::move(details));
            else open.push_back(std::move(details));
            return;
        }
        if (name == "/details" && !open.empty()) {
            Block done = std::move(open.back());
            open.pop_back();
            (open.empty() ? out : open.back().blocks).push_back(std::move(done));
            std::string text = strip_tags(html, TagSpace::collapse);
            if (!trim(text).empty()) append_block(node, depth, open.empty() ? out : open.back().blocks);
            return;
        }
        append_block(node, depth, target);
    }

    // Closes the details blocks that were never closed (their content is kept).
    void close_details(Blocks& out, std::vector<Block>& open) {
        while (!open.empty()) {
            Block done = std::move(open.back());
            open.pop_back();
            sink_.warn(done.pos, "<details> is not closed; it runs to the end of its container",
                       {"close it with </details>"});
            (open.empty() ? out : open.back().blocks).push_back(std::move(done));
        }
    }

    void append_block(cmark_node* node, int depth, Blocks& out) {
        Block b;
        b.pos = pos_of(node);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH: {
            cmark_node* only = cmark_node_first_child(node);
            if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
                b.kind = BlockKind::image;
                b.target = restore_literal(cmark_node_get_url(only) ? cmark_node_get_url(only) : "", "{");
                b.title = restore_literal(cmark_node_get_title(only) ? cmark_node_get_title(only) : "", "{");
                b.inlines = inlines(only, b.pos, depth);
                out.push_back(std::move(b));
                return;
            }
            b.kind = BlockKind::paragraph;
            b.inlines = inlines(node, b.pos, depth);
            if (b.inlines.empty()) return;  // e.g. a paragraph of dropped HTML tags
            out.push_back(std::move(b));
            return;
        }
        case CMARK_NODE_HEADING:
            b.kind = BlockKind::heading;
            b.level = cmark_node_get_heading_level(node);
            b.inlines = inlines(node, b.pos, depth);
            out.push_back(std::move(b));
            return;
        case CMARK_NODE_THEMATIC_BREAK:
            b.kind = BlockKind::rule;
            out.push_back(std::move(b));
            return;
        case CMARK_NODE_CODE_BLOCK: {
            b.kind = BlockKind::code_block;
            b.text = restore_literal(literal_of(node), "\\{");
            const char* info = cmark_node_get_fence_info(node);
            std::string_view language = info ? trim(info) : std::string_view();
            b.info = restore_literal(std::string(language.substr(0, language.find_first_of(" \t"))), "{");
            out.push_back(std::move(b));
            return;
        }
        case CMARK_NODE_HTML_BLOCK: {
            std::string html = restore_literal(literal_of(node), "\\{");
            std::string text = strip_tags(html, TagSpace::collapse);
            if (trim(html).substr(0, 4) == "<!--" && text.empty()) return;  // a comment: nothing to say
            sink_.warn(b.pos, text.empty() ? "raw HTML block dropped" : "raw HTML block dropped; its text is kept",
                       {"docexport does not pass raw HTML through; write the content in Markdown"});
            if (text.empty()) return;
            b.kind = BlockKind::paragraph;
            b.inlines = text_inlines(std::move(text), b.pos, finish_);
            out.push_back(std::move(b));
            return;
        }
        case CMARK_NODE_BLOCK_QUOTE:
            if (depth >= max_depth) {
                append_flattened_blocks(node, depth, b.pos, out);
                return;
            }
            b.kind = BlockKind::block_quote;
            b.blocks = blocks(node, depth + 1);
            out.push_back(std::move(b));
            return;
        case CMARK_NODE_LIST:
            if (depth >= max_depth) {
                append_flattened_blocks(node, depth, b.pos, out);
                return;
            }
            b.kind = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? BlockKind::ordered_list : BlockKind::bullet_list;
            b.start = b.kind == BlockKind::ordered_list ? cmark_node_get_list_start(node) : 1;
            for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
                b.items.push_back(blocks(item, depth + 1));
                if (type_name_of(item) == "tasklist") {
                    // A task: its state is a ballot box in the text (☐ to do, ☑ done), so both outputs and their
                    // text layers carry it.
                    mark_task(b.items.back(), cmark_gfm_extensions_get_tasklist_item_checked(item), pos_of(item));
                    if (b.attr.classes.empty()) b.attr.classes.push_back("task-list");
                }
            }
            out.push_back(std::move(b));
            return;
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            // The parser moves the definitions that are referenced to the end, numbered in order of reference.
            b.kind = BlockKind::block_quote;
            b.attr.classes.push_back("footnote");
            b.attr.set("note", std::to_string(++footnotes_));
            b.blocks = blocks(node, depth + 1);
            out.push_back(std::move(b));
            return;
        default: break;
        }
        std::string_view type = type_name_of(node);
        if (type == "table") {
            b.kind = BlockKind::table;
            read_table(node, b, depth);
            out.push_back(std::move(b));
            return;
        }
        sink_.warn(b.pos, "Markdown block '" + std::string(type) + "' is not supported; its content is kept",
                   {"docexport reads CommonMark with GFM tables"});
        append_blocks(node, depth, out);
    }

    void read_table(cmark_node* node, Block& b, int depth) {
        uint16_t columns = cmark_gfm_extensions_get_table_columns(node);
        const uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(node);
        for (uint16_t c = 0; c < columns; ++c) {
            switch (aligns ? aligns[c] : 0) {
            case 'l': b.table.aligns.push_back(Align::left); break;
            case 'c': b.table.aligns.push_back(Align::center); break;
            case 'r': b.table.aligns.push_back(Align::right); break;
            default: b.table.aligns.push_back(Align::none); break;
            }
        }
        for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
            std::vector<TableCell> cells;
            SourcePos row_pos = pos_of(row, b.pos);
            for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
                TableCell tc;
                tc.pos = pos_of(cell, row_pos);
                tc.content = inlines(cell, tc.pos, depth);
                cells.push_back(std::move(tc));
            }
            while (cells.size() < columns) cells.push_back(TableCell{{}, row_pos});
            if (cmark_gfm_extensions_get_table_row_is_header(row) && b.table.header.empty())
                b.table.header = std::move(cells);
            else
                b.table.rows.push_back(std::move(cells));
        }
    }

    // Returns the finished inlines of a block-level node.
    Inlines inlines(cmark_node* parent, const SourcePos& block_pos, int depth) {
        Inlines out;
        append_inlines(parent, block_pos, depth, out);
        finish_inlines(out, finish_);
        return out;
    }

    void drop_tag(const std::string& html, const SourcePos& pos) {
        if (dropped_tags_++ == 0)
            sink_.warn(pos, "raw HTML tag " + html + " dropped; the text around it is kept",
                       {"docexport does not pass raw HTML through; <ruby>, <rt>, <rp> and <br> are understood"});
    }

    // Reads <ruby>base<rt>annotation</rt>...</ruby> starting at an open <ruby> tag. Returns false (leaving out
    // alone) when what follows is not plain ruby markup; else sets next to the node after </ruby>.
    bool read_html_ruby(cmark_node* open, const SourcePos& block_pos, int depth, Inlines& out, cmark_node*& next) {
        Inlines result, base;
        std::string annotation;
        enum class In { ruby_base, rt, rp } in = In::ruby_base;
        SourcePos pos = pos_of(open, block_pos);
        for (cmark_node* n = cmark_node_next(open); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
                std::string name = tag_name(literal_of(n));
                if (name == "rt") {
                    in = In::rt;
                } else if (name == "rp") {
                    in = In::rp;
                } else if (name == "/rp" || name == "rb" || name == "/rb") {
                    in = In::ruby_base;
                } else if (name == "/rt") {
                    in = In::ruby_base;
                    std::string_view a = trim(annotation);
                    if (!base.empty()) {
                        Inline ruby;
                        ruby.kind = InlineKind::ruby;
                        ruby.text = restore_literal(std::string(a), "{");
                        ruby.children = std::move(base);
                        ruby.pos = pos;
                        if (ruby.text.empty())
                            for (Inline& child : ruby.children) result.push_back(std::move(child));
                        else
                            result.push_back(std::move(ruby));
                    }
                    base.clear();
                    annotation.clear();
                } else if (name == "/ruby") {
                    for (Inline& child : result) out.push_back(std::move(child));
                    for (Inline& child : base) out.push_back(std::move(child));
                    next = cmark_node_next(n);
                    return true;
                } else {
                    return false;
                }
                continue;
            }
            if (in == In::ruby_base) {
                append_inline(n, block_pos, depth, base);
            } else if (in == In::rt) {
                cmark_node_type t = cmark_node_get_type(n);
                if (t == CMARK_NODE_TEXT) annotation += literal_of(n);
                else if (t == CMARK_NODE_SOFTBREAK) annotation += ' ';
                else return false;
            }
        }
        return false;
    }

    // Reads <sup>…</sup> and the other phrase elements that the model keeps (a span whose class is the tag
    // name; abbr keeps its title) starting at an open tag. Returns false, leaving out alone, when the tag is not
    // one of them or is not closed among its siblings before limit (the closing tag of the span it is in, so that
    // misnested tags, <sup>a<mark>b</sup>c</mark>, are read as far as they nest); else sets next to the node
    // after the closing tag.
    bool read_html_span(cmark_node* open, const SourcePos& block_pos, int depth, Inlines& out, cmark_node*& next,
                        cmark_node* limit = nullptr) {
        std::string html = literal_of(open);
        std::string name = tag_name(html);
        static const std::array<std::string_view, 15> kept = {"sup", "sub", "kbd", "abbr", "mark", "small", "s", "del",
                                                              "ins", "u", "q", "cite", "dfn", "var", "samp"};
        // A <span> is kept for its language only (a Latin quotation in a Chinese article: the EPUB's lang, the
        // tagged PDF's /Lang); the kept tags keep theirs too.
        std::string lang = attribute_of(html, "lang");
        bool language_span = name == "span" && !lang.empty();
        if ((std::find(kept.begin(), kept.end(), name) == kept.end() && !language_span) || depth >= max_depth) return false;
        int nesting = 0;
        cmark_node* close = nullptr;
        for (cmark_node* n = cmark_node_next(open); n && n != limit; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE) continue;
            std::string t = tag_name(literal_of(n));
            if (t == name) ++nesting;
            else if (t == "/" + name && nesting-- == 0) {
                close = n;
                break;
            }
        }
        if (!close) return false;
        Inline span;
        span.kind = InlineKind::span;
        span.pos = pos_of(open, block_pos);
        if (!language_span) span.attr.classes.push_back(name == "s" ? "del" : name);
        if (std::string title = attribute_of(html, "title"); !title.empty()) span.attr.set("title", title);
        if (!lang.empty()) span.attr.set("lang", lang);
        for (cmark_node* n = cmark_node_next(open); n && n != close;) {
            cmark_node* after = nullptr;
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE &&
                read_html_span(n, block_pos, depth + 1, span.children, after, close)) {
                n = after;
                continue;
            }
            append_inline(n, block_pos, depth + 1, span.children);
            n = cmark_node_next(n);
        }
        out.push_back(std::move(span));
        next = cmark_node_next(close);
        return true;
    }

    void append_inlines(cmark_node* parent, const SourcePos& block_pos, int depth, Inlines& out) {
        cmark_node* n = cmark_node_first_child(parent);
        while (n) {
            cmark_node* next = nullptr;
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && tag_name(literal_of(n)) == "ruby" &&
                read_html_ruby(n, block_pos, depth, out, next)) {
                n = next;
                continue;
            }
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && read_html_span(n, block_pos, depth, out, next)) {
                n = next;
                continue;
            }
            append_inline(n, block_pos, depth, out);
            n = cmark_node_next(n);
        }
    }

    void append_inline(cmark_node* node, const SourcePos& block_pos, int depth, Inlines& out) {
        Inline in;
        in.pos = pos_of(node, block_pos);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
            in.text = literal_of(node);
            out.push_back(std::move(in));
            return;
        case CMARK_NODE_SOFTBREAK:
            in.text = std::string(soft_break_text);
            in.pos = block_pos;
            out.push_back(std::move(in));
            return;
        case CMARK_NODE_LINEBREAK:
            in.kind = InlineKind::line_break;
            out.push_back(std::move(in));
            return;
        case CMARK_NODE_CODE:
            in.kind = InlineKind::code;
            in.text = restore_literal(literal_of(node), "\\{");
            out.push_back(std::move(in));
            return;
        case CMARK_NODE_HTML_INLINE: {
            std::string html = restore_literal(literal_of(node), "\\{");
            std::string name = tag_name(html);
            if (name == "br") {
                in.kind = InlineKind::line_break;
                out.push_back(std::move(in));
            } else if (name != "!--") {
                drop_tag(html, in.pos);
            }
            return;
        }
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            // A note reference: its number (the parser numbers notes in order of first reference).
            in.kind = InlineKind::span;
            in.attr.classes.push_back("note-ref");
            in.attr.set("note", literal_of(node));
            in.children.push_back(make_text(literal_of(node), in.pos));
            out.push_back(std::move(in));
            return;
        case CMARK_NODE_EMPH: in.kind = InlineKind::emphasis; break;
        case CMARK_NODE_STRONG: in.kind = InlineKind::strong; break;
        case CMARK_NODE_LINK:
            in.kind = InlineKind::link;
            in.target = restore_literal(cmark_node_get_url(node) ? cmark_node_get_url(node) : "", "{");
            in.title = restore_literal(cmark_node_get_title(node) ? cmark_node_get_title(node) : "", "{");
            break;
        case CMARK_NODE_IMAGE: {
            // An image among text: a span the writers can show as an image.
            in.kind = InlineKind::span;
            in.attr.classes.push_back("image");
            in.attr.set("src", restore_literal(cmark_node_get_url(node) ? cmark_node_get_url(node) : "", "{"));
            Inlines alt;
            append_inlines(node, in.pos, depth + 1, alt);
            finish_inlines(alt, finish_);
            in.attr.set("alt", plain_text(alt));
            std::string title = cmark_node_get_title(node) ? cmark_node_get_title(node) : "";
            if (!title.empty()) in.attr.set("title", restore_literal(title, "{"));
            out.push_back(std::move(in));
            return;
        }
        default:
            if (type_name_of(node) == "strikethrough") {
                in.kind = InlineKind::span;
                in.attr.classes.push_back("strikethrough");
                break;
            }
            append_inlines(node, block_pos, depth, out);
            return;
        }
        if (depth >= max_depth) {
            append_flattened_inlines(node, block_pos, depth, out);
            return;
        }
        append_inlines(node, block_pos, depth + 1, in.children);
        std::string after = in.kind == InlineKind::link ? trim_autolink(in) : std::string();
        out.push_back(std::move(in));
        if (!after.empty()) out.push_back(make_text(std::move(after), out.back().pos));
    }

    // The autolink extension ends a bare URL at white space and ASCII punctuation only, so that
    // "https://example.org。與" takes the full stop and what follows into the URL. Cuts an autolink at its first
    // CJK punctuation mark and returns what was cut, which follows the link as text.
    static std::string trim_autolink(Inline& link) {
        if (link.children.size() != 1 || link.children[0].kind != InlineKind::text) return {};
        std::string& shown = link.children[0].text;
        if (link.target != shown && link.target != "http://" + shown && link.target != "mailto:" + shown) return {};
        std::size_t end = shown.size();
        for (std::size_t i = 0; i < shown.size();) {
            std::size_t at = i;
            char32_t c = next_code_point(shown, i);
            if ((c >= U'\u3000' && c <= U'\u303F') || (c >= U'\uFF01' && c <= U'\uFF65')) {
                end = at;
                break;
            }
        }
        if (end == shown.size() || end == 0) return {};
        std::string moved = shown.substr(end);
        // target is shown with a prefix (checked above), so it ends with what is moved.
        link.target.resize(link.target.size() - moved.size());
        shown.resize(end);
        return moved;
    }
};

// cmark-gfm drops a footnote definition that nothing references. Finds such definitions in the source
// ([^label]: text, outside fenced code) and keeps their text as paragraphs at the end, with a warning.
void keep_unreferenced_notes(const std::string& file, std::string_view body, std::uint32_t first_line,
                             const InlineFinish& finish, Blocks& blocks, DiagnosticSink& sink) {
    if (body.find("[^") == std::string_view::npos) return;
    struct Definition {
        std::string label, text;
        std::uint32_t line = 0;
    };
    std::vector<Definition> defs;
    std::string references;  // the source outside definition lines, where references are looked for
    bool fenced = false;
    Definition* open = nullptr;
    std::uint32_t number = first_line;
    for (std::size_t start = 0; start < body.size(); ++number) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view line = body.substr(start, end - start);
        start = end + 1;
        std::string_view t = trim(line);
        if (t.starts_with("```") || t.starts_with("~~~")) fenced = !fenced;
        std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
        if (!fenced && indent <= 3 && t.starts_with("[^")) {
            std::size_t close = t.find("]:");
            if (close != std::string_view::npos && close > 2) {
                defs.push_back(Definition{std::string(t.substr(2, close - 2)), std::string(trim(t.substr(close + 2))), number});
                open = &defs.back();
                continue;
            }
        }
        if (open && !t.empty() && indent >= 4) {
            open->text += ' ';
            open->text += t;
            continue;
        }
        if (!t.empty()) open = nullptr;
        references += line;
        references += '\n';
    }
    for (const Definition& d : defs) {
        if (references.find("[^" + d.label + "]") != std::string::npos) continue;
        SourcePos pos{file, d.line, 1};
        sink.warn(pos, "footnote [^" + d.label + "] is never referenced; its text is kept at the end",
                  {"refer to it with [^" + d.label + "] where it belongs"});
        if (trim(d.text).empty()) continue;
        Block p;
        p.kind = BlockKind::paragraph;
        p.pos = pos;
        p.inlines = text_inlines(d.text, pos, finish);
        blocks.push_back(std::move(p));
    }
}

}  // namespace
}  // namespace readers

Section read_markdown(std::string_view name, std::string_view content, const ReadOptions& options, DiagnosticSink& sink,
                      DocumentMeta* doc_meta) {
    return readers::read_decoded_markdown(name, readers::decode_text_input(name, content, options.encoding, sink), options,
                                          sink, doc_meta);
}

Section readers::read_decoded_markdown(std::string_view name, std::string text, const ReadOptions& options,
                                       DiagnosticSink& sink, DocumentMeta* doc_meta) {
    using namespace readers;
    std::string file(name);

    Section section;
    section.pos = SourcePos{file, 1, 1};
    InlineFinish finish;
    finish.cjk_punctuation = options.cjk_punctuation;

    FrontMatter front = find_front_matter(text);
    bool titled = false;
    if (front.unclosed)
        sink.warn(SourcePos{file, 1, 1}, "front matter is not closed; it is read as Markdown",
                  {"end the front matter with a line '---'"});
    if (front.present) titled = apply_front_matter(front, file, finish, section, doc_meta, sink);

    std::string_view body = std::string_view(text).substr(front.body_offset);
    finish.escape_marker = pick_escape_marker(body);
    std::string marked = finish.escape_marker.empty() ? std::string() : mark_escapes(body, finish.escape_marker);
    std::string_view source = finish.escape_marker.empty() ? body : std::string_view(marked);

    cmark_gfm_core_extensions_ensure_registered();
    // Declared before the parser, which refers to it until it is freed.
    readers::ExtensionPtr cutter(cmark_syntax_extension_new("docexport-cut-long-text"));
    ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES));
    if (!parser || !cutter) throw Error(ErrorCode::internal, "cannot create a Markdown parser", section.pos);
    cmark_syntax_extension_set_postprocess_func(cutter.get(), readers::cut_long_text_nodes);
    cmark_parser_attach_syntax_extension(parser.get(), cutter.get());   // postprocessed in this order: before autolink
    for (const char* ext_name : {"table", "strikethrough", "tasklist", "autolink"}) {
        cmark_syntax_extension* ext = cmark_find_syntax_extension(ext_name);
        if (!ext || !cmark_parser_attach_syntax_extension(parser.get(), ext))
            throw Error(ErrorCode::internal, std::string("cmark-gfm has no '") + ext_name + "' extension", section.pos,
                        {"install libcmark-gfm-extensions"});
    }
    cmark_parser_feed(parser.get(), source.data(), source.size());
    NodePtr root(cmark_parser_finish(parser.get()));
    if (!root) throw Error(ErrorCode::internal, "the Markdown parser failed", section.pos);

    Converter converter(file, body, front.body_first_line, sink, finish);
    section.blocks = converter.consume_document(root.get());
    converter.report_summary();
    keep_unreferenced_notes(file, body, front.body_first_line, finish, section.blocks, sink);

    // A first-level heading at the start is the section's title, unless front matter gave one.
    bool leading_h1 = !section.blocks.empty() && section.blocks.front().kind == BlockKind::heading &&
                      section.blocks.front().level == 1;
    if (!titled && leading_h1) {
        section.title = std::move(section.blocks.front().inlines);
        section.pos = section.blocks.front().pos;
        section.blocks.erase(section.blocks.begin());
    } else if (titled && leading_h1 && plain_text(section.blocks.front().inlines) == plain_text(section.title)) {
        section.blocks.erase(section.blocks.begin());  // the same title twice
    } else if (!titled) {
        bool any_heading = std::any_of(section.blocks.begin(), section.blocks.end(),
                                       [](const Block& b) { return b.kind == BlockKind::heading; });
        if (any_heading)
            sink.warn(section.pos, "no title: the Markdown does not start with a '# ' heading",
                      {"start it with '# Title' or give 'title:' in front matter"});
    }
    return section;
}

}  // namespace docexport
