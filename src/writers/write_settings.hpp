// The write options settled once for every writer: metadata overrides, the style, SOURCE_DATE_EPOCH.
#pragma once

#include "style/style.hpp"

#include <docexport/model.hpp>
#include <docexport/writers.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace docexport::writers {

// What a writer needs from WriteOptions, checked.
struct WriteSettings {
    DocumentMeta meta;   // the document's metadata with the options' identifier, publisher, date and authors
    style::Style style;  // the options' style, else the document's, else the default, for meta.language
    std::optional<std::int64_t> source_date_epoch;  // $SOURCE_DATE_EPOCH in seconds, when it is set
};

// Returns the settled options for doc. Throws Error(usage) when the date override is not a calendar date
// (YYYY-MM-DD) or $SOURCE_DATE_EPOCH is not a number of seconds, the same for every writer.
WriteSettings settle_write_options(const Document& doc, const WriteOptions& options);

// Returns $SOURCE_DATE_EPOCH, or nothing when it is unset or empty. Throws Error(usage) when it is not a
// number of seconds from 1970 to 9999-12-31.
std::optional<std::int64_t> source_date_epoch_from_environment();

// Returns whether s is a calendar date written YYYY-MM-DD (2021-02-29 is not).
bool is_calendar_date(std::string_view s);

}  // namespace docexport::writers
