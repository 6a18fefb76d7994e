// Options for reading inputs.
#pragma once

#include <docexport/export.hpp>
#include <docexport/progress.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace docexport {

// Input formats the readers know; detect picks one from the extension and the content.
enum class InputFormat { detect, text, markdown, manifest, feed };

// Returns the format named by s ("text", "txt", "markdown", "md", "manifest", "feed", "rss", "atom",
// "jsonfeed"), or throws Error(usage).
DOCEXPORT_API InputFormat parse_input_format(const std::string& s);
// Returns the canonical name of a format.
DOCEXPORT_API const char* to_string(InputFormat f);

// What to do with `字(pinyin)` annotations scraped from web pages: drop them, set them as ruby (the pinyin, or
// zhuyin converted from it, over the character), or keep them as written.
enum class Annotations { drop, ruby, keep, zhuyin };

// Returns the mode named by s ("drop", "ruby", "keep", "zhuyin"), or throws Error(usage).
DOCEXPORT_API Annotations parse_annotations(const std::string& s);

// Quotation marks: as the source has them, or Taiwan's (“” → 「」, ‘’ → 『』, and a hyphen between Han
// characters, as in 濟南-青島, becomes the full-width －).
enum class Quotes { keep, tw };

// Returns the quotation style named by s ("keep", "tw"), or throws Error(usage).
DOCEXPORT_API Quotes parse_quotes(const std::string& s);

struct ReadOptions {
    InputFormat from = InputFormat::detect;  // format of every input, detect by default
    Annotations annotations = Annotations::drop;
    bool cjk_punctuation = true;     // turn half-width , : ; ! ? ( ) next to CJK into full-width
    Quotes quotes = Quotes::keep;    // normalise quotation marks (all text of the document, after reading)
    std::string language;            // BCP 47 override; empty = from the input or guessed
    std::string title;               // document title override
    std::string site_rules;          // path of a site rules file for the text reader (empty = none)
    bool keep_chrome = false;        // text reader: keep every line, drop nothing as site chrome
    bool strict = false;             // text reader: a dropped line that is not confidently chrome is an error
    std::string encoding;            // text and Markdown: force this encoding (empty = detect)
    std::size_t max_input_bytes = std::size_t{256} << 20;  // larger inputs are refused
    std::size_t max_entries = 0;              // feeds: entries kept per feed, newest first (0 = all)
    std::string since;                        // feeds: entries dated before this are left out ("" = all)
    std::size_t max_feed_entries = 100000;    // feeds: a feed with more entries is refused (error)
    bool lenient = false;                     // feeds: malformed XML is recovered (warning) instead of refused
    // Pack each section's blocks as soon as it is read (Section::packed_blocks, pack_blocks), a batch of them at a
    // time on several threads: the document is held in a few times less memory, and each writer unpacks one section
    // at a time. A document of one section is left as read (it is laid out whole anyway). What is written is the
    // same.
    bool compact = false;
    // Which options the caller gave explicitly (the command line marks what it was given): a manifest's
    // `options:` fill in only options that were neither given nor changed from their defaults, so that
    // `--annotations drop` wins over a manifest's `annotations: ruby`.
    struct Given {
        bool annotations = false, cjk_punctuation = false, site_rules = false, max_entries = false, since = false,
             keep_chrome = false, strict = false, lenient = false, quotes = false;
    } given;
    // Called with ProgressStage::reading: 0 of the inputs first, then after each input is read, a manifest's
    // inputs one by one (see docexport/progress.hpp); may be empty.
    ProgressCallback progress;
};

}  // namespace docexport
