// placeholder: being written
#include <docexport/readers.hpp>
namespace docexport {
Document read_manifest(const std::string& path, const ReadOptions&, DiagnosticSink&) {
    throw Error(ErrorCode::unsupported, "manifests are not read yet", SourcePos{path, 0, 0});
}
}  // namespace docexport
