#include "style/style.hpp"

#include "support/ascii.hpp"
#include "support/pdf_standard.hpp"
#include "support/wording.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

namespace docexport::style {

namespace {

namespace fs = std::filesystem;

SourcePos pos_of(const fs::path& file, const YAML::Mark& mark) {
    if (mark.is_null()) return SourcePos{file.string(), 0, 0};
    return SourcePos{file.string(), static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1)};
}

[[noreturn]] void bad_value(const fs::path& file, const YAML::Node& node, const std::string& message,
                            std::vector<std::string> hints = {}) {
    throw Error(ErrorCode::input, message, pos_of(file, node.Mark()), std::move(hints));
}

std::string scalar(const fs::path& file, const YAML::Node& node, const char* what) {
    if (!node.IsScalar()) bad_value(file, node, std::string(what) + " must be a single value");
    return node.Scalar();
}

// Adds to notes a warning for each key of map that the file's reader does not read, with "did you mean" and the
// keys there are: a misspelt key (line-hieght) would otherwise be ignored without a word and its default used.
// The key is ignored, as a manifest's unknown key is.
void check_keys(const fs::path& file, const YAML::Node& map, const std::vector<std::string_view>& known,
                const std::string& where, std::vector<Diagnostic>& notes) {
    if (!map.IsMap()) {
        std::string keys;
        for (std::string_view k : known) keys += (keys.empty() ? "" : ", ") + std::string(k);
        bad_value(file, map, where + " must be a map of keys", {"its keys are " + keys});
    }
    for (const auto& kv : map) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        notes.push_back(Diagnostic{Severity::warning, pos_of(file, kv.first.Mark()),
                                   (key.empty() ? "a key of " + where + " is not a name"
                                                : "unknown key '" + key + "' in " + where) + "; it is ignored",
                                   support::unknown_key_hints(key, known), false});
    }
}

// Checks every key a style file gives (check_keys), section by section.
void check_style_keys(const fs::path& file, const YAML::Node& root, std::vector<Diagnostic>& notes) {
    check_keys(file, root,
               {"name", "description", "fonts", "page", "text", "headings", "title-page", "cjk", "sections", "contents", "pdf"},
               "the style", notes);
    if (YAML::Node p = root["pdf"]) check_keys(file, p, {"standard"}, "'pdf'", notes);
    if (YAML::Node s = root["sections"]) check_keys(file, s, {"break"}, "'sections'", notes);
    if (YAML::Node c = root["contents"]) check_keys(file, c, {"depth", "numerals"}, "'contents'", notes);
    if (YAML::Node f = root["fonts"]; f && f.IsMap()) check_keys(file, f, {"set", "body", "heading", "latin"}, "'fonts'", notes);
    if (YAML::Node p = root["page"]) {
        check_keys(file, p, {"size", "width", "height", "margins", "columns", "column-gap"}, "'page'", notes);
        if (YAML::Node m = p["margins"]) check_keys(file, m, {"top", "bottom", "inner", "outer"}, "'page.margins'", notes);
    }
    if (YAML::Node t = root["text"])
        check_keys(file, t, {"size", "line-height", "first-line-indent", "paragraph-spacing", "align", "writing-mode", "quotes"}, "'text'", notes);
    if (YAML::Node h = root["headings"]) check_keys(file, h, {"sizes"}, "'headings'", notes);
    if (YAML::Node t = root["title-page"]) check_keys(file, t, {"date-format"}, "'title-page'", notes);
    if (YAML::Node c = root["cjk"]) check_keys(file, c, {"clreq-level", "line-breaking", "punctuation", "tate-chu-yoko", "hanging-punctuation"}, "'cjk'", notes);
}

// The values a length may take, in the unit it is returned in, and how to say them in a hint.
struct Bounds {
    double low, high;
    const char* says;
};
constexpr Bounds page_side{50, 5000, "a length from 50mm to 5000mm"};
constexpr Bounds margin{0, 1000, "a length from 0mm to 1000mm"};
constexpr Bounds text_size{4, 72, "a size from 4pt to 72pt"};
constexpr Bounds line_height{0.5, 5, "a multiple of the text size from 0.5 to 5"};
constexpr Bounds indent{0, 20, "a length from 0em to 20em"};
constexpr Bounds heading_size{0.5, 5, "a size from 0.5em to 5em"};

// Returns a length in unit ("mm", "pt" or "em") from "148mm", "10.5pt", "2em", "1in", "2cm" or a bare number.
// Throws Error(input) at the value for anything else (a word, nan, inf) and for a length outside bounds.
double length(const fs::path& file, const YAML::Node& node, const char* what, const std::string& unit,
              const Bounds& bounds) {
    std::string s = scalar(file, node, what);
    double value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    std::string suffix = support::ascii_lower(std::string_view(end, static_cast<std::size_t>(s.data() + s.size() - end)));
    while (!suffix.empty() && suffix.front() == ' ') suffix.erase(0, 1);
    if (ec != std::errc() || !std::isfinite(value) || value < 0)
        bad_value(file, node, std::string(what) + ": '" + s + "' is not a length");
    double factor = 0;
    if (suffix.empty() || suffix == unit) factor = 1;
    else if (unit == "mm") factor = suffix == "cm" ? 10 : suffix == "in" ? 25.4 : suffix == "pt" ? 25.4 / 72 : 0;
    else if (unit == "pt") factor = suffix == "mm" ? 72 / 25.4 : suffix == "px" ? 0.75 : 0;
    if (factor == 0) bad_value(file, node, std::string(what) + ": '" + s + "' must be in " + unit);
    value *= factor;
    if (value < bounds.low || value > bounds.high)
        bad_value(file, node, std::string(what) + ": '" + s + "' is out of range", {std::string("give ") + bounds.says});
    return value;
}

YAML::Node load_yaml(const fs::path& file) {
    try {
        return YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        throw Error(ErrorCode::input, "cannot read the file", SourcePos{file.string(), 0, 0});
    } catch (const YAML::Exception& e) {
        throw Error(ErrorCode::input, "malformed YAML: " + e.msg, pos_of(file, e.mark));
    }
}

// Returns the file for name in dir (styles or fonts): a path as given, else NAME.yaml in a data directory.
fs::path find_data_file(const std::string& dir, const std::string& name, const char* what) {
    std::error_code ec;
    if (name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml")) {
        if (!fs::is_regular_file(name, ec))
            throw Error(ErrorCode::usage, std::string(what) + " file '" + name + "' not found");
        return name;
    }
    std::vector<std::string> known;
    for (const fs::path& d : data_directories()) {
        fs::path p = d / dir / (name + ".yaml");
        if (fs::is_regular_file(p, ec)) return p;
        if (fs::is_directory(d / dir, ec))
            for (const auto& e : fs::directory_iterator(d / dir, ec))
                if (e.path().extension() == ".yaml") known.push_back(e.path().stem().string());
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    std::string list;
    for (const auto& k : known) {
        if (!list.empty()) list += ", ";
        list += k;
    }
    throw Error(ErrorCode::usage, std::string("unknown ") + what + " '" + name + "'", {},
                {known.empty() ? "no " + dir + "/ directory found; set DOCEXPORT_DATA_DIR to the directory holding it"
                               : "known: " + list});
}

FontFace face_from(const fs::path& file, const YAML::Node& node, const YAML::Node& families,
                   std::vector<Diagnostic>& notes) {
    FontFace f;
    if (node.IsScalar()) {
        f.family = node.Scalar();
    } else if (node.IsMap() && node["family"]) {
        check_keys(file, node, {"family", "weight"}, "a font", notes);
        f.family = scalar(file, node["family"], "family");
        if (node["weight"]) {
            std::string w = scalar(file, node["weight"], "weight");
            if (w == "bold") f.weight = 700;
            else if (w == "regular" || w == "normal") f.weight = 400;
            else {
                auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), f.weight);
                if (ec != std::errc() || p != w.data() + w.size() || f.weight < 100 || f.weight > 900)
                    bad_value(file, node["weight"], "weight must be 100-900, regular or bold");
            }
        }
    } else {
        bad_value(file, node, "a font must be a family name or {family: NAME, weight: N}");
    }
    YAML::Node info = families ? families[f.family] : YAML::Node();
    if (!info || !info.IsMap())
        bad_value(file, node, "font family '" + f.family + "' is not listed under families:",
                  {"list it with its package and licence"});
    if (info["package"]) f.package = info["package"].as<std::string>();
    if (info["licence"]) f.licence = info["licence"].as<std::string>();
    if (info["lang"]) f.lang = info["lang"].as<std::string>();
    f.generic = info["generic"] ? info["generic"].as<std::string>() : "serif";
    return f;
}

// Returns the face for script from a role map ({hant: ..., hans: ..., default: ...}).
FontFace role_face(const fs::path& file, const YAML::Node& roles, const char* role, const std::string& script,
                   const YAML::Node& families, std::vector<Diagnostic>& notes) {
    YAML::Node r = roles[role];
    if (!r) bad_value(file, roles, std::string("the font set has no '") + role + "' role");
    if (r.IsMap() && !r["family"]) {
        check_keys(file, r, {"hant", "hans", "jpan", "kore", "latn", "default"}, std::string("role '") + role + "'", notes);
        YAML::Node pick = r[script] ? r[script] : r["default"];
        if (!pick) bad_value(file, r, std::string("role '") + role + "' has no '" + script + "' or 'default' entry");
        return face_from(file, pick, families, notes);
    }
    return face_from(file, r, families, notes);
}

FontRoles roles_from(const fs::path& file, const YAML::Node& root, const std::string& language,
                     std::vector<Diagnostic>& notes) {
    std::string script = script_for_language(language);
    YAML::Node families = root["families"];
    YAML::Node roles = root["roles"];
    if (!roles || !roles.IsMap()) bad_value(file, root, "a font set needs roles: body, heading, latin");
    check_keys(file, root, {"name", "description", "families", "roles", "fallback"}, "the font set", notes);
    check_keys(file, roles, {"body", "heading", "latin"}, "'roles'", notes);
    if (families && families.IsMap())
        for (const auto& kv : families)
            if (kv.second.IsMap())
                check_keys(file, kv.second, {"package", "licence", "lang", "generic"},
                           "family '" + (kv.first.IsScalar() ? kv.first.Scalar() : std::string()) + "'", notes);
    FontRoles out;
    out.body = role_face(file, roles, "body", script, families, notes);
    out.heading = role_face(file, roles, "heading", script, families, notes);
    out.latin = role_face(file, roles, "latin", script, families, notes);
    if (YAML::Node fb = root["fallback"]) {
        if (!fb.IsSequence()) bad_value(file, fb, "fallback must be a list of families");
        for (const auto& n : fb) out.fallback.push_back(face_from(file, n, families, notes));
    }
    return out;
}

FontRoles builtin_roles(const std::string& language) {
    std::string script = script_for_language(language);
    std::string suffix = script == "hans" ? "SC" : script == "jpan" ? "JP" : script == "kore" ? "KR" : "TC";
    std::string lang = script == "hans" ? "zh-cn" : script == "jpan" ? "ja" : script == "kore" ? "ko" : "zh-tw";
    FontFace body{"Noto Serif CJK " + suffix, 400, lang, "fonts-noto-cjk", "OFL-1.1", "serif"};
    FontFace heading = body;
    heading.weight = 700;
    return FontRoles{body, heading, body,
                     {FontFace{"HanaMinA", 400, {}, "fonts-hanazono", "OFL-1.1", "serif"},
                      FontFace{"HanaMinB", 400, {}, "fonts-hanazono", "OFL-1.1", "serif"}}};
}

}  // namespace

std::string script_for_language(const std::string& language) {
    std::string l = support::ascii_lower(language);
    auto has = [&](const char* part) {
        std::string p = std::string("-") + part;
        auto at = l.find(p);
        return at != std::string::npos && (at + p.size() == l.size() || l[at + p.size()] == '-');
    };
    if (l.starts_with("ja")) return "jpan";
    if (l.starts_with("ko")) return "kore";
    if (l.starts_with("zh") || l.starts_with("cmn") || l.starts_with("yue")) {
        if (has("hant")) return "hant";
        if (has("hans")) return "hans";
        if (has("tw") || has("hk") || has("mo") || l.starts_with("yue")) return "hant";
        return "hans";
    }
    if (l.empty()) return "hant";
    return "latn";
}

Style load_style(const std::string& name, const std::string& language) {
    Style s;
    std::string wanted = name.empty() ? "brief" : name;
    fs::path file;
    try {
        file = find_data_file("styles", wanted, "style");
    } catch (const Error&) {
        if (!name.empty()) throw;
        s.fonts = builtin_roles(language);  // a library user without the data files still gets a book
        return s;
    }
    s.file = file;
    YAML::Node root = load_yaml(file);
    try {
        if (!root.IsMap()) bad_value(file, root, "a style must be a YAML mapping");
        check_style_keys(file, root, s.warnings);
        s.name = root["name"] ? scalar(file, root["name"], "name") : file.stem().string();
        if (root["description"]) s.description = scalar(file, root["description"], "description");
        YAML::Node overrides;
        if (YAML::Node f = root["fonts"]) {
            if (f.IsScalar()) s.font_set = f.Scalar();
            else if (f.IsMap() && f["set"]) {
                s.font_set = scalar(file, f["set"], "fonts.set");
                overrides = f;
            } else bad_value(file, f, "fonts must name a font set (fonts: noto-serif) or be {set: NAME, body: ...}");
        }
        if (YAML::Node p = root["page"]) {
            if (p["size"]) {
                std::string size = scalar(file, p["size"], "page.size");
                PageGeometry named;
                try {
                    named = parse_paper(size, "page.size");
                } catch (const Error& e) {
                    bad_value(file, p["size"], "unknown page size '" + size + "'", e.hints());
                }
                s.page.paper = named.paper;
                s.page.width = named.width;
                s.page.height = named.height;
            }
            if (p["width"]) s.page.width = length(file, p["width"], "page.width", "mm", page_side);
            if (p["height"]) s.page.height = length(file, p["height"], "page.height", "mm", page_side);
            if (p["width"] || p["height"]) s.page.paper.clear();
            if (YAML::Node m = p["margins"]) {
                if (m["top"]) s.page.margin_top = length(file, m["top"], "margins.top", "mm", margin);
                if (m["bottom"]) s.page.margin_bottom = length(file, m["bottom"], "margins.bottom", "mm", margin);
                if (m["inner"]) s.page.margin_inner = length(file, m["inner"], "margins.inner", "mm", margin);
                if (m["outer"]) s.page.margin_outer = length(file, m["outer"], "margins.outer", "mm", margin);
            }
            if (p["columns"]) {
                std::string v = scalar(file, p["columns"], "page.columns");
                if (v.size() == 1 && v[0] >= '1' && v[0] <= '4') s.page.columns = v[0] - '0';
                else bad_value(file, p["columns"], "page.columns must be a number of columns from 1 to 4");
            }
            if (p["column-gap"]) s.page.column_gap_em = length(file, p["column-gap"], "page.column-gap", "em", indent);
        }
        if (YAML::Node t = root["text"]) {
            if (t["size"]) s.font_size_pt = length(file, t["size"], "text.size", "pt", text_size);
            if (t["line-height"]) s.line_height = length(file, t["line-height"], "text.line-height", "", line_height);
            if (t["first-line-indent"])
                s.first_line_indent_em = length(file, t["first-line-indent"], "text.first-line-indent", "em", indent);
            if (t["paragraph-spacing"])
                s.paragraph_spacing_em = length(file, t["paragraph-spacing"], "text.paragraph-spacing", "em", indent);
            if (t["align"]) {
                s.text_align = scalar(file, t["align"], "text.align");
                if (s.text_align != "justify" && s.text_align != "start")
                    bad_value(file, t["align"], "text.align must be justify or start");
            }
            if (t["quotes"]) {
                std::string v = scalar(file, t["quotes"], "text.quotes");
                if (v == "keep") s.taiwan_quotes = false;
                else if (v == "tw") s.taiwan_quotes = true;
                else bad_value(file, t["quotes"], "text.quotes must be keep or tw");
            }
            if (t["writing-mode"]) {
                std::string v = scalar(file, t["writing-mode"], "text.writing-mode");
                if (v == "horizontal-tb") s.vertical = false;
                else if (v == "vertical-rl") s.vertical = true;
                else bad_value(file, t["writing-mode"], "text.writing-mode must be horizontal-tb or vertical-rl");
            }
        }
        if (YAML::Node h = root["headings"]; h && h["sizes"]) {
            if (!h["sizes"].IsSequence() || h["sizes"].size() != 6) bad_value(file, h["sizes"], "headings.sizes needs six sizes (h1-h6)");
            for (std::size_t i = 0; i < 6; ++i)
                s.heading_sizes_em[i] = length(file, h["sizes"][i], "headings.sizes", "em", heading_size);
        }
        if (YAML::Node c = root["cjk"]) {
            if (c["clreq-level"]) {
                std::string v = scalar(file, c["clreq-level"], "cjk.clreq-level");
                if (v == "basic") s.clreq = ClreqLevel::basic;
                else if (v == "standard") s.clreq = ClreqLevel::standard;
                else if (v == "full") s.clreq = ClreqLevel::full;
                else bad_value(file, c["clreq-level"], "cjk.clreq-level must be basic, standard or full");
            }
            if (c["line-breaking"]) {
                std::string v = scalar(file, c["line-breaking"], "cjk.line-breaking");
                if (v == "none") s.line_breaking = LineBreaking::none;
                else if (v == "basic") s.line_breaking = LineBreaking::basic;
                else if (v == "gb") s.line_breaking = LineBreaking::gb;
                else if (v == "strict") s.line_breaking = LineBreaking::strict;
                else bad_value(file, c["line-breaking"], "cjk.line-breaking must be none, basic, gb or strict");
            }
            if (c["punctuation"]) {
                std::string v = scalar(file, c["punctuation"], "cjk.punctuation");
                if (v == "full-width") s.punctuation = PunctuationStyle::full_width;
                else if (v == "kaiming") s.punctuation = PunctuationStyle::kaiming;
                else if (v == "half-width") s.punctuation = PunctuationStyle::half_width;
                else bad_value(file, c["punctuation"], "cjk.punctuation must be full-width, kaiming or half-width");
            }
            if (c["tate-chu-yoko"]) {
                std::string v = scalar(file, c["tate-chu-yoko"], "cjk.tate-chu-yoko");
                if (v.size() == 1 && v[0] >= '0' && v[0] <= '4') s.tate_chu_yoko = v[0] - '0';
                else bad_value(file, c["tate-chu-yoko"], "cjk.tate-chu-yoko must be a number of figures from 0 to 4");
            }
            if (c["hanging-punctuation"]) {
                std::string v = scalar(file, c["hanging-punctuation"], "cjk.hanging-punctuation");
                if (v == "none") s.hanging_punctuation = HangingPunctuation::none;
                else if (v == "vertical") s.hanging_punctuation = HangingPunctuation::vertical;
                else if (v == "allow-end") s.hanging_punctuation = HangingPunctuation::allow_end;
                else bad_value(file, c["hanging-punctuation"], "cjk.hanging-punctuation must be none, vertical or allow-end");
            }
        }
        if (YAML::Node c = root["contents"]) {
            if (c["depth"]) {
                std::string v = scalar(file, c["depth"], "contents.depth");
                if (v.size() == 1 && v[0] >= '0' && v[0] <= '6') s.contents_depth = v[0] - '0';
                else bad_value(file, c["depth"], "contents.depth must be a number of heading levels from 0 to 6");
            }
            if (c["numerals"]) {
                std::string v = scalar(file, c["numerals"], "contents.numerals");
                if (v == "arabic") s.contents_chinese_numerals = false;
                else if (v == "chinese") s.contents_chinese_numerals = true;
                else bad_value(file, c["numerals"], "contents.numerals must be arabic or chinese");
            }
        }
        if (YAML::Node p = root["pdf"]; p && p["standard"]) {
            std::string v = scalar(file, p["standard"], "pdf.standard");
            if (!support::is_pdf_standard(v))
                bad_value(file, p["standard"], "pdf.standard must be " + std::string(support::pdf_standards));
            s.pdf_standard = v == "none" ? std::string() : v;
        }
        if (YAML::Node sec = root["sections"]; sec && sec["break"]) {
            std::string v = scalar(file, sec["break"], "sections.break");
            if (v == "auto") s.section_break = SectionBreak::automatic;
            else if (v == "page") s.section_break = SectionBreak::page;
            else if (v == "column") s.section_break = SectionBreak::column;
            else if (v == "run-on") s.section_break = SectionBreak::run_on;
            else bad_value(file, sec["break"], "sections.break must be auto, page, column or run-on");
        }
        if (YAML::Node t = root["title-page"]; t && t["date-format"]) {
            std::string v = scalar(file, t["date-format"], "title-page.date-format");
            if (v == "auto") s.title_page_date = DateFormat::automatic;
            else if (v == "chinese") s.title_page_date = DateFormat::chinese;
            else if (v == "iso") s.title_page_date = DateFormat::iso;
            else bad_value(file, t["date-format"], "title-page.date-format must be auto, chinese or iso");
        }
        fs::path set_file;
        try {
            set_file = find_data_file("fonts", s.font_set, "font set");
        } catch (const Error& e) {
            // The style names it: the mistake is the style file's, at its fonts: line.
            YAML::Node f = root["fonts"];
            YAML::Node named = f && f.IsMap() && f["set"] ? f["set"] : f;
            throw Error(ErrorCode::input, e.what(), named ? pos_of(file, named.Mark()) : SourcePos{file.string(), 0, 0},
                        e.hints());
        }
        YAML::Node set = load_yaml(set_file);
        s.fonts = roles_from(set_file, set, language, s.warnings);
        if (overrides) {
            YAML::Node families = set["families"];
            if (overrides["body"]) s.fonts.body = face_from(file, overrides["body"], families, s.warnings);
            if (overrides["heading"]) s.fonts.heading = face_from(file, overrides["heading"], families, s.warnings);
            if (overrides["latin"]) s.fonts.latin = face_from(file, overrides["latin"], families, s.warnings);
        }
    } catch (const YAML::Exception& e) {
        throw Error(ErrorCode::input, "malformed style: " + e.msg, pos_of(file, e.mark));
    }
    return s;
}

const char* to_string(PunctuationStyle p) {
    switch (p) {
    case PunctuationStyle::full_width: return "full-width";
    case PunctuationStyle::kaiming: return "kaiming";
    case PunctuationStyle::half_width: return "half-width";
    }
    return "full-width";
}

const char* to_string(LineBreaking b) {
    switch (b) {
    case LineBreaking::none: return "none";
    case LineBreaking::basic: return "basic";
    case LineBreaking::gb: return "gb";
    case LineBreaking::strict: return "strict";
    }
    return "basic";
}

const char* to_string(ClreqLevel c) {
    switch (c) {
    case ClreqLevel::basic: return "basic";
    case ClreqLevel::standard: return "standard";
    case ClreqLevel::full: return "full";
    }
    return "full";
}

}  // namespace docexport::style
