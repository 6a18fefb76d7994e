#include <docexport/model.hpp>

#include <algorithm>

namespace docexport {

std::string to_string(const SourcePos& pos) {
    std::string s = pos.file.empty() ? std::string("<input>") : pos.file;
    if (pos.line > 0) {
        s += ':';
        s += std::to_string(pos.line);
        if (pos.col > 0) {
            s += ':';
            s += std::to_string(pos.col);
        }
    }
    return s;
}

const std::string* Attr::find(std::string_view key) const {
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    return it == values.end() ? nullptr : &it->second;
}

bool Attr::has_class(std::string_view cls) const {
    return std::find(classes.begin(), classes.end(), cls) != classes.end();
}

void Attr::set(std::string key, std::string value) {
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    if (it == values.end())
        values.emplace_back(std::move(key), std::move(value));
    else
        it->second = std::move(value);
}

Inline make_text(std::string text, SourcePos pos) {
    Inline in;
    in.kind = InlineKind::text;
    in.text = std::move(text);
    in.pos = std::move(pos);
    return in;
}

Inline make_ruby(std::string base, std::string annotation, SourcePos pos) {
    Inline in;
    in.kind = InlineKind::ruby;
    in.text = std::move(annotation);
    in.children.push_back(make_text(std::move(base), pos));
    in.pos = std::move(pos);
    return in;
}

static void append_plain(const Inlines& inlines, std::string& out) {
    for (const Inline& in : inlines) {
        switch (in.kind) {
        case InlineKind::text:
        case InlineKind::code: out += in.text; break;
        case InlineKind::line_break: out += '\n'; break;
        case InlineKind::span:
            // An inline image (class "image") reads as its alt text.
            if (in.children.empty())
                if (const std::string* alt = in.attr.find("alt")) out += *alt;
            append_plain(in.children, out);
            break;
        default: append_plain(in.children, out); break;
        }
    }
}

std::string plain_text(const Inlines& inlines) {
    std::string out;
    append_plain(inlines, out);
    return out;
}

}  // namespace docexport
