// Reading input files into one document: one section per text or Markdown input, all sections of a manifest;
// standard input ("-") and other streams (FIFOs, character devices) read once, their format told by content.
#include "readers/inputs.hpp"
#include "readers/common/quotes.hpp"

#include "readers/common/charset.hpp"
#include "readers/feed/feed_reader.hpp"
#include "readers/common/utf8.hpp"
#include "support/files.hpp"
#include "support/parallel.hpp"

#include <docexport/readers.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace docexport {
namespace readers {

namespace {

// Returns true when path is read as a stream, once and never peeked at: standard input ("-") or an existing file
// that is neither regular nor a directory (a FIFO, a character device such as /dev/stdin on a pipe).
bool is_stream_input(const std::string& path) {
    if (path == stdin_path) return true;
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

// Returns all bytes of a stream input: standard input for "-", else the file at path opened for reading.
// Throws Error(input) as soon as more than max_bytes would be held, before they are stored, so that an endless
// stream costs at most the limit in memory.
std::string read_stream(const std::string& path, std::size_t max_bytes) {
    bool is_stdin = path == stdin_path;
    SourcePos where{is_stdin ? std::string(stdin_name) : path, 0, 0};
    int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::input, std::string("cannot open the file for reading: ") + std::strerror(errno), where,
                    {"check its permissions"});
    std::string bytes;
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
            int e = errno;
            if (!is_stdin) ::close(fd);
            if (n < 0)
                throw Error(ErrorCode::input,
                            std::string(is_stdin ? "cannot read standard input: " : "read error: ") + std::strerror(e),
                            where);
            if (n == 0) return bytes;
            throw Error(ErrorCode::input, "input is too large (the limit is " + std::to_string(max_bytes) + " bytes)",
                        where, {"split it into several inputs"});
        }
        bytes.append(buf, static_cast<std::size_t>(n));
    }
}

bool looks_binary(std::string_view bytes, std::string* hint) {
    // UTF-16 and UTF-32 text (by a BOM or by the pattern of its zero bytes) goes on to the decoder.
    if (std::string wide = sniff_unicode(bytes).encoding; !wide.empty() && wide != "UTF-8") return false;
    std::string_view head = bytes.substr(0, 8192);
    std::size_t nul = 0, control = 0;
    for (unsigned char c : head) {
        if (c == 0) ++nul;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
    }
    if (nul > 0 && nul * 4 >= head.size() / 2) {
        *hint = "its zero bytes do not fall like those of UTF-16 or UTF-32 text; is this the right file?";
        return true;
    }
    if (nul > 0 || control * 10 > head.size()) {
        *hint = "docexport reads text, Markdown and manifests; is this the right file?";
        return true;
    }
    return false;
}

}  // namespace

void check_input_bytes(const std::string& name, std::string_view bytes, bool allow_empty) {
    SourcePos where{name, 0, 0};
    std::string hint;
    if (looks_binary(bytes, &hint)) throw Error(ErrorCode::input, "binary file, not text", where, {hint});
    if (!allow_empty) {
        bool blank = true;
        for (unsigned char c : bytes)
            if (!std::isspace(c)) { blank = false; break; }
        if (blank) throw Error(ErrorCode::input, bytes.empty() ? "file is empty" : "file holds only white space", where,
                               {name == stdin_name ? "there is nothing to export; nothing came on standard input"
                                                   : "there is nothing to export; check that the file was saved"});
    }
}

std::string read_input_file(const std::string& path, std::size_t max_bytes, bool allow_empty) {
    std::string bytes = support::read_file(
        path, max_bytes, {"name the files inside it, e.g. " + path + "/*.md", "split it into several inputs"});
    check_input_bytes(path, bytes, allow_empty);
    return bytes;
}

Section read_section_file(const std::string& path, InputFormat format, const ReadOptions& options,
                          DiagnosticSink& sink, DocumentMeta* doc_meta) {
    std::string bytes = read_input_file(path, options.max_input_bytes);
    if (format == InputFormat::detect) format = detect_format(path, bytes);
    if (format == InputFormat::text || format == InputFormat::markdown) {
        // The file's bytes are not needed once decoded: one copy less of a file that may be hundreds of MB.
        std::string text = decode_text_input(path, bytes, options.encoding, sink);
        std::string().swap(bytes);
        if (format == InputFormat::markdown) return read_decoded_markdown(path, std::move(text), options, sink, doc_meta);
        return read_decoded_text(path, std::move(text), options, sink);
    }
    return read_section_bytes(path, bytes, format, options, sink, doc_meta);
}

Section read_section_bytes(const std::string& name, std::string_view bytes, InputFormat format,
                           const ReadOptions& options, DiagnosticSink& sink, DocumentMeta* doc_meta) {
    switch (format) {
    case InputFormat::markdown: return read_markdown(name, bytes, options, sink, doc_meta);
    case InputFormat::text: return read_text(name, bytes, options, sink);
    case InputFormat::manifest:
        throw Error(ErrorCode::input, "a manifest cannot be an input of a manifest", SourcePos{name, 0, 0},
                    {"list its inputs in the outer manifest instead"});
    case InputFormat::feed:
        throw Error(ErrorCode::input, "a feed makes several sections, not one", SourcePos{name, 0, 0},
                    {"name it on the command line, or as '- feed: path' in a manifest"});
    case InputFormat::detect: break;
    }
    throw Error(ErrorCode::internal, "no reader for the input format", SourcePos{name, 0, 0});
}

std::size_t pack_sections(std::vector<Section>& sections, std::size_t from, std::size_t batch) {
    // A lone section is laid out and written whole anyway: packed, it would only cost time.
    if (sections.size() < 2 || from >= sections.size() || sections.size() - from < batch) return from;
    std::size_t count = sections.size() - from;
    parallel_for(count, worker_count(count), [&](std::size_t, std::size_t i) { pack_blocks(sections[from + i]); });
    return sections.size();
}

void complete_document_meta(Document& doc, const ReadOptions& options) {
    if (!options.title.empty()) doc.meta.title = options.title;
    if (doc.meta.title.empty() && !doc.sections.empty()) doc.meta.title = plain_text(doc.sections.front().title);
    if (!options.language.empty()) doc.meta.language = options.language;
    if (doc.meta.language.empty()) doc.meta.language = guess_language(doc);
    if (doc.meta.date.empty() && doc.sections.size() == 1) doc.meta.date = doc.sections.front().meta.date;
    if (doc.meta.source.empty() && doc.sections.size() == 1) doc.meta.source = doc.sections.front().meta.source;
}

}  // namespace readers

void normalize_quotes(Document& doc, Quotes quotes) { readers::normalize_quotes(doc, quotes); }

Document read_inputs(const std::vector<std::string>& paths, const ReadOptions& options, DiagnosticSink& sink) {
    if (paths.empty()) throw Error(ErrorCode::usage, "no input files", {}, {"name at least one .txt, .md or manifest file"});
    if (!readers::trim(options.encoding).empty() && readers::converter_name(options.encoding).empty())
        throw Error(ErrorCode::usage, "unknown encoding '" + options.encoding + "' for --encoding", {},
                    {readers::encoding_names_hint()});
    if (std::count(paths.begin(), paths.end(), readers::stdin_path) > 1)
        throw Error(ErrorCode::usage, "standard input ('-') is named more than once", {},
                    {"it can be read only once; name '-' once"});
    Document doc;
    bool have_manifest = false;
    std::size_t done = 0;
    std::size_t total = paths.size();   // of the progress reports: a manifest counts as the inputs it lists
    std::vector<readers::PlacedFeed> feeds;  // put in place after all inputs are read (see insert_feeds)
    std::size_t packed = 0;                  // sections before this are packed (options.compact)
    if (options.progress) options.progress(Progress{ProgressStage::reading, 0, total});
    for (const std::string& path : paths) {
        InputFormat format = options.from;
        if (readers::is_stream_input(path)) {
            // Read once: a pipe cannot be peeked at and read again. The format comes from the content (and
            // from the name of a FIFO or device; standard input has none).
            bool is_stdin = path == readers::stdin_path;
            std::string name = is_stdin ? readers::stdin_name : path;
            std::string bytes = readers::read_stream(path, options.max_input_bytes);
            if (format == InputFormat::detect) format = detect_format(is_stdin ? std::string_view() : path, bytes);
            if (format == InputFormat::feed) {
                readers::PlacedFeed placed;
                placed.at = doc.sections.size();
                placed.feed = readers::read_feed(name, bytes, options, sink);
                feeds.push_back(std::move(placed));
            } else if (format == InputFormat::manifest) {
                throw Error(ErrorCode::input, "a manifest cannot be read from standard input or a pipe",
                            SourcePos{name, 0, 0},
                            {"name the manifest's file: the paths in it are relative to its directory"});
            } else {
                readers::check_input_bytes(name, bytes, false);
                doc.sections.push_back(readers::read_section_bytes(name, bytes, format, options, sink,
                                                                   paths.size() == 1 ? &doc.meta : nullptr));
            }
            ++done;
            if (options.progress) options.progress(Progress{ProgressStage::reading, done, total});
            continue;
        }
        if (format == InputFormat::detect) {
            // Only a peek is needed to tell a manifest from an article.
            std::string ext = std::filesystem::path(path).extension().string();
            if (ext == ".yaml" || ext == ".yml") format = InputFormat::manifest;
            else if (readers::is_feed_file(path)) format = InputFormat::feed;
        }
        if (format == InputFormat::feed) {
            std::string bytes = readers::read_feed_file(path, options);
            readers::PlacedFeed placed;
            placed.at = doc.sections.size();
            placed.feed = readers::read_feed(path, bytes, options, sink);
            feeds.push_back(std::move(placed));
        } else if (format == InputFormat::manifest) {
            ReadOptions listed = options;
            std::size_t units = 1;   // what the manifest counts for in total
            if (options.progress)
                listed.progress = [&](const Progress& p) {
                    total = total - units + std::max<std::size_t>(p.total, 1);
                    units = std::max<std::size_t>(p.total, 1);
                    options.progress(Progress{ProgressStage::reading, done + std::min(p.done, units - 1), total});
                };
            Document m = read_manifest(path, listed, sink);
            done += units - 1;   // and one more below
            if (!have_manifest) {
                doc.meta = std::move(m.meta);
                doc.style = std::move(m.style);
                doc.style_pos = std::move(m.style_pos);
                doc.output_pdf = std::move(m.output_pdf);
                doc.output_epub = std::move(m.output_epub);
                doc.pdf_standard = std::move(m.pdf_standard);
                doc.pdf_standard_pos = std::move(m.pdf_standard_pos);
                have_manifest = true;
            }
            for (Section& s : m.sections) doc.sections.push_back(std::move(s));
        } else {
            doc.sections.push_back(readers::read_section_file(path, format, options, sink, paths.size() == 1 ? &doc.meta : nullptr));
        }
        ++done;
        if (options.progress) options.progress(Progress{ProgressStage::reading, done, total});
        if (options.compact) packed = readers::pack_sections(doc.sections, packed, readers::pack_batch);
    }
    if (options.compact) readers::pack_sections(doc.sections, packed);
    if (!feeds.empty()) readers::insert_feeds(doc, std::move(feeds), paths.size(), options, sink);
    readers::complete_document_meta(doc, options);
    readers::normalize_quotes(doc, options.quotes);
    return doc;
}

}  // namespace docexport
