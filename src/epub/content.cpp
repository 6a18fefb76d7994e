#include "epub/content.hpp"

#include "model/headings.hpp"
#include "model/packed.hpp"
#include "support/ascii.hpp"
#include "support/code_points.hpp"
#include "support/percent_encoding.hpp"
#include "support/progress.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace docexport::epub {

namespace {

namespace fs = std::filesystem;

std::string padded(std::size_t n, int width) {
    std::string s = std::to_string(n);
    if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return s;
}

// Returns raw as an XML NCName usable as an HTML id: ASCII letters, digits, - _ . and CJK kept, the rest '-'.
std::string make_ncname(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t start = i;
        char32_t c = next_code_point(raw, i);
        bool ok = (c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '-' || c == '_' || c == '.')) ||
                  (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
                  (c >= 0x10000 && c <= 0xEFFFF) || (c >= 0xC0 && c <= 0x2FF && c != 0xD7 && c != 0xF7);
        if (ok && c != 0xFFFD) out.append(raw.substr(start, i - start));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.empty()) return out;
    auto first = static_cast<unsigned char>(out[0]);
    if (std::isdigit(first) || first == '-' || first == '.') out.insert(0, "id-");
    return out;
}

// Returns the GitHub-style anchor of a heading ("重點 Tasks!" -> "重點-tasks"): what Markdown authors write
// after '#' to link to a heading that has no explicit id.
std::string heading_slug(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = next_code_point(text, i);
        if (c < 0x80) {
            if (std::isalnum(static_cast<int>(c))) out += support::ascii_lower(static_cast<char>(c));
            else if (c == ' ' || c == '-') out += '-';
            else if (c == '_') out += '_';
        } else {
            bool punctuation = (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
                               (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
                               c == 0xFFFD;
            if (!punctuation) out.append(text.substr(start, i - start));
        }
    }
    return out;
}

std::size_t estimate(const Inlines& inlines) {
    std::size_t n = 0;
    for (const Inline& in : inlines) n += 12 + in.text.size() + in.target.size() + estimate(in.children);
    return n;
}

std::size_t estimate(const Block& b) {
    std::size_t n = 24 + estimate(b.inlines) + b.text.size() * 11 / 10;
    for (const Block& c : b.blocks) n += estimate(c);
    for (const Blocks& item : b.items)
        for (const Block& c : item) n += 10 + estimate(c);
    if (b.kind == BlockKind::table) {
        n += estimate(b.table.caption);
        for (const TableCell& c : b.table.header) n += 24 + estimate(c.content);
        for (const auto& row : b.table.rows)
            for (const TableCell& c : row) n += 24 + estimate(c.content);
    }
    return n;
}

bool is_verse(const Block& b) { return b.attr.has_class("verse"); }

const char* align_class(Align a) {
    switch (a) {
    case Align::left: return "al-l";
    case Align::center: return "al-c";
    case Align::right: return "al-r";
    case Align::none: break;
    }
    return nullptr;
}

// Returns an HTML datetime for a model date ("2021-02-20" or "2021-02-20 06:19"), or "".
std::string html_datetime(const std::string& date) {
    auto digit = [&](std::size_t i) { return i < date.size() && date[i] >= '0' && date[i] <= '9'; };
    bool day = date.size() >= 10 && digit(0) && digit(1) && digit(2) && digit(3) && date[4] == '-' && digit(5) &&
               digit(6) && date[7] == '-' && digit(8) && digit(9);
    if (!day) return {};
    if (date.size() == 10) return date;
    if (date.size() == 16 && (date[10] == ' ' || date[10] == 'T') && digit(11) && digit(12) && date[13] == ':' &&
        digit(14) && digit(15))
        return date.substr(0, 10) + "T" + date.substr(11);
    return {};
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class Renderer {
public:
    Renderer(const Document& doc, const ContentOptions& options, DiagnosticSink& sink)
        : doc_(doc), options_(options), sink_(sink) {}

    Content run() {
        plan();
        support::StageProgress progress(options_.progress, ProgressStage::writing, doc_.sections.size());
        std::vector<Blocks> ahead;
        for (std::size_t i = 0; i < doc_.sections.size(); ++i) {
            // A packed section's blocks are unpacked for the time it is rendered (a batch at a time, on several
            // threads), their ids and heading levels put back on them.
            const std::size_t batch = i - i % unpack_batch;
            if (i == batch) unpack_ahead(doc_.sections, batch, batch + unpack_batch, ahead);
            const bool packed = !doc_.sections[i].packed_blocks.empty();
            const Blocks& blocks = blocks_ahead(doc_.sections, i, batch, ahead);
            if (packed) {
                address_nodes(blocks, std::move(plans_[i].numbered_ids), node_ids_);
                address_nodes(blocks, std::move(plans_[i].numbered_levels), plans_[i].heading_levels);
            }
            render_section(i, blocks);
            if (options_.section_done || packed) {
                // Nothing of its blocks is read again: its ids go (their addresses may be reused once the blocks
                // are freed), and the caller may free them.
                forget(blocks);
                plans_[i].heading_levels = {};
                if (packed) Blocks().swap(ahead[i - batch]);
                if (options_.section_done) options_.section_done(i);
            }
            progress.add();
        }
        progress.finish();
        return std::move(out_);
    }

private:
    struct Chunk {
        std::size_t first = 0, end = 0;  // top-level blocks [first, end)
        std::string file;                // e.g. "s0001.xhtml"
    };
    struct SectionPlan {
        std::string id;
        std::string title_id;
        std::vector<Chunk> chunks;
        std::unordered_map<const Block*, int> heading_levels;   // each heading's h level (level_headings)
        // A packed section's node ids and heading levels between planning and rendering (its blocks are unpacked
        // for each).
        NumberedNodes<std::string> numbered_ids;
        NumberedNodes<int> numbered_levels;
    };

    static int heading_level(const SectionPlan& p, const Block& b) {
        auto it = p.heading_levels.find(&b);
        return it != p.heading_levels.end() ? it->second : std::clamp(b.level + 1, 2, 6);
    }

    // Removes the ids of blocks and their inlines from node_ids_.
    void forget(const Inlines& inlines) {
        for (const Inline& in : inlines) {
            node_ids_.erase(&in);
            forget(in.children);
        }
    }
    void forget(const Blocks& blocks) {
        for (const Block& b : blocks) {
            node_ids_.erase(&b);
            forget(b.inlines);
            forget(b.blocks);
            for (const Blocks& item : b.items) forget(item);
            forget(b.table.caption);
            for (const TableCell& cell : b.table.header) forget(cell.content);
            for (const auto& row : b.table.rows)
                for (const TableCell& cell : row) forget(cell.content);
        }
    }

    // Returns a unique id based on wanted.
    std::string claim_id(const std::string& wanted) {
        std::string base = make_ncname(wanted);
        if (base.empty()) base = "id";
        std::string id = base;
        for (int n = 2; !used_ids_.insert(id).second; ++n) id = base + "-" + std::to_string(n);
        return id;
    }

    void register_node(const void* node, const std::string& model_id, const std::string& fallback, const std::string& file) {
        if (model_id.empty() && fallback.empty()) return;
        std::string id = claim_id(model_id.empty() ? fallback : model_id);
        node_ids_[node] = id;
        if (!model_id.empty()) targets_.emplace(model_id, file + "#" + id);
    }

    void register_inlines(const Inlines& inlines, const std::string& file) {
        for (const Inline& in : inlines) {
            if (!in.attr.id.empty()) register_node(&in, in.attr.id, {}, file);
            // A note reference: an id for each, and the first one is where the note links back to.
            if (const std::string* note = note_of(in)) {
                std::string id = claim_id(note_section_ + "-fnref-" + *note);
                node_ids_[&in] = id;
                note_refs_.emplace(note_section_ + "/" + *note, file + "#" + id);
            }
            register_inlines(in.children, file);
        }
    }

    // Returns the note number of a note reference span or a footnote block, or nullptr.
    static const std::string* note_of(const Inline& in) {
        return in.kind == InlineKind::span && in.attr.has_class("note-ref") ? in.attr.find("note") : nullptr;
    }
    static const std::string* note_of(const Block& b) {
        return b.kind == BlockKind::block_quote && b.attr.has_class("footnote") ? b.attr.find("note") : nullptr;
    }

    void register_block(const Block& b, const std::string& file, const std::string& section_id, int& headings, bool top) {
        std::string fallback;
        if (b.kind == BlockKind::heading && top) fallback = section_id + "-h" + std::to_string(++headings);
        if (const std::string* note = note_of(b); note && b.attr.id.empty()) {
            std::string id = claim_id(note_section_ + "-fn-" + *note);
            node_ids_[&b] = id;
            notes_.emplace(note_section_ + "/" + *note, file + "#" + id);
        } else {
            register_node(&b, b.attr.id, fallback, file);
        }
        if (b.kind == BlockKind::heading && b.attr.id.empty())
            if (auto it = node_ids_.find(&b); it != node_ids_.end())
                slugs_.emplace(heading_slug(plain_text(b.inlines)), file + "#" + it->second);
        register_inlines(b.inlines, file);
        for (const Block& c : b.blocks) register_block(c, file, section_id, headings, false);
        for (const Blocks& item : b.items)
            for (const Block& c : item) register_block(c, file, section_id, headings, false);
        if (b.kind == BlockKind::table) {
            register_inlines(b.table.caption, file);
            for (const TableCell& c : b.table.header) register_inlines(c.content, file);
            for (const auto& row : b.table.rows)
                for (const TableCell& c : row) register_inlines(c.content, file);
        }
    }

    void plan() {
        int width = std::max<int>(4, static_cast<int>(std::to_string(doc_.sections.size()).size()));
        plans_.resize(doc_.sections.size());
        std::vector<Blocks> ahead;
        for (std::size_t i = 0; i < doc_.sections.size(); ++i) {
            const Section& s = doc_.sections[i];
            const std::size_t batch = i - i % unpack_batch;
            if (i == batch) unpack_ahead(doc_.sections, batch, batch + unpack_batch, ahead);
            const Blocks& blocks = blocks_ahead(doc_.sections, i, batch, ahead);
            SectionPlan& p = plans_[i];
            std::string stem = "s" + padded(i + 1, width);
            p.id = claim_id(s.attr.id.empty() ? stem : s.attr.id);
            p.title_id = claim_id(p.id + "-title");
            // Split the top-level blocks into chunks of about options_.split_bytes.
            std::size_t budget = std::max<std::size_t>(options_.split_bytes, 1000);
            std::size_t used = 600 + estimate(s.title) + s.meta.summary.size();
            Chunk chunk{0, 0, stem + ".xhtml"};
            for (std::size_t b = 0; b < blocks.size(); ++b) {
                std::size_t size = estimate(blocks[b]);
                if (used + size > budget && b > chunk.first) {
                    chunk.end = b;
                    p.chunks.push_back(chunk);
                    chunk = Chunk{b, b, stem + "-" + std::to_string(p.chunks.size() + 1) + ".xhtml"};
                    used = 600;
                }
                used += size;
            }
            chunk.end = blocks.size();
            p.chunks.push_back(chunk);
            if (!s.attr.id.empty()) targets_.emplace(s.attr.id, p.chunks[0].file + "#" + p.id);
            slugs_.emplace(heading_slug(plain_text(s.title)), p.chunks[0].file + "#" + p.id);
            note_section_ = p.id;
            register_inlines(s.title, p.chunks[0].file);
            int headings = 0;
            for (const Chunk& c : p.chunks)
                for (std::size_t b = c.first; b < c.end; ++b) register_block(blocks[b], c.file, p.id, headings, true);
            level_headings(blocks, p.heading_levels);
            if (!s.packed_blocks.empty()) {   // kept by number until the blocks are unpacked again
                p.numbered_ids = number_nodes(blocks, node_ids_);
                p.numbered_levels = number_nodes(blocks, p.heading_levels);
                Blocks().swap(ahead[i - batch]);
            }
            if (!s.pos.file.empty())
                section_files_.emplace(fs::path(s.pos.file).lexically_normal().string(), p.chunks[0].file);
        }
    }

    // Returns the href for a fragment: a model id, else a heading's anchor; "" when there is none.
    template <typename Local>
    std::string find_target(const std::string& fragment, Local local) const {
        if (auto it = targets_.find(fragment); it != targets_.end()) return local(it->second);
        if (auto it = slugs_.find(heading_slug(fragment)); it != slugs_.end()) return local(it->second);
        return {};
    }

    // Returns the href for a model link target relative to the current file, or "" when it leads nowhere.
    std::string resolve_link(const std::string& target, const SourcePos& pos) {
        if (target.empty()) return {};
        auto local = [&](const std::string& file_and_id) {
            if (file_and_id.starts_with(current_file_ + "#")) return file_and_id.substr(current_file_.size());
            return file_and_id;
        };
        if (target[0] == '#') return find_target(target.substr(1), local);
        auto colon = target.find(':');
        auto stop = target.find_first_of("/?#");
        if (colon != std::string::npos && (stop == std::string::npos || colon < stop)) {
            std::string scheme = support::ascii_lower(target.substr(0, colon));
            if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "ftp" || scheme == "tel")
                return support::percent_encode_uri(target);
            return {};
        }
        std::string path = target, fragment;
        if (auto hash = target.find('#'); hash != std::string::npos) {
            path = target.substr(0, hash);
            fragment = target.substr(hash + 1);
        }
        fs::path base = fs::path(pos.file).parent_path();
        auto it = section_files_.find((base / path).lexically_normal().string());
        if (it == section_files_.end()) return {};
        if (!fragment.empty())
            if (std::string found = find_target(fragment, local); !found.empty()) return found;
        return it->second == current_file_ ? "#" + current_plan_->id : it->second;
    }

    // Returns the href (relative to text/) of the image block b, adding it to the book, or "" when unusable.
    std::string image_href(const Block& b) {
        const std::string& target = b.target;
        SourcePos where = b.pos.file.empty() ? current_section_->pos : b.pos;
        auto colon = target.find(':');
        if (colon != std::string::npos && target.find('/') > colon) {
            sink_.warn(where, "image '" + target + "' is not a local file and is left out of the EPUB",
                       {"download it next to the input and refer to it by a relative path"});
            return {};
        }
        fs::path p(target);
        std::error_code ec;
        fs::path found;
        if (p.is_relative() && !where.file.empty() && fs::is_regular_file(fs::path(where.file).parent_path() / p, ec))
            found = fs::path(where.file).parent_path() / p;
        else if (fs::is_regular_file(p, ec))
            found = p;
        if (found.empty()) {
            sink_.warn(where, "image '" + target + "' not found; its alternative text is shown instead",
                       {"images are looked for next to the input file"});
            return {};
        }
        std::string key = fs::absolute(found, ec).lexically_normal().string();
        if (auto it = image_by_path_.find(key); it != image_by_path_.end()) return it->second;
        std::string bytes = read_file(found);
        std::string type = image_media_type(bytes, found.filename().string());
        if (type.empty()) {
            sink_.warn(where, "image '" + target + "' is not PNG, JPEG, GIF or SVG; its alternative text is shown instead",
                       {"convert it to PNG or JPEG"});
            image_by_path_[key] = "";
            return {};
        }
        std::string ext = type == "image/png" ? ".png" : type == "image/jpeg" ? ".jpg" : type == "image/gif" ? ".gif" : ".svg";
        std::string number = padded(out_.images.size() + 1, 3);
        Resource r{"images/i" + number + ext, "img-" + number, type, std::move(bytes), {}};
        std::string href = "../" + r.href;
        out_.images.push_back(std::move(r));
        image_by_path_[key] = href;
        return href;
    }

    // Appends s as text; upright = false keeps vertical text's numbers rotated (code, annotations).
    void text(pugi::xml_node parent, std::string_view s, bool upright = true) {
        if (s.empty()) return;
        std::string cleaned = clean_text(s);
        out_.chars.add(cleaned, bold_ > 0);
        if (!upright || !options_.vertical || options_.tate_chu_yoko <= 0) {
            parent.append_child(pugi::node_pcdata).set_value(cleaned.c_str());
            return;
        }
        // Vertical: short numbers upright, in spans of class tcy.
        auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
        // What makes a longer token of a number: letters (5G), and separators (1.5, 1,000, 06:19, 2021-02-20).
        auto joins_number = [&](char c) {
            return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == ',' || c == ':' ||
                   c == '-' || c == '/';
        };
        std::size_t done = 0;
        for (std::size_t i = 0; i < cleaned.size();) {
            if (!is_digit(cleaned[i])) {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < cleaned.size() && is_digit(cleaned[end])) ++end;
            bool alone = (i == 0 || !joins_number(cleaned[i - 1])) && (end == cleaned.size() || !joins_number(cleaned[end]));
            if (alone && end - i <= static_cast<std::size_t>(options_.tate_chu_yoko)) {
                if (i > done) parent.append_child(pugi::node_pcdata).set_value(cleaned.substr(done, i - done).c_str());
                pugi::xml_node span = parent.append_child("span");
                span.append_attribute("class") = "tcy";
                span.append_child(pugi::node_pcdata).set_value(cleaned.substr(i, end - i).c_str());
                done = end;
            }
            i = end;
        }
        if (done < cleaned.size()) parent.append_child(pugi::node_pcdata).set_value(cleaned.substr(done).c_str());
    }

    void missing_alt(const SourcePos& where) {
        if (out_.images_without_alt++ == 0) out_.first_image_without_alt = where;
        out_.images_have_alt = false;
    }

    // Returns whether node holds text a screen reader reads: characters other than white space, or an image's alt.
    static bool has_accessible_text(pugi::xml_node node) {
        for (pugi::xml_node c : node.children()) {
            if (c.type() == pugi::node_pcdata) {
                std::string_view v = c.value();
                if (v.find_first_not_of(" \t\n") != std::string_view::npos) return true;
            } else if (c.type() == pugi::node_element) {
                if (std::string_view(c.name()) == "img" && *c.attribute("alt").value() != '\0') return true;
                if (std::string_view(c.name()) != "rt" && has_accessible_text(c)) return true;
            }
        }
        return false;
    }

    void set_common(pugi::xml_node node, const void* model_node, const Attr& attr) {
        if (auto it = node_ids_.find(model_node); it != node_ids_.end()) node.append_attribute("id") = it->second.c_str();
        // The model's classes are not carried over: the stylesheet has no rules for them.
        if (const std::string* lang = attr.find("lang"); lang && !lang->empty()) {
            node.append_attribute("lang") = lang->c_str();
            node.append_attribute("xml:lang") = lang->c_str();
        }
    }

    void render_inlines(pugi::xml_node parent, const Inlines& inlines) {
        for (const Inline& in : inlines) render_inline(parent, in);
    }

    void render_inline(pugi::xml_node parent, const Inline& in) {
        switch (in.kind) {
        case InlineKind::text: text(parent, in.text); return;
        case InlineKind::line_break: parent.append_child("br"); return;
        case InlineKind::code: {
            pugi::xml_node code = parent.append_child("code");
            set_common(code, &in, in.attr);
            text(code, in.text, false);
            return;
        }
        case InlineKind::span:
            if (render_special_span(parent, in)) return;
            [[fallthrough]];
        case InlineKind::emphasis:
        case InlineKind::strong: {
            const char* name = in.kind == InlineKind::emphasis ? "em" : in.kind == InlineKind::strong ? "strong" : span_tag(in.attr);
            pugi::xml_node node = parent.append_child(name);
            set_common(node, &in, in.attr);
            if (const std::string* title = in.attr.find("title"); title && in.kind == InlineKind::span)
                node.append_attribute("title") = clean_text(*title).c_str();
            if (in.kind == InlineKind::strong) ++bold_;
            render_inlines(node, in.children);
            if (in.kind == InlineKind::strong) --bold_;
            return;
        }
        case InlineKind::link: {
            SourcePos where = in.pos.file.empty() ? current_pos_ : in.pos;
            std::string href = resolve_link(in.target, where);
            pugi::xml_node node;
            if (href.empty()) {
                sink_.warn(where, "link target '" + in.target + "' is not in the book; the link is dropped",
                           {"link to a section's input file, an id in the book (#id), or an http(s) URL"});
                node = parent.append_child("span");
            } else {
                node = parent.append_child("a");
                node.append_attribute("href") = href.c_str();
                if (!in.title.empty()) node.append_attribute("title") = clean_text(in.title).c_str();
            }
            set_common(node, &in, in.attr);
            render_inlines(node, in.children);
            if (!href.empty() && !has_accessible_text(node)) {
                // Only an image without alt text (a badge in a README): a screen reader would have nothing to say.
                std::string name = !in.title.empty() ? clean_text(in.title) : clean_text(support::link_name(in.target));
                node.append_attribute("aria-label") = name.c_str();
                sink_.warn(where, "a link whose only content is an image without alt text is named from its " +
                                      std::string(in.title.empty() ? "target" : "title") + ": '" + name + "'",
                           {"give the image alt text (![what it shows](image.png)) so that readers can say what the link is"});
            }
            return;
        }
        case InlineKind::ruby: {
            out_.has_ruby = true;
            pugi::xml_node ruby = parent.append_child("ruby");
            set_common(ruby, &in, in.attr);
            // Zhuyin is set to the right of its character, not over it (stylesheet.cpp, class zhuyin).
            const bool plain = std::all_of(in.children.begin(), in.children.end(),
                                           [](const Inline& c) { return c.kind == InlineKind::text; });
            std::string base = plain ? plain_text(in.children) : std::string();
            std::vector<std::string_view> each = support::zhuyin_per_character(base, in.text);
            const bool zhuyin = !each.empty() || support::is_zhuyin(in.text);
            if (zhuyin) ruby.append_attribute("class") = "zhuyin";
            if (!each.empty()) {
                // A zhuyin syllable per character: each character with its own rt, beside it.
                std::string_view rest = base;
                for (std::string_view syllable : each) {
                    std::size_t i = 0;
                    utf8::next_code_point(rest, i);
                    text(ruby, std::string(rest.substr(0, i)));
                    text(ruby.append_child("rp"), "（");
                    pugi::xml_node rt = ruby.append_child("rt");
                    rt.append_attribute("class") = "zhuyin";
                    text(rt, std::string(syllable), false);
                    text(ruby.append_child("rp"), "）");
                    rest.remove_prefix(i);
                }
                return;
            }
            render_inlines(ruby, in.children);
            text(ruby.append_child("rp"), "（");
            pugi::xml_node rt = ruby.append_child("rt");
            if (zhuyin) rt.append_attribute("class") = "zhuyin";
            text(rt, in.text, false);
            text(ruby.append_child("rp"), "）");
            return;
        }
        }
    }

    // Returns the XHTML element for a span: the phrase element its class names (del for strikethrough, sup,
    // sub, kbd, abbr, mark, …), else span.
    static const char* span_tag(const Attr& attr) {
        static const char* const phrase[] = {"sup", "sub", "kbd", "abbr", "mark", "small", "del", "ins", "u", "q", "cite",
                                             "dfn", "var", "samp"};
        if (attr.has_class("strikethrough")) return "del";
        for (const char* tag : phrase)
            if (attr.has_class(tag)) return tag;
        return "span";
    }

    // Renders the spans that are not a plain element around their children: an inline image, a note reference.
    // Returns false for any other span.
    bool render_special_span(pugi::xml_node parent, const Inline& in) {
        if (in.attr.has_class("image")) {
            const std::string* src = in.attr.find("src");
            const std::string* alt = in.attr.find("alt");
            const std::string* title = in.attr.find("title");
            Block as_block;
            as_block.target = src ? *src : std::string();
            as_block.pos = in.pos;
            std::string href = image_href(as_block);
            std::string alt_text = clean_text(alt ? *alt : std::string());
            if (href.empty()) {
                // A missing image keeps its text: the alt text and the title.
                std::string shown = alt_text;
                if (title && !title->empty()) shown += (shown.empty() ? "" : " — ") + *title;
                text(parent.append_child("span"), "［" + (shown.empty() ? as_block.target : shown) + "］");
                return true;
            }
            out_.has_images = true;
            if (alt_text.empty()) missing_alt(in.pos.file.empty() ? current_pos_ : in.pos);
            pugi::xml_node img = parent.append_child("img");
            img.append_attribute("src") = href.c_str();
            img.append_attribute("alt") = alt_text.c_str();
            img.append_attribute("class") = "inline";
            if (title && !title->empty()) img.append_attribute("title") = clean_text(*title).c_str();
            out_.chars.add(alt_text, false);
            return true;
        }
        if (const std::string* note = note_of(in)) {
            pugi::xml_node a = parent.append_child("a");
            if (auto it = node_ids_.find(&in); it != node_ids_.end()) a.append_attribute("id") = it->second.c_str();
            auto target = notes_.find(current_plan_->id + "/" + *note);
            if (target != notes_.end()) a.append_attribute("href") = target->second.c_str();
            a.append_attribute("epub:type") = "noteref";
            a.append_attribute("role") = "doc-noteref";
            render_inlines(a.append_child("sup"), in.children);
            return true;
        }
        return false;
    }

    // Renders a footnote as an aside with its number linking back to the first reference.
    void render_note(pugi::xml_node parent, const Block& b, const std::string& note) {
        pugi::xml_node aside = parent.append_child("aside");
        if (auto it = node_ids_.find(&b); it != node_ids_.end()) aside.append_attribute("id") = it->second.c_str();
        aside.append_attribute("epub:type") = "footnote";
        aside.append_attribute("role") = "doc-footnote";
        aside.append_attribute("class") = "footnote";
        bool first = true;
        for (const Block& c : b.blocks) {
            if (first && c.kind == BlockKind::paragraph) {
                pugi::xml_node p = aside.append_child("p");
                pugi::xml_node back = p.append_child("a");
                auto ref = note_refs_.find(current_plan_->id + "/" + note);
                if (ref != note_refs_.end()) back.append_attribute("href") = ref->second.c_str();
                back.append_attribute("role") = "doc-backlink";
                text(back, note + ".");
                text(p, " ");
                render_inlines(p, c.inlines);
            } else {
                render_block(aside, c);
            }
            first = false;
        }
    }

    // Renders a details block: its summary paragraph as <summary>, the rest as its content.
    void render_details(pugi::xml_node parent, const Block& b) {
        pugi::xml_node details = parent.append_child("details");
        set_common(details, &b, b.attr);
        for (const Block& c : b.blocks) {
            if (c.kind == BlockKind::paragraph && c.attr.has_class("summary") && &c == &b.blocks.front()) {
                render_inlines(details.append_child("summary"), c.inlines);
                continue;
            }
            render_block(details, c);
        }
    }

    void render_items(pugi::xml_node list, const Block& b) {
        for (const Blocks& item : b.items) {
            pugi::xml_node li = list.append_child("li");
            if (item.size() == 1 && item[0].kind == BlockKind::paragraph && item[0].attr.empty()) {
                render_inlines(li, item[0].inlines);
            } else {
                for (const Block& c : item) render_block(li, c);
            }
        }
    }

    void render_cells(pugi::xml_node row, const std::vector<TableCell>& cells, const std::vector<Align>& aligns, bool header) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            pugi::xml_node cell = row.append_child(header ? "th" : "td");
            if (header) cell.append_attribute("scope") = "col";
            if (i < aligns.size())
                if (const char* c = align_class(aligns[i])) cell.append_attribute("class") = c;
            if (header) ++bold_;
            render_inlines(cell, cells[i].content);
            if (header) --bold_;
        }
    }

    void render_block(pugi::xml_node parent, const Block& b) {
        if (!b.pos.file.empty()) current_pos_ = b.pos;
        switch (b.kind) {
        case BlockKind::heading: {
            int level = heading_level(*current_plan_, b);
            pugi::xml_node h = parent.append_child(("h" + std::to_string(level)).c_str());
            set_common(h, &b, b.attr);
            // The source's level, where the chapter's order moved it (a feed's h4 under its h2 becomes h3).
            int source = std::clamp(b.level, 1, 6);
            if (level != source) h.append_attribute("class") = ("source-h" + std::to_string(source)).c_str();
            ++bold_;
            render_inlines(h, b.inlines);
            --bold_;
            return;
        }
        case BlockKind::paragraph: {
            pugi::xml_node p = parent.append_child("p");
            set_common(p, &b, b.attr);
            // Verse keeps its lines: set as a block without a first-line indent (stylesheet .verse).
            if (is_verse(b)) p.append_attribute("class") = "verse";
            render_inlines(p, b.inlines);
            return;
        }
        case BlockKind::bullet_list:
        case BlockKind::ordered_list: {
            if (b.items.empty()) return;
            pugi::xml_node list = parent.append_child(b.kind == BlockKind::bullet_list ? "ul" : "ol");
            set_common(list, &b, b.attr);
            if (b.kind == BlockKind::ordered_list && b.start != 1) list.append_attribute("start") = b.start;
            // A task list shows its ballot boxes instead of bullets.
            if (b.attr.has_class("task-list")) list.append_attribute("class") = "task-list";
            render_items(list, b);
            return;
        }
        case BlockKind::table: {
            const Table& t = b.table;
            if (t.header.empty() && t.rows.empty()) return;
            out_.has_tables = true;
            if (t.header.empty()) out_.tables_have_headers = false;
            pugi::xml_node table = parent.append_child("table");
            set_common(table, &b, b.attr);
            if (!t.caption.empty()) {
                ++bold_;
                render_inlines(table.append_child("caption"), t.caption);
                --bold_;
            }
            if (!t.header.empty()) render_cells(table.append_child("thead").append_child("tr"), t.header, t.aligns, true);
            if (!t.rows.empty()) {
                pugi::xml_node body = table.append_child("tbody");
                for (const auto& row : t.rows) render_cells(body.append_child("tr"), row, t.aligns, false);
            }
            return;
        }
        case BlockKind::block_quote: {
            if (const std::string* note = note_of(b)) {
                render_note(parent, b, *note);
                return;
            }
            if (b.attr.has_class("details")) {
                render_details(parent, b);
                return;
            }
            pugi::xml_node q = parent.append_child("blockquote");
            set_common(q, &b, b.attr);
            for (const Block& c : b.blocks) render_block(q, c);
            return;
        }
        case BlockKind::image: {
            out_.has_images = true;
            pugi::xml_node figure = parent.append_child("figure");
            set_common(figure, &b, b.attr);
            std::string href = image_href(b);
            std::string alt = clean_text(plain_text(b.inlines));
            if (!href.empty()) {
                if (alt.empty()) missing_alt(b.pos.file.empty() ? current_pos_ : b.pos);
                pugi::xml_node img = figure.append_child("img");
                img.append_attribute("src") = href.c_str();
                img.append_attribute("alt") = alt.c_str();
                out_.chars.add(alt, false);
                if (!b.title.empty()) text(figure.append_child("figcaption"), b.title);
            } else {
                figure.append_attribute("class") = "missing-image";
                pugi::xml_node caption = figure.append_child("figcaption");
                // The caption keeps all the image's text: its alt text and its title.
                if (!b.inlines.empty()) render_inlines(caption, b.inlines);
                if (!b.title.empty()) text(caption, b.inlines.empty() ? b.title : " — " + b.title);
                if (b.inlines.empty() && b.title.empty()) text(caption, b.target);
            }
            return;
        }
        case BlockKind::rule: parent.append_child("hr"); return;
        case BlockKind::code_block: {
            pugi::xml_node pre = parent.append_child("pre");
            set_common(pre, &b, b.attr);
            pugi::xml_node code = pre.append_child("code");
            std::string_view body = b.text;
            if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
            text(code, body, false);
            return;
        }
        }
    }

    void render_header(pugi::xml_node section, const Section& s, const SectionPlan& p) {
        const SectionMeta& m = s.meta;
        bool dateline = !m.date.empty() || !m.source.empty() || !m.authors.empty() || !m.url.empty();
        if (s.title.empty() && !dateline) return;
        pugi::xml_node header = section.append_child("header");
        if (!s.title.empty()) {
            pugi::xml_node h1 = header.append_child("h1");
            h1.append_attribute("id") = p.title_id.c_str();
            ++bold_;
            render_inlines(h1, s.title);
            --bold_;
        }
        if (dateline) {
            pugi::xml_node line = header.append_child("p");
            line.append_attribute("class") = "dateline";
            bool first = true;
            auto gap = [&] {
                if (!first) text(line, "　");
                first = false;
            };
            if (!m.date.empty()) {
                gap();
                std::string dt = html_datetime(m.date);
                pugi::xml_node time = line.append_child(dt.empty() ? "span" : "time");
                if (!dt.empty()) time.append_attribute("datetime") = dt.c_str();
                text(time, m.date);
            }
            std::string url = m.url.starts_with("http://") || m.url.starts_with("https://")
                                  ? support::percent_encode_uri(m.url)
                                  : "";
            const std::string& source = m.source;
            if (!source.empty() || !url.empty()) {
                gap();
                pugi::xml_node src = line.append_child(url.empty() ? "span" : "a");
                if (!url.empty()) src.append_attribute("href") = url.c_str();
                src.append_attribute("class") = "source";
                text(src, source.empty() ? m.url : source);
            }
            for (const std::string& a : m.authors) {
                gap();
                pugi::xml_node author = line.append_child("span");
                author.append_attribute("class") = "author";
                text(author, a);
            }
        }
    }

    std::string label_for(const Section& s, const Blocks& blocks) const {
        std::string label = clean_text(plain_text(s.title));
        if (!label.empty()) return label;
        for (const Block& b : blocks) {
            std::string t = clean_text(plain_text(b.inlines));
            if (t.empty()) continue;
            std::size_t i = 0;
            for (int n = 0; n < 24 && i < t.size(); ++n) next_code_point(t, i);
            return t.substr(0, i) + (i < t.size() ? "…" : "");
        }
        return "§" + std::to_string(&s - doc_.sections.data() + 1);
    }

    // Renders section number index, whose blocks are blocks.
    void render_section(std::size_t index, const Blocks& blocks) {
        const Section& s = doc_.sections[index];
        const SectionPlan& p = plans_[index];
        current_section_ = &s;
        current_plan_ = &p;
        current_pos_ = s.pos;
        std::string label = label_for(s, blocks);
        out_.toc.push_back(TocEntry{label, "text/" + p.chunks[0].file, 1});
        for (std::size_t c = 0; c < p.chunks.size(); ++c) {
            const Chunk& chunk = p.chunks[c];
            current_file_ = chunk.file;
            pugi::xml_document xml = new_xml_document(true);
            pugi::xml_node html = start_xhtml(xml, options_.language, label, options_.stylesheets);
            pugi::xml_node body = html.append_child("body");
            pugi::xml_node section = body.append_child("section");
            if (c == 0) {
                section.append_attribute("epub:type") = "chapter";
                section.append_attribute("role") = "doc-chapter";
                section.append_attribute("id") = p.id.c_str();
                if (!s.title.empty()) section.append_attribute("aria-labelledby") = p.title_id.c_str();
                else section.append_attribute("aria-label") = label.c_str();
                render_header(section, s, p);
                if (!s.meta.summary.empty()) {
                    pugi::xml_node summary = section.append_child("p");
                    summary.append_attribute("class") = "summary";
                    text(summary, s.meta.summary);
                }
                section.append_child(pugi::node_pcdata).set_value("\n");
            }
            for (std::size_t b = chunk.first; b < chunk.end; ++b) {
                const Block& block = blocks[b];
                render_block(section, block);
                section.append_child(pugi::node_pcdata).set_value("\n");
                if (block.kind == BlockKind::heading) {
                    auto it = node_ids_.find(&block);
                    int level = heading_level(p, block);
                    std::string heading = clean_text(plain_text(block.inlines));
                    if (it != node_ids_.end() && !heading.empty())
                        out_.toc.push_back(TocEntry{heading, "text/" + chunk.file + "#" + it->second, level});
                }
            }
            std::string stem = chunk.file.substr(0, chunk.file.size() - 6);
            Resource document{"text/" + chunk.file, "c-" + stem, "application/xhtml+xml", save_xml(xml, false), {}};
            if (options_.on_document) options_.on_document(document);
            out_.documents.push_back(std::move(document));
        }
    }

    const Document& doc_;
    const ContentOptions& options_;
    DiagnosticSink& sink_;
    Content out_;
    std::vector<SectionPlan> plans_;
    std::unordered_set<std::string> used_ids_;
    std::unordered_map<const void*, std::string> node_ids_;      // model node -> its id in the XHTML
    std::unordered_map<std::string, std::string> targets_;       // an id in the model -> "file#id"
    std::unordered_map<std::string, std::string> slugs_;         // a heading's anchor -> "file#id"
    std::unordered_map<std::string, std::string> section_files_; // a section's input file -> its first XHTML file
    std::map<std::string, std::string> image_by_path_;           // image file -> href ("" = unusable)
    std::unordered_map<std::string, std::string> notes_;      // "section id/note number" -> the note's "file#id"
    std::unordered_map<std::string, std::string> note_refs_;  // "section id/note number" -> its first reference
    std::string note_section_;                                // the section being planned
    std::string current_file_;
    const Section* current_section_ = nullptr;
    const SectionPlan* current_plan_ = nullptr;
    SourcePos current_pos_;
    int bold_ = 0;
};

}  // namespace

std::string image_media_type(const std::string& bytes, const std::string& name) {
    auto starts = [&](std::string_view magic) { return bytes.size() >= magic.size() && std::string_view(bytes).substr(0, magic.size()) == magic; };
    if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts("\xFF\xD8\xFF")) return "image/jpeg";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    std::string lname = support::ascii_lower(name);
    if (lname.ends_with(".svg") && bytes.find("<svg") != std::string::npos) return "image/svg+xml";
    return {};
}

Content render_content(const Document& doc, const ContentOptions& options, DiagnosticSink& sink) {
    return Renderer(doc, options, sink).run();
}

}  // namespace docexport::epub
