// The docexport command: read inputs into one document, then dump it or write EPUB/PDF.
#include "arguments.hpp"
#include "exit_codes.hpp"
#include "progress.hpp"

#include <docexport/docexport.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace {

using namespace docexport;

// Prints diagnostics to stderr as they come, filtered by --verbose / --quiet, and each only once: every writer
// reads the same document and style, so a problem of theirs (a missing image, an unknown style key, a font that
// is not installed) would otherwise be printed once per output format. A repeat is the same severity, position
// and message; the library's writers report what they find each time, since each may be called alone.
struct Printer {
    Printer(bool verbose_, bool quiet_) : verbose(verbose_), quiet(quiet_) {}
    bool verbose;
    bool quiet;
    mutable std::set<std::string> seen;  // severity, position and message of each diagnostic so far
    mutable std::size_t warnings = 0;    // warnings reported, repeats not counted
    cli::ProgressLine* progress = nullptr;  // erased before a diagnostic is printed
    void operator()(const Diagnostic& d) const {
        std::string key = std::to_string(static_cast<int>(d.severity)) + '\n' + to_string(d.pos) + '\n' + d.message;
        if (!seen.insert(std::move(key)).second) return;
        if (d.severity == Severity::warning) ++warnings;
        if (d.verbose_only && !verbose) return;
        if (quiet && d.severity != Severity::error) return;
        if (progress) progress->clear();
        std::cerr << format_diagnostic(d);
    }
};

// Returns the exit code of a run that made its outputs: 3 when --fail-on-warning is given and warnings were
// reported (said in a last error line, even with --quiet), else 0.
int exit_after_writing(const cli::Arguments& args, const Printer& printer) {
    if (!args.fail_on_warning || printer.warnings == 0) return cli::exit_ok;
    std::size_t n = printer.warnings;
    Diagnostic d;
    d.severity = Severity::error;
    d.message = std::to_string(n) + (n == 1 ? " warning was" : " warnings were") +
                " reported, and --fail-on-warning makes that a failure";
    d.hints.push_back("the outputs were written all the same; fix what the warnings say");
    if (args.quiet) d.hints.push_back("run without --quiet to see them");
    std::cerr << "docexport: " << format_diagnostic(d);
    return cli::exit_warnings;
}

// Returns options whose progress reports go to line, the writing stage named format ("PDF", "EPUB").
WriteOptions showing_progress(WriteOptions options, cli::ProgressLine& line, const char* format) {
    options.progress = line.callback(format);
    return options;
}

void print_error(const Error& e) {
    Diagnostic d = e.as_diagnostic();
    if (d.pos.file.empty()) std::cerr << "docexport: ";
    std::cerr << format_diagnostic(d);
}

// Returns the output path for a format: -o, else the manifest's name, else the first input's stem. A name not
// given with -o (which parse_arguments checked) is refused when it is one of the inputs.
std::filesystem::path output_path(const cli::Arguments& args, const Document& doc, const char* ext) {
    if (!args.output.empty()) return args.output;
    const std::string& named = std::string(ext) == ".pdf" ? doc.output_pdf : doc.output_epub;
    std::filesystem::path path =
        !named.empty() ? std::filesystem::path(named)
                       : std::filesystem::path(args.inputs.front()).filename().replace_extension(ext);
    cli::refuse_input_as_output(path, args.inputs);
    return path;
}

// Writes bytes to standard output (-o -); throws Error(output) with the system's message when that fails.
void write_stdout(std::string_view bytes) {
    std::cout.flush();
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout) != 0)
        throw Error(ErrorCode::output, std::string("cannot write standard output: ") + std::strerror(errno),
                    SourcePos{"<stdout>", 0, 0});
}

// Prints one style a line: name, paper and description in columns.
void print_styles(const std::vector<StyleInfo>& styles) {
    std::size_t name_width = 4, paper_width = 5;
    for (const StyleInfo& s : styles) {
        name_width = std::max(name_width, s.name.size());
        paper_width = std::max(paper_width, s.paper.size());
    }
    for (const StyleInfo& s : styles) {
        std::string line = s.name + std::string(name_width + 2 - s.name.size(), ' ') + s.paper;
        if (!s.description.empty()) line += std::string(paper_width + 2 - s.paper.size(), ' ') + s.description;
        std::cout << line << "\n";
    }
}

int run(int argc, char** argv) {
    cli::Arguments args = cli::parse_arguments(argc, argv);
    if (args.show_help) {
        std::cout << args.help_text
                  << "\nExit codes: 0 ok, 2 error (input, output, writer), 3 warnings with --fail-on-warning, 64 usage.\n"
                     "Diagnostics: file:line:col: warning|error: message, with hint: lines.\n";
        return cli::exit_ok;
    }
    if (args.show_version) {
        std::cout << "docexport " << docexport::version << "\n";
        for (const ComponentVersion& c : component_versions()) std::cout << c.name << " " << c.version << "\n";
        return cli::exit_ok;
    }
    if (args.list_styles) {
        Printer printer{args.verbose, args.quiet};
        DiagnosticSink sink(printer);
        print_styles(list_styles(sink));
        return cli::exit_ok;
    }
    Printer printer{args.verbose, args.quiet};
    DiagnosticSink sink(std::ref(printer));
    // Erased before anything else is printed, and when run ends, by an error too (its destructor).
    cli::ProgressLine progress(cli::ProgressLine::wanted(args.quiet));
    printer.progress = &progress;
    args.read.progress = progress.callback("");
    // What is written is read packed, each section unpacked by the writers in turn: a long book's model in a few
    // times less memory (10,000 bench articles: the EPUB's peak 119 MiB instead of 378, and the PDF's no longer
    // the model's). The dumps of the model show it as read.
    args.read.compact = !args.dump_model && !args.outline;
    Document doc = read_inputs(args.inputs, args.read, sink);
    // The style's quotation marks (text: quotes: tw) for what is written with it, unless --quotes said otherwise;
    // --dump-model and --outline show the model as read.
    if (!args.read.given.quotes && !args.dump_model && !args.outline) normalize_quotes(doc, style_quotes(doc, args.write));

    if (args.dump_model || args.outline || args.dump_layout) {
        std::string text;
        if (args.dump_layout) {
            text = dump_layout(doc, showing_progress(args.write, progress, ""), sink);
        } else {
            text = args.dump_model ? dump_model_json(doc) : dump_outline(doc);
        }
        progress.clear();
        if (args.output.empty() || args.output == "-")
            write_stdout(text);
        else
            write_file_atomically(args.output, text);
        return exit_after_writing(args, printer);
    }
    // The last writer is given the document: it frees each section's blocks once they are written.
    if (args.output == "-") {  // one format (parse_arguments made sure), not to a terminal
        std::ostringstream out;
        if (args.epub) write_epub(std::move(doc), out, showing_progress(args.write, progress, "EPUB"), sink);
        else write_pdf(std::move(doc), out, showing_progress(args.write, progress, "PDF"), sink);
        progress.clear();
        write_stdout(out.view());
        return exit_after_writing(args, printer);
    }
    const std::filesystem::path epub_path = args.epub ? output_path(args, doc, ".epub") : std::filesystem::path();
    const std::filesystem::path pdf_path = args.pdf ? output_path(args, doc, ".pdf") : std::filesystem::path();
    if (args.epub && args.pdf) write_epub(doc, epub_path, showing_progress(args.write, progress, "EPUB"), sink);
    else if (args.epub) write_epub(std::move(doc), epub_path, showing_progress(args.write, progress, "EPUB"), sink);
    if (args.pdf) write_pdf(std::move(doc), pdf_path, showing_progress(args.write, progress, "PDF"), sink);
    progress.clear();
    return exit_after_writing(args, printer);
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
