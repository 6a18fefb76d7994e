// placeholder: being written
#include <docexport/readers.hpp>
namespace docexport {
Section read_text(std::string_view name, std::string_view, const ReadOptions&, DiagnosticSink&) {
    throw Error(ErrorCode::unsupported, "the text reader is not written yet", SourcePos{std::string(name), 0, 0});
}
}  // namespace docexport
