// Readers: inputs (files or text in memory) into the document model.
#pragma once

#include <docexport/export.hpp>

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/options.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace docexport {

// Returns the format of an input from its name and first bytes (never InputFormat::detect).
DOCEXPORT_API InputFormat detect_format(std::string_view name, std::string_view content);

// Returns one section read from a plain-text article scraped from a web page.
// name is used in source positions; content must be the file's bytes (any invalid UTF-8 is reported).
DOCEXPORT_API Section read_text(std::string_view name, std::string_view content, const ReadOptions& options,
                  DiagnosticSink& sink);

// Returns one section read from Markdown (CommonMark + GFM tables, YAML front matter, {base|ruby}).
// Front matter keys title, subtitle, language, author(s), publisher fill *doc_meta when it is given.
DOCEXPORT_API Section read_markdown(std::string_view name, std::string_view content, const ReadOptions& options,
                      DiagnosticSink& sink, DocumentMeta* doc_meta = nullptr);

// Returns the document a manifest (YAML) describes: its metadata, its inputs in order, generated overviews.
// Relative input paths are resolved against the manifest's directory.
DOCEXPORT_API Document read_manifest(const std::string& path, const ReadOptions& options, DiagnosticSink& sink);

// Applies Taiwan's quotation marks to every text of doc (titles, inlines, table cells, captions, alt texts,
// metadata) when quotes is Quotes::tw, as ReadOptions::quotes does when reading: “” → 「」, ‘’ → 『』, a
// hyphen between Han characters → －. Text marked with a language other than Chinese and code are left alone.
DOCEXPORT_API void normalize_quotes(Document& doc, Quotes quotes);

// Returns one document with a section per input (a manifest contributes all of its sections).
// The path "-" reads standard input (at most once, else Error(usage)), named "<stdin>" in diagnostics; it and any
// other input that is not a regular file (a FIFO, /dev/stdin) are read once as streams, within
// options.max_input_bytes, their format from options.from, else from the content (and a stream's name). A
// manifest cannot come from a stream. Throws Error(input) for a missing, unreadable, empty or binary input.
DOCEXPORT_API Document read_inputs(const std::vector<std::string>& paths, const ReadOptions& options,
                     DiagnosticSink& sink);

}  // namespace docexport
