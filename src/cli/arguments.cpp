#include "arguments.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <filesystem>
#include <system_error>
#include <unistd.h>
#include <charconv>

namespace docexport::cli {

namespace {

// Returns true for a plausible BCP 47 tag: letters, digits and hyphens, starting with a 2-3 letter language.
bool plausible_language_tag(const std::string& tag) {
    std::size_t i = 0;
    while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
    if (i < 2 || i > 3) return false;
    for (; i < tag.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(tag[i]);
        if (!std::isalnum(c) && c != '-') return false;
    }
    return tag.back() != '-';
}

// Returns the whole number text gives for option: digits only, no sign; throws Error(usage) for anything else
// and for a number too large to count with, with hint as the example of a good value.
std::size_t whole_number(const std::string& option, const std::string& text, const std::string& hint) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    bool digits = !text.empty() && end == text.data() + text.size();
    if (digits && ec == std::errc::result_out_of_range)
        throw Error(ErrorCode::usage, option + " " + text + " is too large", {}, {hint});
    if (!digits || ec != std::errc())
        throw Error(ErrorCode::usage, option + " takes a whole number, 0 or more, not '" + text + "'", {}, {hint});
    return n;
}

std::string lowercase_first(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

}  // namespace

Arguments parse_arguments(int argc, char** argv) {
    Arguments a;
    CLI::App app{"docexport: article feeds, plain text and Markdown into EPUB 3 and PDF, for Chinese-language publishers",
                 "docexport"};
    app.set_help_flag();  // our own --help, so that it exits 0 through the same path
    app.add_flag("-h,--help", a.show_help, "Print this help and exit");
    app.add_flag("--version", a.show_version, "Print the version and those of the libraries used, and exit");
    app.add_flag("--list-styles", a.list_styles, "Print the styles --style takes, with paper size and description, and exit");
    app.add_flag("--pdf", a.pdf, "Write a PDF");
    app.add_flag("--epub", a.epub, "Write an EPUB 3");
    app.add_flag("--dump-model", a.dump_model, "Print the document model as versioned JSON");
    app.add_flag("--outline", a.outline, "Print an outline of the document model");
    app.add_flag("--dump-layout", a.dump_layout, "Print the laid-out pages (page, line, x, y, text) for golden tests");
    app.add_option("-o,--output", a.output,
                   "Output file, - for standard output (default: from the manifest, else the first input's name)");
    app.add_option("--style", a.write.style, "Style from styles/ (default: brief)");
    app.add_option("--paper", a.write.paper, "PDF: page size, overriding the style's: A4, A5, B5, letter, ... or WxH with a unit (148x210mm, 6x9in)");
    app.add_option("--font-size", a.write.font_size, "Body text size in points, overriding the style's (EPUB: relative to 12pt = 100%)");
    app.add_option("--margins", a.write.margins, "PDF: margins, overriding the style's: one length (20mm) or top,right,bottom,left");
    app.add_option("--toc-depth", a.write.toc_depth, "Heading levels in the PDF's contents and the EPUB's navigation, 0-6 (0: none)")
        ->check(CLI::Range(0, 6));
    app.add_option("--pdf-standard", a.write.pdf_standard,
                   "PDF: also meet PDF/UA-1 (ua-1), PDF/A-2u (a-2u) or both (a-2u+ua-1), or none; every PDF is tagged "
                   "(default: the manifest's, else the style's, else none)")
        ->check(CLI::IsMember({"none", "ua-1", "a-2u", "a-2u+ua-1"}));
    bool no_embed = false;
    app.add_flag("--vertical", a.write.vertical, "Vertical writing: columns and pages right to left (EPUB and PDF)");
    app.add_flag("--no-embed-fonts", no_embed, "EPUB: embed no font subsets (readers use their own fonts)");
    app.add_option("--cover", a.write.cover,
                   "Cover image (EPUB: JPEG, PNG, GIF or SVG; PDF: JPEG or PNG, on a first page of its own), or "
                   "'generated' for the generated cover; default: the manifest's, else the EPUB's is generated");
    app.add_option("--identifier", a.write.identifier, "Publication identifier (default: the manifest's, else derived from the content)");
    app.add_option("--publisher", a.write.publisher, "Publisher");
    app.add_option("--author", a.write.authors, "Author (repeatable)")->allow_extra_args(false);  // one value each time
    app.add_option("--date", a.write.date, "Publication date, YYYY-MM-DD");
    std::string from, annotations;
    app.add_option("--from", from, "Input format for every input: text, markdown, manifest or feed (default: detect)");
    std::string max_entries;
    app.add_option("--max-entries", max_entries, "Feeds: keep at most N entries per feed, newest first");
    app.add_option("--since", a.read.since, "Feeds: leave out entries dated before DATE (2021-02-20 or RFC 3339)");
    app.add_option("--lang", a.read.language, "Document language as a BCP 47 tag, e.g. zh-Hant-TW");
    app.add_option("--title", a.read.title, "Document title");
    app.add_option("--annotations", annotations,
                   "What to do with scraped 字(pinyin) annotations: drop (default), ruby, zhuyin (ruby in bopomofo) or keep");
    std::string quotes;
    app.add_option("--quotes", quotes,
                   "Quotation marks: keep (default) or tw (“” → 「」, ‘’ → 『』, a hyphen between Han characters → －)");
    bool no_punct = false;
    app.add_flag("--no-cjk-punctuation", no_punct, "Leave half-width , : ; ! ? ( ) next to Chinese text as they are");
    app.add_option("--site-rules", a.read.site_rules, "YAML file of extra site rules for the text reader");
    app.add_flag("--keep-chrome", a.read.keep_chrome, "Text reader: keep every line, drop nothing as site chrome");
    app.add_flag("--strict", a.read.strict,
                 "Text reader: a dropped line that is not confidently site chrome is an error (exit 2)");
    app.add_flag("--lenient", a.read.lenient,
                 "Feeds: read what malformed XML holds (libxml2's recovery) with a warning, instead of an error");
    app.add_option("--encoding", a.read.encoding,
                   "Encoding of text and Markdown inputs, e.g. GB18030, Big5-HKSCS, Shift_JIS (default: detect)");
    app.add_flag("-v,--verbose", a.verbose, "Also report each dropped line and other notes");
    app.add_flag("-q,--quiet", a.quiet, "Report errors only");
    app.add_flag("--fail-on-warning", a.fail_on_warning,
                 "Exit with code 3 when any warning was reported (the outputs are written all the same)");
    app.add_option("inputs", a.inputs,
                   "Input files: .txt, .md, feeds (.rss, .atom, .xml, .json) or a manifest (.yaml); - reads standard input");
    a.help_text = app.help();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        throw Error(ErrorCode::usage, lowercase_first(e.what()), {}, {"see docexport --help"});
    }
    if (a.show_help || a.show_version || a.list_styles) return a;
    if (!from.empty()) a.read.from = parse_input_format(from);
    if (!annotations.empty()) a.read.annotations = parse_annotations(annotations);
    if (!quotes.empty()) a.read.quotes = parse_quotes(quotes);
    a.read.given.quotes = app.count("--quotes") > 0;
    a.read.cjk_punctuation = !no_punct;
    if (app.count("--max-entries") > 0)
        a.read.max_entries = whole_number("--max-entries", max_entries,
                                          "e.g. --max-entries 20 keeps the newest 20 entries of each feed; 0 keeps them all");
    a.read.given.annotations = app.count("--annotations") > 0;
    a.read.given.cjk_punctuation = app.count("--no-cjk-punctuation") > 0;
    a.read.given.site_rules = app.count("--site-rules") > 0;
    a.read.given.max_entries = app.count("--max-entries") > 0;
    a.read.given.since = app.count("--since") > 0;
    a.read.given.keep_chrome = app.count("--keep-chrome") > 0;
    a.read.given.strict = app.count("--strict") > 0;
    a.read.given.lenient = app.count("--lenient") > 0;
    a.write.embed_fonts = !no_embed;
    if (!a.read.language.empty() && !plausible_language_tag(a.read.language))
        throw Error(ErrorCode::usage, "'" + a.read.language + "' is not a BCP 47 language tag", {},
                    {"for example zh-Hant-TW, zh-Hans-CN or en"});
    if (a.verbose && a.quiet) throw Error(ErrorCode::usage, "--verbose and --quiet contradict each other", {}, {"pick one"});
    int modes = (a.pdf || a.epub ? 1 : 0) + (a.dump_model ? 1 : 0) + (a.outline ? 1 : 0) + (a.dump_layout ? 1 : 0);
    if (modes == 0)
        throw Error(ErrorCode::usage, "nothing to do", {}, {"pass --pdf, --epub, --dump-model, --dump-layout or --outline"});
    if (modes > 1)
        throw Error(ErrorCode::usage, "--dump-model, --dump-layout and --outline cannot be combined with other outputs", {},
                    {"run docexport once per output"});
    if (a.pdf && a.epub && a.output == "-")
        throw Error(ErrorCode::usage, "-o - writes one format to standard output, but both --pdf and --epub were asked for",
                    {}, {"run docexport once per format"});
    if (a.pdf && a.epub && !a.output.empty())
        throw Error(ErrorCode::usage, "-o names one file, but both --pdf and --epub were asked for", {},
                    {"run docexport once per format, or leave -o out to use the manifest's names"});
    if (a.inputs.empty()) throw Error(ErrorCode::usage, "no input files", {}, {"name at least one .txt, .md or manifest file"});
    bool binary = a.pdf || a.epub;
    if (binary && a.output == "-" && ::isatty(STDOUT_FILENO))
        throw Error(ErrorCode::usage, std::string("will not write ") + (a.pdf ? "a PDF" : "an EPUB") + " to a terminal", {},
                    {"redirect standard output to a file or a pipe (-o - > out" + std::string(a.pdf ? ".pdf" : ".epub") +
                         "), or name the output file with -o FILE"});
    if (binary && a.output.empty() && a.inputs.front() == "-")
        throw Error(ErrorCode::usage, "the first input is standard input, which gives the output no name", {},
                    {"name the output with -o FILE, or write it to standard output with -o -"});
    if (!a.output.empty() && a.output != "-") refuse_input_as_output(a.output, a.inputs);
    return a;
}

void refuse_input_as_output(const std::filesystem::path& output, const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::file_status status = fs::status(output, ec);  // through links
    // A new file is no input; a character device (a terminal, /dev/null) is written in place, not replaced.
    if (ec || !fs::exists(status) || fs::is_character_file(status)) return;
    for (const std::string& input : inputs) {
        if (input == "-" || !fs::equivalent(output, input, ec) || ec) continue;
        throw Error(ErrorCode::usage,
                    input == output.string() ? "the output is also an input" : "the output is also an input, as " + input,
                    SourcePos{output.string(), 0, 0},
                    {"name another output with -o: writing this one would replace the input"});
    }
}

}  // namespace docexport::cli
