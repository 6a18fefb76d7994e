// Percent-encoding of URIs (RFC 3986) for link targets in the PDF and the EPUB, and names made from them.
#pragma once

#include <string>
#include <string_view>

namespace docexport::support {

// Returns uri with every byte a URI may not hold as it is (non-ASCII bytes, controls, space, DEL and
// " < > \ ^ ` { | }) written as %XX in uppercase hex. Unreserved and reserved characters and '%' stay, so a URI
// that is already encoded comes back unchanged.
std::string percent_encode_uri(std::string_view uri);

// Returns a readable name for a link target (what a link holding only an image without text is called): a URL's
// host and path (example.com/docs/guide), else the target as it is.
std::string link_name(std::string_view target);

}  // namespace docexport::support
