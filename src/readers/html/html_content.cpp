#include "readers/html/html_content.hpp"

#include "readers/common/cjk_text.hpp"
#include "readers/html/urls.hpp"
#include "support/ascii.hpp"
#include "support/wording.hpp"
#include "readers/common/utf8.hpp"

#include <gumbo.h>

#include <charconv>
#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <memory>
#include <vector>

namespace docexport::readers {

namespace {

// The parsed fragment; gumbo's output freed on scope exit.
class ParsedHtml {
public:
    explicit ParsedHtml(std::string_view html) {
        options_ = kGumboDefaultOptions;
        options_.max_errors = 0;  // the error list is not used; do not let it grow
        output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
    }
    ~ParsedHtml() {
        if (output_) gumbo_destroy_output(&options_, output_);
    }
    ParsedHtml(const ParsedHtml&) = delete;
    ParsedHtml& operator=(const ParsedHtml&) = delete;
    // Returns the root <html> element (never null once parsed).
    GumboNode* root() const { return output_ ? output_->root : nullptr; }

private:
    GumboOptions options_;
    GumboOutput* output_ = nullptr;
};

std::span<GumboNode* const> children_of(const GumboNode* n) {
    const GumboVector* v = nullptr;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) v = &n->v.element.children;
    else if (n->type == GUMBO_NODE_DOCUMENT) v = &n->v.document.children;
    if (!v || v->length == 0) return {};
    return {reinterpret_cast<GumboNode* const*>(v->data), v->length};
}

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
}

std::string_view attribute(const GumboNode* n, const char* name) {
    if (!is_element(n)) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? std::string_view(a->value) : std::string_view();
}

// Elements whose content is never shown: scripts, styles, embedded and interactive content.
bool dropped_tag(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FORM: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_BASE: case GUMBO_TAG_TITLE: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_MENUITEM: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_MAP: case GUMBO_TAG_AREA:
        return true;
    default:
        return false;
    }
}

bool block_tag(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
        return true;
    default:
        return false;
    }
}

bool html_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Appends the text of a subtree (no markup, dropped elements skipped, <br> as '\n') without recursion.
void subtree_text(const GumboNode* node, std::string& out) {
    std::vector<const GumboNode*> stack{node};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (is_text(n)) {
            out += n->v.text.text;
        } else if (is_element(n)) {
            GumboTag t = tag_of(n);
            if (dropped_tag(t)) continue;
            if (t == GUMBO_TAG_BR) out += '\n';
            if (t == GUMBO_TAG_RP) continue;
            auto kids = children_of(n);
            for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
        }
    }
}

// Returns text with runs of HTML white space collapsed to one space, trimmed (a break between CJK
// characters disappears).
std::string collapse(std::string_view s) {
    std::string out;
    char32_t last = 0;
    int pending = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t c = next_code_point(s, i);
        if (html_space(c)) {
            pending = std::max(pending, c == '\n' ? 2 : 1);
            continue;
        }
        if (pending && last && (pending == 1 || soft_break_is_space(last, c))) out += ' ';
        pending = 0;
        utf8::append(out, c);
        last = c;
    }
    return out;
}

// An upper bound of the element nesting depth of html, from its tags (elements that close themselves
// implicitly or are void do not count).
int nesting_estimate(std::string_view html) {
    int depth = 0, max_depth = 0;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        ++i;
        if (html.compare(i, 3, "!--") == 0) {
            std::size_t end = html.find("-->", i + 3);
            if (end == std::string_view::npos) break;
            i = end + 3;
            continue;
        }
        bool end_tag = i < html.size() && html[i] == '/';
        if (end_tag) ++i;
        std::string name;
        while (i < html.size() && name.size() < 12 &&
               ((html[i] >= 'a' && html[i] <= 'z') || (html[i] >= 'A' && html[i] <= 'Z') || (html[i] >= '0' && html[i] <= '9')))
            name += support::ascii_lower(html[i++]);
        if (name.empty()) continue;
        std::size_t close = html.find('>', i);
        bool self_closing = close != std::string_view::npos && close > 0 && html[close - 1] == '/';
        static constexpr std::string_view flat[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                    "link", "meta", "param", "source", "track", "wbr", "p",
                                                    "li", "dt", "dd", "option", "tr", "td", "th", "rt", "rp"};
        bool is_flat = false;
        for (auto f : flat)
            if (name == f) is_flat = true;
        if (is_flat || self_closing) continue;
        if (end_tag) depth = depth > 0 ? depth - 1 : 0;
        else max_depth = std::max(max_depth, ++depth);
        if (close == std::string_view::npos) break;
        i = close + 1;
    }
    return max_depth;
}

class Converter {
public:
    Converter(const HtmlContext& context, DiagnosticSink& sink) : ctx_(context), sink_(sink) {}

    Blocks convert(const GumboNode* root) {
        Blocks out;
        if (!root) return out;
        for (const GumboNode* c : children_of(root))
            if (tag_of(c) == GUMBO_TAG_BODY) blocks_of(c, out, 1);
        return out;
    }

    // Reports what was dropped (one verbose note per kind).
    void survey(const GumboNode* root) {
        std::map<std::string, int> dropped;
        int handlers = 0;
        std::vector<const GumboNode*> stack{root};
        while (!stack.empty()) {
            const GumboNode* n = stack.back();
            stack.pop_back();
            if (!n || !is_element(n)) continue;
            const GumboVector& attrs = n->v.element.attributes;
            for (unsigned k = 0; k < attrs.length; ++k) {
                auto* a = static_cast<const GumboAttribute*>(attrs.data[k]);
                if ((a->name[0] == 'o' || a->name[0] == 'O') && (a->name[1] == 'n' || a->name[1] == 'N')) ++handlers;
            }
            GumboTag t = tag_of(n);
            if (dropped_tag(t) && t != GUMBO_TAG_HEAD) {
                ++dropped[t == GUMBO_TAG_UNKNOWN ? "unknown" : gumbo_normalized_tagname(t)];
                continue;
            }
            for (const GumboNode* c : children_of(n)) stack.push_back(c);
        }
        for (const auto& [tag, count] : dropped)
            sink_.note(ctx_.pos, "dropped " + support::counted(static_cast<std::size_t>(count), "<" + tag + "> element", "<" + tag + "> elements") +
                                     " from the entry content");
        if (handlers)
            sink_.note(ctx_.pos, "dropped " + support::counted(static_cast<std::size_t>(handlers), "event handler attribute", "event handler attributes") +
                                     " (onclick, onload, ...) from the entry content");
        for (const auto& [what, count] : unsafe_)
            sink_.note(ctx_.pos, "kept the text but not the target of " +
                                     (what == "image" ? support::counted(static_cast<std::size_t>(count), "image", "images") +
                                                            " (embedded data or an unsafe scheme)"
                                                      : support::counted(static_cast<std::size_t>(count), "link", "links") +
                                                            " with an unsafe scheme (javascript:, data:, file:, ...)"));
    }

private:
    // An inline run being collected: its inlines, the last character, pending white space, and figures
    // (images met inside inline markup) that follow the paragraph.
    struct Run {
        Inlines inlines;
        char32_t last = 0;
        int pending = 0;  // 0 none, 1 space, 2 a line end
        Blocks figures;
        SourcePos pos;
        bool has_pos = false;
    };

    SourcePos pos_of(const GumboNode* n) const {
        SourcePos p = ctx_.pos;
        unsigned line = 0;
        if (is_element(n)) line = n->v.element.start_pos.line;
        else if (is_text(n)) line = n->v.text.start_pos.line;
        if (p.line > 0 && line > 1) {
            p.line += static_cast<std::uint32_t>(line - 1);
            p.col = 0;
        }
        return p;
    }

    void add_text(Inlines& out, Run& run, std::string_view text, const GumboNode* where) {
        std::string piece;
        std::size_t i = 0;
        while (i < text.size()) {
            char32_t c = next_code_point(text, i);
            if (html_space(c) || (run.last == 0 && is_space(c))) {
                if (run.last) run.pending = std::max(run.pending, c == '\n' ? 2 : 1);
                continue;
            }
            if (run.pending && (run.pending == 1 || soft_break_is_space(run.last, c))) piece += ' ';
            run.pending = 0;
            utf8::append(piece, c);
            run.last = c;
        }
        if (piece.empty()) return;
        if (!run.has_pos) {
            run.pos = pos_of(where);
            run.has_pos = true;
        }
        if (!out.empty() && out.back().kind == InlineKind::text) out.back().text += piece;
        else out.push_back(make_text(std::move(piece), run.pos));
    }

    void flush(Run& run, Blocks& out, BlockKind kind = BlockKind::paragraph, int level = 0) {
        if (!run.inlines.empty()) {
            Block b;
            b.kind = kind;
            b.level = level;
            b.inlines = std::move(run.inlines);
            b.pos = run.pos;
            out.push_back(std::move(b));
        }
        for (Block& f : run.figures) out.push_back(std::move(f));
        run = Run{};
    }

    // Returns true when an element has block-level element children (then it is read as a container).
    static bool has_block_child(const GumboNode* n) {
        for (const GumboNode* c : children_of(n))
            if (block_tag(tag_of(c))) return true;
        return false;
    }

    void blocks_of(const GumboNode* parent, Blocks& out, int depth) {
        Run run;
        for (const GumboNode* c : children_of(parent)) {
            if (is_text(c)) {
                add_text(run.inlines, run, c->v.text.text, c);
                continue;
            }
            if (!is_element(c)) continue;
            GumboTag t = tag_of(c);
            if (dropped_tag(t)) continue;
            if (depth >= max_html_depth) {
                std::string text;
                subtree_text(c, text);
                add_text(run.inlines, run, text, c);
                continue;
            }
            if (t == GUMBO_TAG_IMG) {
                flush(run, out);
                if (auto f = figure(c)) out.push_back(std::move(*f));
            } else if (block_tag(t) || (t != GUMBO_TAG_RUBY && has_block_child(c))) {
                flush(run, out);
                block(c, out, depth + 1);
            } else {
                inline_element(c, run.inlines, run, depth + 1);
            }
        }
        flush(run, out);
    }

    // Converts element n into blocks; an element marked with a language (lang) gives it to the blocks it makes
    // that have none of their own (a quotation in another language: the EPUB's lang, the PDF's /Lang).
    void block(const GumboNode* n, Blocks& out, int depth) {
        std::size_t first = out.size();
        block_content(n, out, depth);
        std::string_view lang = trim(attribute(n, "lang"));
        if (lang.empty()) return;
        for (std::size_t k = first; k < out.size(); ++k)
            if (!out[k].attr.find("lang")) out[k].attr.set("lang", std::string(lang));
    }

    void block_content(const GumboNode* n, Blocks& out, int depth) {
        GumboTag t = tag_of(n);
        switch (t) {
        case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_DT: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_CAPTION: case GUMBO_TAG_LEGEND: {
            if (has_block_child(n)) {
                blocks_of(n, out, depth);
                return;
            }
            Run run;
            for (const GumboNode* c : children_of(n)) {
                if (is_text(c)) {
                    add_text(run.inlines, run, c->v.text.text, c);
                } else if (tag_of(c) == GUMBO_TAG_IMG && t == GUMBO_TAG_P) {
                    // An image between the text of a paragraph splits it, so that the order is kept.
                    flush(run, out);
                    if (auto f = figure(c)) out.push_back(std::move(*f));
                } else if (is_element(c)) {
                    inline_element(c, run.inlines, run, depth + 1);
                }
            }
            if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) {
                flush(run, out, BlockKind::heading, 1 + static_cast<int>(t - GUMBO_TAG_H1));
            } else if (t == GUMBO_TAG_DT && !run.inlines.empty()) {
                Inline s;
                s.kind = InlineKind::strong;
                s.children = std::move(run.inlines);
                s.pos = run.pos;
                run.inlines = {std::move(s)};
                flush(run, out);
            } else {
                flush(run, out);
            }
            return;
        }
        case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIR: case GUMBO_TAG_MENU:
            list(n, out, depth);
            return;
        case GUMBO_TAG_TABLE:
            table(n, out, depth);
            return;
        case GUMBO_TAG_BLOCKQUOTE: {
            Block q;
            q.kind = BlockKind::block_quote;
            q.pos = pos_of(n);
            blocks_of(n, q.blocks, depth);
            if (!q.blocks.empty()) out.push_back(std::move(q));
            return;
        }
        case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: {
            Block b;
            b.kind = BlockKind::code_block;
            b.pos = pos_of(n);
            subtree_text(n, b.text);
            while (!b.text.empty() && (b.text.back() == '\n' || b.text.back() == ' ')) b.text.pop_back();
            std::string_view cls = attribute(n, "class");
            for (const GumboNode* c : children_of(n))
                if (tag_of(c) == GUMBO_TAG_CODE && cls.empty()) cls = attribute(c, "class");
            if (auto k = cls.find("language-"); k != std::string_view::npos) {
                std::string_view rest = cls.substr(k + 9);
                b.info = std::string(rest.substr(0, rest.find(' ')));
            }
            if (!b.text.empty()) out.push_back(std::move(b));
            return;
        }
        case GUMBO_TAG_HR: {
            Block b;
            b.kind = BlockKind::rule;
            b.pos = pos_of(n);
            out.push_back(std::move(b));
            return;
        }
        default:
            blocks_of(n, out, depth);  // div, section, article, figure, li outside a list, td outside a table ...
        }
    }

    void list(const GumboNode* n, Blocks& out, int depth) {
        Block l;
        l.kind = tag_of(n) == GUMBO_TAG_OL ? BlockKind::ordered_list : BlockKind::bullet_list;
        l.pos = pos_of(n);
        if (l.kind == BlockKind::ordered_list) {
            std::string_view s = attribute(n, "start");
            int v = 1;
            if (!s.empty() && std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc() && v >= 0 && v < 1000000000)
                l.start = v;
        }
        for (const GumboNode* c : children_of(n)) {
            GumboTag t = tag_of(c);
            if (is_element(c) && dropped_tag(t)) continue;
            Blocks item;
            if (t == GUMBO_TAG_LI) {
                blocks_of(c, item, depth + 1);
            } else if (is_element(c) || (is_text(c) && !trim(c->v.text.text).empty())) {
                // A stray child (often a nested list written directly inside the list): part of the last item.
                Blocks stray;
                if (is_element(c) && (block_tag(t) || t == GUMBO_TAG_IMG)) block(c, stray, depth + 1);
                else {
                    Run run;
                    if (is_text(c)) add_text(run.inlines, run, c->v.text.text, c);
                    else inline_element(c, run.inlines, run, depth + 1);
                    flush(run, stray);
                }
                if (!l.items.empty()) {
                    for (Block& b : stray) l.items.back().push_back(std::move(b));
                    continue;
                }
                item = std::move(stray);
            } else {
                continue;
            }
            if (!item.empty()) l.items.push_back(std::move(item));
        }
        if (!l.items.empty()) out.push_back(std::move(l));
    }

    // Collects the content of a table cell (or any element) as inlines; blocks inside become line breaks.
    void flat_inlines(const GumboNode* n, Inlines& out, Run& run, int depth) {
        for (const GumboNode* c : children_of(n)) {
            if (is_text(c)) {
                add_text(out, run, c->v.text.text, c);
                continue;
            }
            if (!is_element(c)) continue;
            GumboTag t = tag_of(c);
            if (dropped_tag(t)) continue;
            if (depth >= max_html_depth) {
                std::string text;
                subtree_text(c, text);
                add_text(out, run, text, c);
            } else if (block_tag(t)) {
                if (!out.empty() && out.back().kind != InlineKind::line_break) line_break(out, run, c);
                flat_inlines(c, out, run, depth + 1);
            } else {
                inline_element(c, out, run, depth + 1);
            }
        }
    }

    void line_break(Inlines& out, Run& run, const GumboNode* where) {
        Inline br;
        br.kind = InlineKind::line_break;
        br.pos = pos_of(where);
        out.push_back(std::move(br));
        run.last = 0;
        run.pending = 0;
    }

    TableCell cell(const GumboNode* n, int depth) {
        TableCell cell;
        cell.pos = pos_of(n);
        Run run;
        flat_inlines(n, cell.content, run, depth);
        while (!cell.content.empty() && cell.content.back().kind == InlineKind::line_break) cell.content.pop_back();
        for (Block& f : run.figures)
            for (Inline& i : f.inlines) cell.content.push_back(std::move(i));
        return cell;
    }

    void table(const GumboNode* n, Blocks& out, int depth) {
        Block b;
        b.kind = BlockKind::table;
        b.pos = pos_of(n);
        std::vector<const GumboNode*> rows;
        std::vector<bool> in_head;
        for (const GumboNode* c : children_of(n)) {
            GumboTag t = tag_of(c);
            if (t == GUMBO_TAG_CAPTION) {
                Run run;
                flat_inlines(c, b.table.caption, run, depth + 1);
            } else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT) {
                for (const GumboNode* r : children_of(c))
                    if (tag_of(r) == GUMBO_TAG_TR) {
                        rows.push_back(r);
                        in_head.push_back(t == GUMBO_TAG_THEAD);
                    }
            } else if (t == GUMBO_TAG_TR) {
                rows.push_back(c);
                in_head.push_back(false);
            }
        }
        std::size_t columns = 0;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            std::vector<TableCell> row;
            bool all_th = true;
            for (const GumboNode* c : children_of(rows[k])) {
                GumboTag t = tag_of(c);
                if (t != GUMBO_TAG_TD && t != GUMBO_TAG_TH) continue;
                all_th = all_th && t == GUMBO_TAG_TH;
                row.push_back(cell(c, depth + 1));
            }
            if (row.empty()) continue;
            columns = std::max(columns, row.size());
            bool header = b.table.header.empty() && b.table.rows.empty() && (in_head[k] || all_th);
            if (header) b.table.header = std::move(row);
            else b.table.rows.push_back(std::move(row));
        }
        if (columns == 0) return;
        if (!b.table.header.empty()) b.table.header.resize(columns);
        for (auto& row : b.table.rows) row.resize(columns);
        b.table.aligns.assign(columns, Align::none);
        out.push_back(std::move(b));
    }

    std::optional<Block> figure(const GumboNode* img) {
        std::string_view src = attribute(img, "src");
        for (const char* lazy : {"data-src", "data-original", "data-lazy-src"})
            if (src.empty() || url_scheme(src) == "data") {
                std::string_view alt_src = attribute(img, lazy);
                if (!alt_src.empty()) src = alt_src;
            }
        std::string alt = collapse(attribute(img, "alt"));
        std::string title = collapse(attribute(img, "title"));
        Block b;
        b.kind = BlockKind::paragraph;
        b.pos = pos_of(img);
        b.attr.classes = {"figure"};
        std::string url = src.empty() ? std::string() : resolve_url(ctx_.base_url, src);
        bool linkable = !url.empty() && safe_link(url);
        if (linkable) {
            b.attr.classes.push_back("remote-image");
            b.attr.set("src", url);
            if (!alt.empty()) b.attr.set("alt", alt);
            Inline link;
            link.kind = InlineKind::link;
            link.target = url;
            link.title = title;
            link.pos = b.pos;
            std::string label = alt;
            if (label.empty()) {
                std::string_view path = std::string_view(url).substr(0, url.find_first_of("?#"));
                auto slash = path.rfind('/');
                label = std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
                if (label.empty()) label = url;
            }
            link.children.push_back(make_text(std::move(label), b.pos));
            b.inlines.push_back(std::move(link));
        } else {
            if (!src.empty()) ++unsafe_["image"];
            if (alt.empty()) return std::nullopt;
            b.inlines.push_back(make_text(alt, b.pos));
        }
        return b;
    }

    void inline_children(const GumboNode* n, Inlines& out, Run& run, int depth) {
        for (const GumboNode* c : children_of(n)) {
            if (is_text(c)) add_text(out, run, c->v.text.text, c);
            else if (is_element(c)) inline_element(c, out, run, depth + 1);
        }
    }

    void wrap(InlineKind kind, const GumboNode* n, Inlines& out, Run& run, int depth) {
        Inline w;
        w.kind = kind;
        w.pos = pos_of(n);
        inline_children(n, w.children, run, depth);
        if (!w.children.empty()) out.push_back(std::move(w));
    }

    // Converts inline element n; one marked with a language (lang) becomes a span with that lang around what it
    // holds.
    void inline_element(const GumboNode* n, Inlines& out, Run& run, int depth) {
        std::string_view lang = trim(attribute(n, "lang"));
        if (lang.empty()) {
            inline_content(n, out, run, depth);
            return;
        }
        Inline span;
        span.kind = InlineKind::span;
        span.attr.set("lang", std::string(lang));
        span.pos = pos_of(n);
        inline_content(n, span.children, run, depth);
        if (!span.children.empty()) out.push_back(std::move(span));
    }

    void inline_content(const GumboNode* n, Inlines& out, Run& run, int depth) {
        GumboTag t = tag_of(n);
        if (dropped_tag(t)) return;
        if (depth >= max_html_depth) {
            std::string text;
            subtree_text(n, text);
            add_text(out, run, text, n);
            return;
        }
        switch (t) {
        case GUMBO_TAG_A: {
            std::string_view href = trim(attribute(n, "href"));
            if (href.empty() || href[0] == '#') {
                inline_children(n, out, run, depth);
                return;
            }
            if (!safe_link(href)) {
                ++unsafe_["link"];
                inline_children(n, out, run, depth);
                return;
            }
            Inline link;
            link.kind = InlineKind::link;
            link.target = resolve_url(ctx_.base_url, href);
            link.title = collapse(attribute(n, "title"));
            link.pos = pos_of(n);
            inline_children(n, link.children, run, depth);
            if (!link.children.empty()) out.push_back(std::move(link));
            return;
        }
        case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE: case GUMBO_TAG_DFN: case GUMBO_TAG_VAR:
            wrap(InlineKind::emphasis, n, out, run, depth);
            return;
        case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
            wrap(InlineKind::strong, n, out, run, depth);
            return;
        case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT: {
            std::string raw;
            subtree_text(n, raw);
            std::string text = collapse(raw);
            if (text.empty()) return;
            if (run.pending && run.last) {
                if (!out.empty() && out.back().kind == InlineKind::text) out.back().text += ' ';
                else out.push_back(make_text(" ", pos_of(n)));
            }
            run.pending = html_space(static_cast<unsigned char>(raw.back())) ? 1 : 0;
            Inline code;
            code.kind = InlineKind::code;
            code.text = std::move(text);
            code.pos = pos_of(n);
            out.push_back(std::move(code));
            run.last = U'x';
            return;
        }
        case GUMBO_TAG_BR:
            line_break(out, run, n);
            return;
        case GUMBO_TAG_WBR:
            return;
        case GUMBO_TAG_IMG:
            if (auto f = figure(n)) run.figures.push_back(std::move(*f));
            return;
        case GUMBO_TAG_RUBY:
            ruby(n, out, run, depth);
            return;
        case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RTC:
            return;  // only meaningful inside <ruby>
        default:
            if (block_tag(t)) {
                // A block inside inline markup: its text, set off by a break.
                if (run.last) run.pending = std::max(run.pending, 1);
            }
            inline_children(n, out, run, depth);
        }
    }

    void ruby(const GumboNode* n, Inlines& out, Run& run, int depth) {
        Inlines base;
        for (const GumboNode* c : children_of(n)) {
            GumboTag t = tag_of(c);
            if (is_text(c)) {
                add_text(base, run, c->v.text.text, c);
            } else if (t == GUMBO_TAG_RT || t == GUMBO_TAG_RTC) {
                std::string raw;
                subtree_text(c, raw);
                std::string annotation = collapse(raw);
                if (base.empty()) continue;
                Inline r;
                r.kind = InlineKind::ruby;
                r.children = std::move(base);
                r.text = std::move(annotation);
                r.pos = pos_of(c);
                out.push_back(std::move(r));
                base.clear();
            } else if (t == GUMBO_TAG_RP) {
                continue;
            } else if (t == GUMBO_TAG_RB) {
                inline_children(c, base, run, depth + 1);
            } else if (is_element(c)) {
                inline_element(c, base, run, depth + 1);
            }
        }
        for (Inline& i : base) out.push_back(std::move(i));
    }

    const HtmlContext& ctx_;
    DiagnosticSink& sink_;
    std::map<std::string, int> unsafe_;
};

}  // namespace

Blocks html_to_blocks(std::string_view html, const HtmlContext& context, DiagnosticSink& sink) {
    if (nesting_estimate(html) > max_html_depth) {
        sink.warn(context.pos,
                  "the entry content nests elements more than " + std::to_string(max_html_depth) +
                      " levels deep; it is read as plain text",
                  {"the markup is probably broken or hostile"});
        return text_to_blocks(html_to_text(strip_tags(html, TagSpace::keep)), context.pos);
    }
    ParsedHtml parsed(html);
    Converter converter(context, sink);
    Blocks blocks = converter.convert(parsed.root());
    converter.survey(parsed.root());
    return blocks;
}

std::string html_to_text(std::string_view html) {
    if (html.find_first_of("<&") == std::string_view::npos) return collapse(html);
    std::string flat = nesting_estimate(html) > max_html_depth ? strip_tags(html, TagSpace::keep) : std::string(html);
    ParsedHtml parsed(flat);
    std::string raw;
    if (parsed.root())
        for (const GumboNode* c : children_of(parsed.root()))
            if (tag_of(c) == GUMBO_TAG_BODY) subtree_text(c, raw);
    return collapse(raw);
}

std::string strip_tags(std::string_view html, TagSpace space) {
    std::string out;
    out.reserve(html.size());
    bool pending = false;  // collapse: white space or a tag since the last character
    for (std::size_t i = 0; i < html.size(); ++i) {
        char c = html[i];
        if (c == '<') {
            std::size_t end = html.substr(i, 4) == "<!--" ? html.find("-->", i) : html.find('>', i);
            // A tag that never closes is no tag: its characters are text, kept like the rest.
            if (end == std::string_view::npos) {
                if (space == TagSpace::keep) {
                    out.append(html.substr(i));
                } else {
                    if (pending && !out.empty()) out += ' ';
                    out.append(trim(html.substr(i)));
                }
                break;
            }
            i = end + (html[end] == '-' ? 2 : 0);
            if (space == TagSpace::keep) out += ' ';
            else pending = true;
            continue;
        }
        if (space == TagSpace::collapse) {
            if (c == ' ' || c == '\n' || c == '\t') {
                pending = true;
                continue;
            }
            if (pending && !out.empty()) out += ' ';
            pending = false;
        }
        out += c;
    }
    return out;
}

Blocks text_to_blocks(std::string_view text, const SourcePos& pos) {
    Blocks out;
    std::vector<std::string_view> lines;
    std::uint32_t line_no = pos.line, start_line = pos.line;
    auto flush = [&] {
        if (lines.empty()) return;
        Block b;
        b.kind = BlockKind::paragraph;
        b.pos = pos;
        if (pos.line) b.pos.line = start_line;
        std::string joined = join_lines(lines);
        if (!joined.empty()) {
            b.inlines.push_back(make_text(std::move(joined), b.pos));
            out.push_back(std::move(b));
        }
        lines.clear();
    };
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t end = text.find('\n', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(i, end - i);
        if (trim(line).empty()) flush();
        else {
            if (lines.empty()) start_line = line_no;
            lines.push_back(line);
        }
        if (pos.line) ++line_no;
        i = end + 1;
    }
    flush();
    return out;
}

}  // namespace docexport::readers
