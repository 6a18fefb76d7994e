// Diagnostics (content problems, reported and survivable) and Error (fatal problems, thrown).
#pragma once

#include <docexport/export.hpp>

#include <docexport/model.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace docexport {

enum class Severity { note, warning, error };

// A content problem found while reading or writing, with where it is and how to fix it.
struct Diagnostic {
    Severity severity = Severity::warning;
    SourcePos pos;
    std::string message;             // lowercase, no trailing period
    std::vector<std::string> hints;  // each printed as "  hint: ..."
    bool verbose_only = false;       // shown only with --verbose (e.g. a dropped line of site chrome)
};

// Returns "file:line:col: warning: message" followed by "  hint: ..." lines, each ending in '\n'.
DOCEXPORT_API std::string format_diagnostic(const Diagnostic& d);

// Receives diagnostics. The default keeps them in a list; a callback can print them as they come.
class DOCEXPORT_API DiagnosticSink {
public:
    using Callback = std::function<void(const Diagnostic&)>;
    DiagnosticSink() = default;
    explicit DiagnosticSink(Callback callback) : callback_(std::move(callback)) {}

    // Records d (and passes it to the callback, if any).
    void report(Diagnostic d);
    // Shorthand for report with a severity, a position, a message and optional hints.
    void warn(SourcePos pos, std::string message, std::vector<std::string> hints = {});
    void error(SourcePos pos, std::string message, std::vector<std::string> hints = {});
    void note(SourcePos pos, std::string message, bool verbose_only = true);

    // Returns every diagnostic reported so far (empty when a callback consumes them).
    const std::vector<Diagnostic>& diagnostics() const { return kept_; }
    // Returns how many diagnostics of a severity were reported.
    std::size_t count(Severity s) const { return counts_[static_cast<int>(s)]; }

private:
    Callback callback_;
    std::vector<Diagnostic> kept_;
    std::size_t counts_[3] = {0, 0, 0};
};

// What kind of fatal problem an Error is; the command line maps these to exit codes in one place.
enum class ErrorCode {
    usage,        // bad options or arguments
    input,        // an input cannot be read or is not usable (missing, binary, empty, malformed manifest)
    output,       // an output cannot be written
    internal,     // a library failed unexpectedly
};

// A fatal problem: thrown, carries a code, a position (if any) and hints.
class DOCEXPORT_API Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string message, SourcePos pos = {}, std::vector<std::string> hints = {});
    ErrorCode code() const { return code_; }
    const SourcePos& pos() const { return pos_; }
    const std::vector<std::string>& hints() const { return hints_; }
    // Returns the error as a diagnostic, ready for format_diagnostic.
    Diagnostic as_diagnostic() const;

private:
    ErrorCode code_;
    SourcePos pos_;
    std::vector<std::string> hints_;
};

}  // namespace docexport
