// The versioned JSON dump of the model. Key order is fixed and empty fields are left out, so dumps are
// stable and diffable golden files.
#include <docexport/model.hpp>

#include "model/packed.hpp"

#include <nlohmann/json.hpp>

namespace docexport {
namespace {

using Json = nlohmann::ordered_json;

void put(Json& j, const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
}

void put(Json& j, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) j[key] = values;
}

void put_pos(Json& j, const SourcePos& pos) {
    if (!pos.file.empty() || pos.line > 0) j["pos"] = to_string(pos);
}

void put_attr(Json& j, const Attr& attr) {
    if (attr.empty()) return;
    Json a = Json::object();
    put(a, "id", attr.id);
    put(a, "classes", attr.classes);
    if (!attr.values.empty()) {
        Json kv = Json::object();
        for (const auto& [k, v] : attr.values) kv[k] = v;
        a["values"] = kv;
    }
    j["attr"] = a;
}

const char* inline_kind_name(InlineKind k) {
    switch (k) {
    case InlineKind::text: return "text";
    case InlineKind::emphasis: return "emphasis";
    case InlineKind::strong: return "strong";
    case InlineKind::link: return "link";
    case InlineKind::code: return "code";
    case InlineKind::line_break: return "line_break";
    case InlineKind::ruby: return "ruby";
    case InlineKind::span: return "span";
    }
    return "?";
}

const char* block_kind_name(BlockKind k) {
    switch (k) {
    case BlockKind::heading: return "heading";
    case BlockKind::paragraph: return "paragraph";
    case BlockKind::bullet_list: return "bullet_list";
    case BlockKind::ordered_list: return "ordered_list";
    case BlockKind::table: return "table";
    case BlockKind::block_quote: return "block_quote";
    case BlockKind::image: return "image";
    case BlockKind::rule: return "rule";
    case BlockKind::code_block: return "code_block";
    }
    return "?";
}

const char* align_name(Align a) {
    switch (a) {
    case Align::none: return "none";
    case Align::left: return "left";
    case Align::center: return "center";
    case Align::right: return "right";
    }
    return "none";
}

Json dump_inlines(const Inlines& inlines);

Json dump_inline(const Inline& in) {
    Json j = Json::object();
    j["type"] = inline_kind_name(in.kind);
    switch (in.kind) {
    case InlineKind::text:
    case InlineKind::code: j["text"] = in.text; break;
    case InlineKind::ruby:
        j["base"] = dump_inlines(in.children);
        j["annotation"] = in.text;
        break;
    case InlineKind::link:
        j["target"] = in.target;
        put(j, "title", in.title);
        j["content"] = dump_inlines(in.children);
        break;
    case InlineKind::line_break: break;
    default: j["content"] = dump_inlines(in.children); break;
    }
    put_attr(j, in.attr);
    put_pos(j, in.pos);
    return j;
}

Json dump_inlines(const Inlines& inlines) {
    Json a = Json::array();
    for (const Inline& in : inlines) a.push_back(dump_inline(in));
    return a;
}

Json dump_blocks(const Blocks& blocks);

Json dump_cell(const TableCell& cell) {
    Json j = Json::object();
    j["content"] = dump_inlines(cell.content);
    put_pos(j, cell.pos);
    return j;
}

Json dump_block(const Block& b) {
    Json j = Json::object();
    j["type"] = block_kind_name(b.kind);
    switch (b.kind) {
    case BlockKind::heading:
        j["level"] = b.level;
        j["content"] = dump_inlines(b.inlines);
        break;
    case BlockKind::paragraph: j["content"] = dump_inlines(b.inlines); break;
    case BlockKind::ordered_list: j["start"] = b.start; [[fallthrough]];
    case BlockKind::bullet_list: {
        Json items = Json::array();
        for (const Blocks& item : b.items) items.push_back(dump_blocks(item));
        j["items"] = items;
        break;
    }
    case BlockKind::table: {
        Json t = Json::object();
        if (!b.table.caption.empty()) t["caption"] = dump_inlines(b.table.caption);
        Json aligns = Json::array();
        for (Align a : b.table.aligns) aligns.push_back(align_name(a));
        t["aligns"] = aligns;
        Json header = Json::array();
        for (const TableCell& c : b.table.header) header.push_back(dump_cell(c));
        t["header"] = header;
        Json rows = Json::array();
        for (const auto& row : b.table.rows) {
            Json r = Json::array();
            for (const TableCell& c : row) r.push_back(dump_cell(c));
            rows.push_back(r);
        }
        t["rows"] = rows;
        j["table"] = t;
        break;
    }
    case BlockKind::block_quote: j["content"] = dump_blocks(b.blocks); break;
    case BlockKind::image:
        j["target"] = b.target;
        put(j, "title", b.title);
        j["alt"] = dump_inlines(b.inlines);
        break;
    case BlockKind::rule: break;
    case BlockKind::code_block:
        put(j, "info", b.info);
        j["text"] = b.text;
        break;
    }
    put_attr(j, b.attr);
    put_pos(j, b.pos);
    return j;
}

Json dump_blocks(const Blocks& blocks) {
    Json a = Json::array();
    for (const Block& b : blocks) a.push_back(dump_block(b));
    return a;
}

}  // namespace

std::string dump_model_json(const Document& doc) {
    Json root = Json::object();
    root["docexport-model"] = model_dump_version;
    Json meta = Json::object();
    put(meta, "title", doc.meta.title);
    put(meta, "subtitle", doc.meta.subtitle);
    put(meta, "language", doc.meta.language);
    put(meta, "date", doc.meta.date);
    put(meta, "authors", doc.meta.authors);
    put(meta, "publisher", doc.meta.publisher);
    put(meta, "source", doc.meta.source);
    put(meta, "identifier", doc.meta.identifier);
    put(meta, "summary", doc.meta.summary);
    put(meta, "cover", doc.meta.cover);
    root["meta"] = meta;
    if (!doc.style.empty()) root["style"] = doc.style;
    Json sections = Json::array();
    for (const Section& s : doc.sections) {
        Json js = Json::object();
        js["title"] = dump_inlines(s.title);
        Json sm = Json::object();
        put(sm, "date", s.meta.date);
        put(sm, "source", s.meta.source);
        put(sm, "url", s.meta.url);
        put(sm, "summary", s.meta.summary);
        put(sm, "authors", s.meta.authors);
        js["meta"] = sm;
        put_attr(js, s.attr);
        Blocks scratch;
        js["blocks"] = dump_blocks(blocks_of(s, scratch));
        put_pos(js, s.pos);
        sections.push_back(js);
    }
    root["sections"] = sections;
    return root.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace docexport
