#include "layout/collect.hpp"

#include "layout/blocks.hpp"
#include "support/code_points.hpp"
#include "support/percent_encoding.hpp"
#include "support/utf8.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace docexport::layout {

void InlineText::clear() {
    text.clear();
    spans.clear();
    links.clear();
    rubies.clear();
    objects.clear();
}

std::int32_t InlineText::object_at(std::uint32_t at) const {
    auto it = std::lower_bound(objects.begin(), objects.end(), at,
                               [](const InlineObject& o, std::uint32_t offset) { return o.at < offset; });
    return it != objects.end() && it->at == at ? static_cast<std::int32_t>(it - objects.begin()) : -1;
}

void InlineText::append(std::string_view s, const TextStyle& style, const SourcePos& pos, bool preserve_spaces) {
    auto begin = static_cast<std::uint32_t>(text.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Runs without white space (all of a CJK paragraph, usually) are copied whole.
        std::size_t run = i;
        while (run < s.size() && s[run] != ' ' && s[run] != '\t' && s[run] != '\n' && s[run] != '\r') ++run;
        if (run > i) {
            text.append(s.data() + i, run - i);
            i = run;
            if (i == s.size()) break;
        }
        char c = s[i];
        if (!preserve_spaces && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            // Collapse white space; none at the start of a paragraph or after a hard break.
            if (text.empty() || text.back() == ' ' || text.back() == '\n') continue;
            text += ' ';
        } else if (c == '\t') {
            text += "    ";
        } else if (c != '\r') {
            text += c;
        }
    }
    auto end = static_cast<std::uint32_t>(text.size());
    if (end == begin) return;
    if (!spans.empty() && spans.back().end == begin && same_style(spans.back().style, style) && spans.back().pos.line == pos.line &&
        spans.back().pos.file == pos.file && spans.back().pos.col == pos.col) {
        spans.back().end = end;
        return;
    }
    spans.push_back(StyledSpan{begin, end, style, pos});
}

void InlineText::trim_end() {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    auto size = static_cast<std::uint32_t>(text.size());
    while (!spans.empty() && spans.back().begin >= size) spans.pop_back();
    if (!spans.empty() && spans.back().end > size) spans.back().end = size;
    while (!rubies.empty() && rubies.back().begin >= size) rubies.pop_back();
    if (!rubies.empty() && rubies.back().end > size) rubies.back().end = size;
    while (!objects.empty() && objects.back().at >= size) objects.pop_back();
}

InlineText InlineText::slice(std::uint32_t begin, std::uint32_t end) const {
    InlineText out;
    out.text.assign(text, begin, end - begin);
    out.links = links;
    auto first = std::upper_bound(spans.begin(), spans.end(), begin,
                                  [](std::uint32_t at, const StyledSpan& s) { return at < s.end; });
    for (auto it = first; it != spans.end() && it->begin < end; ++it) {
        StyledSpan& s = out.spans.emplace_back(*it);
        s.begin = std::max(s.begin, begin) - begin;
        s.end = std::min(s.end, end) - begin;
    }
    // Rubies and objects are in text order: start at the first one at or after begin (a long paragraph is cut
    // into many slices; each looks at its own).
    auto ruby = std::lower_bound(rubies.begin(), rubies.end(), begin,
                                 [](const RubySpan& r, std::uint32_t at) { return r.begin < at; });
    for (; ruby != rubies.end() && ruby->begin < end; ++ruby)
        if (ruby->end <= end) {
            RubySpan& copy = out.rubies.emplace_back(*ruby);
            copy.begin -= begin;
            copy.end -= begin;
        }
    auto object = std::lower_bound(objects.begin(), objects.end(), begin,
                                   [](const InlineObject& o, std::uint32_t at) { return o.at < at; });
    for (; object != objects.end() && object->at < end; ++object) out.objects.emplace_back(*object).at -= begin;
    return out;
}

void collect_inlines(const Inlines& inlines, const TextStyle& base, InlineText& out, std::vector<StructNode>* nodes) {
    for (const Inline& in : inlines) {
        switch (in.kind) {
        case InlineKind::text:
            out.append(in.text, base, in.pos);
            break;
        case InlineKind::emphasis: {
            TextStyle s = base;
            if (s.role == Role::body) s.role = Role::emphasis;
            collect_inlines(in.children, s, out, nodes);
            break;
        }
        case InlineKind::strong: {
            TextStyle s = base;
            if (s.role == Role::body || s.role == Role::emphasis) s.role = Role::strong;
            collect_inlines(in.children, s, out, nodes);
            break;
        }
        case InlineKind::link: {
            TextStyle s = base;
            s.color = Color{0.05, 0.25, 0.55};
            s.link = static_cast<std::int32_t>(out.links.size());
            s.tag = add_node(nodes, StructRole::link, base.tag);
            out.links.push_back(in.target);
            collect_inlines(in.children, s, out, nodes);
            break;
        }
        case InlineKind::code: {
            TextStyle s = base;
            s.role = Role::mono;
            out.append(in.text, s, in.pos, true);
            break;
        }
        case InlineKind::line_break:
            out.trim_end();
            out.append("\n", base, in.pos, true);
            break;
        case InlineKind::ruby: {
            // The base as text, the annotation beside it; a ruby inside a ruby base keeps only its base.
            auto begin = static_cast<std::uint32_t>(out.text.size());
            std::size_t nested = out.rubies.size();
            std::int32_t ruby_node = add_node(nodes, StructRole::ruby, base.tag);
            TextStyle base_style = base;
            base_style.tag = add_node(nodes, StructRole::ruby_base, ruby_node);
            std::int32_t text_node = add_node(nodes, StructRole::ruby_text, ruby_node);
            collect_inlines(in.children, base_style, out, nodes);
            out.rubies.resize(nested);
            auto end = static_cast<std::uint32_t>(out.text.size());
            // A base that starts with a collapsed space starts after it.
            if (begin < end && out.text[begin] == ' ') ++begin;
            while (end > begin && out.text[end - 1] == ' ') --end;
            RubySpan ruby{begin, end, {}, base, in.pos};
            InlineText annotation;
            annotation.append(in.text, base, in.pos);
            annotation.trim_end();
            ruby.annotation = std::move(annotation.text);
            ruby.tag = text_node;
            if (text_node >= 0) (*nodes)[static_cast<std::size_t>(text_node)].set_text(ruby.annotation);
            if (begin >= end || ruby.annotation.empty() || out.text.find('\n', begin) < end) break;
            // Zhuyin of a syllable per character is set beside each character: a ruby each.
            std::string_view base_text = std::string_view(out.text).substr(begin, end - begin);
            std::vector<std::string_view> each = support::zhuyin_per_character(base_text, ruby.annotation);
            if (each.empty()) {
                out.rubies.push_back(std::move(ruby));
                break;
            }
            for (std::size_t i = 0, k = 0; k < each.size(); ++k) {
                std::size_t from = i;
                utf8::next_code_point(base_text, i);
                out.rubies.push_back(RubySpan{begin + static_cast<std::uint32_t>(from), begin + static_cast<std::uint32_t>(i),
                                              std::string(each[k]), base, in.pos, text_node});
            }
            break;
        }
        case InlineKind::span: {
            if (in.attr.has_class("image")) {
                const std::string* alt = in.attr.find("alt");
                const std::string* title = in.attr.find("title");
                const std::string* src = in.attr.find("src");
                // The image's file, relative to the input file's directory (as for block images).
                namespace fs = std::filesystem;
                fs::path path = src ? fs::path(*src) : fs::path();
                if (path.is_relative() && !in.pos.file.empty()) path = fs::path(in.pos.file).parent_path() / path;
                auto [pw, ph] = src && !src->empty() ? image_pixel_size(path.string()) : std::pair<double, double>{0, 0};
                if (pw > 0 && ph > 0) {
                    // Drawn in the line, 1 em high (the width keeps the aspect ratio; set_lines caps it at the
                    // measure).
                    InlineObject object;
                    object.at = static_cast<std::uint32_t>(out.text.size());
                    object.path = path.string();
                    object.alt = alt && !alt->empty() ? *alt : title ? *title : std::string();
                    object.height = base.size;
                    object.width = base.size * pw / ph;
                    object.tag = add_node(nodes, StructRole::figure, base.tag);
                    object.pos = in.pos;
                    // An image that is all a link holds is named after the link's target when it has no text.
                    if (object.tag >= 0)
                        (*nodes)[static_cast<std::size_t>(object.tag)].set_text(
                            !object.alt.empty() ? object.alt
                            : base.link >= 0    ? support::link_name(out.links[static_cast<std::size_t>(base.link)])
                                                : std::string());
                    out.objects.push_back(std::move(object));
                    out.append(object_replacement, base, in.pos);
                    break;
                }
                // An image that cannot be read is set as its text: the alt text and the title, in brackets.
                std::string shown = alt ? *alt : std::string();
                if (title && !title->empty()) shown += (shown.empty() ? "" : " — ") + *title;
                if (!shown.empty()) out.append("［" + shown + "］", base, in.pos);
                break;
            }
            TextStyle s = base;
            if (const std::string* lang = in.attr.find("lang"); lang && !lang->empty() && nodes) {
                s.tag = add_node(nodes, StructRole::span, base.tag);
                (*nodes)[static_cast<std::size_t>(s.tag)].set_lang(*lang);
            }
            if (in.attr.has_class("sup") || in.attr.has_class("note-ref")) {
                // Raised 0.64 em: the line keeps its height. A shift under half the small size keeps the
                // raised text on its line for text extraction (poppler joins words whose baselines differ by
                // less than half the earlier word's size).
                s.shift += base.size * 0.3;
                s.size = base.size * 0.64;
            } else if (in.attr.has_class("sub")) {
                s.shift -= base.size * 0.12;
                s.size = base.size * 0.64;
            } else if (in.attr.has_class("small")) {
                s.size = base.size * 0.85;
            }
            if (in.attr.has_class("note-ref"))
                if (const std::string* note = in.attr.find("note")) {
                    s.note = std::atoi(note->c_str());
                    s.color = Color{0.05, 0.25, 0.55};
                    s.tag = add_node(nodes, StructRole::link, s.tag);
                }
            if (in.attr.has_class("strikethrough") || in.attr.has_class("del") || in.attr.has_class("s")) s.decoration |= Decoration::strike;
            if (in.attr.has_class("u") || in.attr.has_class("ins")) s.decoration |= Decoration::underline;
            if (in.attr.has_class("mark")) s.decoration |= Decoration::highlight;
            if (in.attr.has_class("kbd")) {
                s.role = Role::mono;
                s.decoration |= Decoration::box;
            }
            collect_inlines(in.children, s, out, nodes);
            break;
        }
        }
    }
}

}  // namespace docexport::layout
