#include "readers/html/urls.hpp"

#include "support/ascii.hpp"

#include <vector>

namespace docexport::readers {

namespace {

struct UrlParts {
    std::string scheme;
    bool has_authority = false;
    std::string authority;
    std::string path;
    bool has_query = false;
    std::string query;
    bool has_fragment = false;
    std::string fragment;
};

std::string clean(std::string_view s) {
    // Browsers strip leading/trailing C0 controls and spaces, and remove tabs and newlines anywhere.
    std::size_t b = 0, e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
    std::string out;
    out.reserve(e - b);
    for (std::size_t i = b; i < e; ++i)
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r') out += s[i];
    return out;
}

UrlParts split(std::string_view u) {
    UrlParts p;
    std::size_t i = 0;
    std::size_t colon = u.find(':');
    if (colon != std::string_view::npos && colon > 0) {
        bool ok = (u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z');
        for (std::size_t k = 1; k < colon && ok; ++k) {
            char c = u[k];
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
                 c == '.';
        }
        if (ok) {
            p.scheme = support::ascii_lower(u.substr(0, colon));
            i = colon + 1;
        }
    }
    if (u.compare(i, 2, "//") == 0) {
        p.has_authority = true;
        std::size_t end = u.find_first_of("/?#", i + 2);
        if (end == std::string_view::npos) end = u.size();
        p.authority = std::string(u.substr(i + 2, end - i - 2));
        i = end;
    }
    std::size_t end = u.find_first_of("?#", i);
    if (end == std::string_view::npos) end = u.size();
    p.path = std::string(u.substr(i, end - i));
    i = end;
    if (i < u.size() && u[i] == '?') {
        p.has_query = true;
        end = u.find('#', i);
        if (end == std::string_view::npos) end = u.size();
        p.query = std::string(u.substr(i + 1, end - i - 1));
        i = end;
    }
    if (i < u.size() && u[i] == '#') {
        p.has_fragment = true;
        p.fragment = std::string(u.substr(i + 1));
    }
    return p;
}

// RFC 3986 section 5.2.4, with a stack of segments (linear).
std::string remove_dot_segments(const std::string& path) {
    std::vector<std::string_view> out;
    bool absolute = !path.empty() && path[0] == '/';
    bool trailing = false;
    std::string_view rest(path);
    if (absolute) rest.remove_prefix(1);
    while (true) {
        std::size_t slash = rest.find('/');
        std::string_view seg = rest.substr(0, slash);
        bool last = slash == std::string_view::npos;
        if (seg == ".") {
            trailing = last;
        } else if (seg == "..") {
            if (!out.empty()) out.pop_back();
            trailing = last;
        } else {
            out.push_back(seg);
            trailing = false;
        }
        if (last) break;
        rest.remove_prefix(slash + 1);
    }
    std::string r = absolute ? "/" : "";
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (k) r += '/';
        r += out[k];
    }
    if (trailing && !r.empty() && r.back() != '/') r += '/';
    return r;
}

std::string join(const UrlParts& p) {
    std::string r;
    if (!p.scheme.empty()) r += p.scheme + ":";
    if (p.has_authority) r += "//" + p.authority;
    r += p.path;
    if (p.has_query) r += "?" + p.query;
    if (p.has_fragment) r += "#" + p.fragment;
    return r;
}

}  // namespace

std::string url_scheme(std::string_view url) { return split(clean(url)).scheme; }

std::string resolve_url(std::string_view base_text, std::string_view ref_text) {
    std::string ref_clean = clean(ref_text);
    UrlParts ref = split(ref_clean);
    UrlParts base = split(clean(base_text));
    if (!ref.scheme.empty() || base.scheme.empty()) {
        if (!ref.scheme.empty()) ref.path = ref.has_authority || ref.path.starts_with('/') ? remove_dot_segments(ref.path) : ref.path;
        return join(ref);
    }
    UrlParts t;
    t.scheme = base.scheme;
    if (ref.has_authority) {
        t.has_authority = true;
        t.authority = ref.authority;
        t.path = remove_dot_segments(ref.path);
        t.has_query = ref.has_query;
        t.query = ref.query;
    } else {
        t.has_authority = base.has_authority;
        t.authority = base.authority;
        if (ref.path.empty()) {
            t.path = base.path;
            t.has_query = ref.has_query ? true : base.has_query;
            t.query = ref.has_query ? ref.query : base.query;
        } else {
            if (ref.path[0] == '/') {
                t.path = remove_dot_segments(ref.path);
            } else {
                std::string merged;
                if (base.has_authority && base.path.empty()) merged = "/" + ref.path;
                else {
                    std::size_t slash = base.path.rfind('/');
                    merged = (slash == std::string::npos ? std::string() : base.path.substr(0, slash + 1)) + ref.path;
                }
                t.path = remove_dot_segments(merged);
            }
            t.has_query = ref.has_query;
            t.query = ref.query;
        }
    }
    t.has_fragment = ref.has_fragment;
    t.fragment = ref.fragment;
    return join(t);
}

bool safe_link(std::string_view url) {
    std::string s = url_scheme(url);
    return s.empty() || s == "http" || s == "https" || s == "mailto" || s == "ftp" || s == "news" || s == "tel";
}

}  // namespace docexport::readers
