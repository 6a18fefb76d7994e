#include <docexport/diagnostics.hpp>

namespace docexport {

static const char* severity_name(Severity s) {
    switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "error";
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string s;
    if (!d.pos.file.empty() || d.pos.line > 0) {
        s += to_string(d.pos);
        s += ": ";
    }
    s += severity_name(d.severity);
    s += ": ";
    s += d.message;
    s += '\n';
    for (const std::string& h : d.hints) {
        s += "  hint: ";
        s += h;
        s += '\n';
    }
    return s;
}

void DiagnosticSink::report(Diagnostic d) {
    ++counts_[static_cast<int>(d.severity)];
    if (callback_)
        callback_(d);
    else
        kept_.push_back(std::move(d));
}

void DiagnosticSink::warn(SourcePos pos, std::string message, std::vector<std::string> hints) {
    report(Diagnostic{Severity::warning, std::move(pos), std::move(message), std::move(hints), false});
}

void DiagnosticSink::error(SourcePos pos, std::string message, std::vector<std::string> hints) {
    report(Diagnostic{Severity::error, std::move(pos), std::move(message), std::move(hints), false});
}

void DiagnosticSink::note(SourcePos pos, std::string message, bool verbose_only) {
    report(Diagnostic{Severity::note, std::move(pos), std::move(message), {}, verbose_only});
}

Error::Error(ErrorCode code, std::string message, SourcePos pos, std::vector<std::string> hints)
    : std::runtime_error(std::move(message)), code_(code), pos_(std::move(pos)), hints_(std::move(hints)) {}

Diagnostic Error::as_diagnostic() const {
    return Diagnostic{Severity::error, pos_, what(), hints_, false};
}

}  // namespace docexport
