// The docexport command: read inputs into one document, then dump it or write EPUB/PDF.
#include "arguments.hpp"
#include "exit_codes.hpp"

#include <docexport/docexport.hpp>

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace {

using namespace docexport;

// Prints diagnostics to stderr as they come, filtered by --verbose / --quiet.
struct Printer {
    bool verbose = false;
    bool quiet = false;
    void operator()(const Diagnostic& d) const {
        if (d.verbose_only && !verbose) return;
        if (quiet && d.severity != Severity::error) return;
        std::cerr << format_diagnostic(d);
    }
};

void print_error(const Error& e) {
    Diagnostic d = e.as_diagnostic();
    if (d.pos.file.empty()) std::cerr << "docexport: ";
    std::cerr << format_diagnostic(d);
}

// Returns the output path for a format: -o, else the manifest's name, else the first input's stem.
std::filesystem::path output_path(const cli::Arguments& args, const Document& doc, const char* ext) {
    if (!args.output.empty()) return args.output;
    const std::string& named = std::string(ext) == ".pdf" ? doc.output_pdf : doc.output_epub;
    if (!named.empty()) return named;
    return std::filesystem::path(args.inputs.front()).filename().replace_extension(ext);
}

int run(int argc, char** argv) {
    cli::Arguments args = cli::parse_arguments(argc, argv);
    if (args.show_help) {
        std::cout << args.help_text
                  << "\nExit codes: 0 ok, 2 error (input, output, writer), 64 usage.\n"
                     "Diagnostics: file:line:col: warning|error: message, with hint: lines.\n";
        return cli::exit_ok;
    }
    if (args.show_version) {
        std::cout << "docexport " << docexport::version << "\n";
        return cli::exit_ok;
    }
    Printer printer{args.verbose, args.quiet};
    DiagnosticSink sink(printer);
    bool show_progress = !args.quiet && args.inputs.size() > 1 && ::isatty(STDERR_FILENO);
    if (show_progress) {
        args.read.progress = [](std::size_t done, std::size_t total) {
            std::cerr << "\rreading " << done << "/" << total << (done == total ? "\r\033[K" : "") << std::flush;
        };
    }
    Document doc = read_inputs(args.inputs, args.read, sink);

    if (args.dump_model || args.outline || args.dump_layout) {
        std::string text;
        if (args.dump_layout) {
            text = dump_layout(doc, args.write, sink);
        } else {
            text = args.dump_model ? dump_model_json(doc) : dump_outline(doc);
        }
        if (args.output.empty() || args.output == "-")
            std::cout << text;
        else
            write_file_atomically(args.output, text);
        return cli::exit_ok;
    }
    if (args.epub) write_epub(doc, output_path(args, doc, ".epub"), args.write, sink);
    if (args.pdf) write_pdf(doc, output_path(args, doc, ".pdf"), args.write, sink);
    return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const docexport::Error& e) {
        print_error(e);
        return docexport::cli::exit_code_for(e.code());
    } catch (const std::bad_alloc&) {
        std::cerr << "docexport: error: out of memory\n";
        return docexport::cli::exit_error;
    } catch (const std::exception& e) {
        std::cerr << "docexport: error: internal error: " << e.what()
                  << "\n  hint: this is a bug in docexport; please report it with the input that caused it\n";
        return docexport::cli::exit_error;
    }
}
