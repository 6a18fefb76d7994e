#include "exit_codes.hpp"

namespace docexport::cli {

int exit_code_for(ErrorCode code) {
    switch (code) {
    case ErrorCode::usage: return exit_usage;
    case ErrorCode::input:
    case ErrorCode::output:
    case ErrorCode::internal: return exit_error;
    }
    return exit_error;
}

}  // namespace docexport::cli
