#include "support/files.hpp"

#include "support/ascii.hpp"

#include <docexport/diagnostics.hpp>

#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

namespace docexport::support {

namespace {

std::vector<std::string> hint_list(const std::string& hint) {
    if (hint.empty()) return {};
    return {hint};
}

}  // namespace

std::string read_file(const std::string& path, std::size_t max_bytes, const ReadFileHints& hints) {
    namespace fs = std::filesystem;
    SourcePos where{path, 0, 0};
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(ErrorCode::input, "no such file", where, {"check the path; inputs are relative to the current directory"});
    if (fs::is_directory(status)) throw Error(ErrorCode::input, "is a directory, not a file", where, hint_list(hints.directory));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::input, "cannot open the file for reading", where, {"check its permissions"});
    auto size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
    if (!ec && size > max_bytes)
        throw Error(ErrorCode::input,
                    "file is too large (" + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes) + ")",
                    where, hint_list(hints.too_large));
    std::string bytes;
    if (!ec) bytes.reserve(size + 1);   // a regular file's size: no doubling (a file may be hundreds of MB)
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        bytes.append(buf, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_bytes)
            throw Error(ErrorCode::input, "input is too large (the limit is " + std::to_string(max_bytes) + " bytes)", where,
                        hint_list(hints.too_large));
    }
    if (in.bad()) throw Error(ErrorCode::input, "read error", where);
    return bytes;
}

std::string lower_extension(std::string_view name) {
    auto slash = name.find_last_of('/');
    auto dot = name.find_last_of('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
    return ascii_lower(name.substr(dot + 1));
}

}  // namespace docexport::support
