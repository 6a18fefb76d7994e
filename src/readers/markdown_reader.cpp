// placeholder: being written
#include <docexport/readers.hpp>
namespace docexport {
Section read_markdown(std::string_view name, std::string_view, const ReadOptions&, DiagnosticSink&, DocumentMeta*) {
    throw Error(ErrorCode::unsupported, "the Markdown reader is not written yet", SourcePos{std::string(name), 0, 0});
}
}  // namespace docexport
