// Reading one input file: limits, binary and empty checks, format detection, dispatch to its reader.
#pragma once

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/options.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace docexport::readers {

// The input path that means standard input, and the name its diagnostics and source positions give it.
inline constexpr const char* stdin_path = "-";
inline constexpr const char* stdin_name = "<stdin>";

// Throws Error(input) when bytes (of the input called name) are binary, or empty or blank unless allow_empty.
void check_input_bytes(const std::string& name, std::string_view bytes, bool allow_empty);

// Returns the bytes of the file at path. Throws Error(input) when it is missing, unreadable, a directory,
// larger than max_bytes, empty, or binary (with a hint to use --from).
std::string read_input_file(const std::string& path, std::size_t max_bytes, bool allow_empty = false);

// read_text for text already decoded to UTF-8 (decode_text_input): the caller can free the file's bytes first.
Section read_decoded_text(std::string_view name, std::string text, const ReadOptions& options, DiagnosticSink& sink);
// read_markdown for text already decoded to UTF-8, likewise.
Section read_decoded_markdown(std::string_view name, std::string text, const ReadOptions& options, DiagnosticSink& sink,
                              DocumentMeta* doc_meta);

// Returns the section read from the text or Markdown file at path, in format (detect = from name and content).
// Front matter that describes the publication fills *doc_meta when given.
Section read_section_file(const std::string& path, InputFormat format, const ReadOptions& options,
                          DiagnosticSink& sink, DocumentMeta* doc_meta);

// Returns the section read from bytes (text or Markdown, as format says; never detect), named name.
Section read_section_bytes(const std::string& name, std::string_view bytes, InputFormat format,
                           const ReadOptions& options, DiagnosticSink& sink, DocumentMeta* doc_meta);

// Packs the blocks of sections [from, end) (pack_blocks), on several threads, when there are at least batch of
// them and sections holds more than one; returns where the sections not yet packed start (from, or end). The
// readers of a document call it with pack_batch as they read (ReadOptions::compact), then with 1 at the end, so
// that the unpacked blocks of at most a batch of sections are held at a time.
inline constexpr std::size_t pack_batch = 32;
std::size_t pack_sections(std::vector<Section>& sections, std::size_t from, std::size_t batch = 1);

// Fills in what is still empty in doc.meta: title from the first section, language guessed from the text.
void complete_document_meta(Document& doc, const ReadOptions& options);

// Returns "zh-Hant" or "zh-Hans" for Chinese text (by characters that only one of them uses), "" otherwise.
std::string guess_language(const Document& doc);

}  // namespace docexport::readers
