// The command line's exit codes, in one place (documented in docs/cli.md).
#pragma once

#include <docexport/diagnostics.hpp>

namespace docexport::cli {

enum ExitCode : int {
    exit_ok = 0,        // everything written (warnings may have been printed)
    exit_error = 2,     // an input, output or library error: nothing was written for the failing output
    exit_warnings = 3,  // --fail-on-warning, and warnings were reported: the outputs were written all the same
    exit_usage = 64,    // bad options or arguments (EX_USAGE)
};

// Returns the exit code for a fatal error of a given kind.
int exit_code_for(ErrorCode code);

}  // namespace docexport::cli
