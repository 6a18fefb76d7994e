// Break opportunities: UAX #14 through ICU's line BreakIterator (locale zh), tailored with the W3C clreq
// line-start / line-end prohibitions of the chosen level. See docs/layout.md for the tailorings.
#pragma once

#include "layout/settings.hpp"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace docexport::layout {

// What may happen before a byte offset of a paragraph's text.
enum class BreakKind : std::uint8_t { none = 0, allowed = 1, mandatory = 2 };

// Which tailorings of UAX #14 apply.
struct BreakRules {
    Prohibition prohibition = Prohibition::basic;
    // A line may start with “‘ and end with ”’ when the other side is a wide (CJK) character: UAX #14 (15.0)
    // forbids any break next to quotation marks (class QU), which glues quoted Chinese to its neighbours.
    bool cjk_quotes = true;
};

// Returns true when c must not start a line at level (clreq 3.1.7).
bool never_starts_line(char32_t c, Prohibition level);
// Returns true for clreq's pause and stop marks (點號): 、。，．：；？！ and , . : ; ? ! (what may hang at a line end).
bool is_pause_or_stop_mark(char32_t c);
// Returns true when c must not end a line at level.
bool never_ends_line(char32_t c, Prohibition level);

// Finds break opportunities; holds one ICU iterator, reused for every paragraph (not thread-safe).
class LineBreaker {
public:
    explicit LineBreaker(BreakRules rules = {});
    ~LineBreaker();
    LineBreaker(const LineBreaker&) = delete;
    LineBreaker& operator=(const LineBreaker&) = delete;

    // Fills out with text.size() + 1 entries: the break kind before each byte offset (none inside a UTF-8
    // sequence; out[0] is none and out[text.size()] mandatory). Throws Error(internal) if ICU fails.
    void find_breaks(std::string_view text, std::vector<BreakKind>& out);
    // Returns the rules in use.
    const BreakRules& rules() const { return rules_; }

private:
    struct Impl;
    BreakRules rules_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace docexport::layout
