// The command line's options, parsed with CLI11.
#pragma once

#include <docexport/options.hpp>
#include <docexport/writers.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace docexport::cli {

// Everything the command line asks for.
struct Arguments {
    bool pdf = false;
    bool epub = false;
    bool dump_model = false;
    bool outline = false;
    bool dump_layout = false;
    std::string output;
    std::vector<std::string> inputs;
    ReadOptions read;
    WriteOptions write;
    bool verbose = false;
    bool quiet = false;
    bool fail_on_warning = false;  // any warning makes the exit code 3
    bool show_version = false;
    bool show_help = false;
    bool list_styles = false;
    std::string help_text;
};

// Returns the parsed arguments. Throws Error(usage) with a hint for anything wrong.
Arguments parse_arguments(int argc, char** argv);

// Throws Error(usage) when output is an existing file that is also one of inputs (std::filesystem::equivalent:
// the same file through any link), so that no run replaces its own input. Character devices are let through.
void refuse_input_as_output(const std::filesystem::path& output, const std::vector<std::string>& inputs);

}  // namespace docexport::cli
