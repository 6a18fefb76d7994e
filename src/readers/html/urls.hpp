// URLs in feeds: resolving relative references (RFC 3986) and telling which links are safe to keep.
#pragma once

#include <string>
#include <string_view>

namespace docexport::readers {

// Returns ref resolved against base (RFC 3986 section 5.2); ref as written when base is empty or not absolute.
std::string resolve_url(std::string_view base, std::string_view ref);

// Returns the scheme of url in lowercase ("" for a relative reference).
std::string url_scheme(std::string_view url);

// Returns true for links a reader may keep: http, https, mailto, ftp, news, tel and relative references.
// javascript:, vbscript:, data:, file: and unknown schemes are not kept.
bool safe_link(std::string_view url);

}  // namespace docexport::readers
