// Font roles and their per-character fallback chains: role font → Latin font → fallback fonts (Ext-B).
#pragma once

#include "layout/settings.hpp"

#include "fonts/font.hpp"

#include <docexport/diagnostics.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace docexport::layout {

// What a piece of text is set in.
enum class Role : std::uint8_t { body, strong, emphasis, heading, mono };
inline constexpr std::size_t role_count = 5;

// Opens fonts lazily into a Layout's font list and answers "which font draws c in this role". Thread-safe:
// layout workers share one FontChains (lookups of known characters take no lock).
class FontChains {
public:
    // store is Layout::fonts; fonts are appended to it as they are first needed.
    FontChains(const LayoutSettings& settings, std::vector<std::unique_ptr<fonts::Font>>& store, DiagnosticSink& sink);

    // Returns the index in the store of the first font of role's chain that has c, or -1 when none has it.
    int font_for(Role role, char32_t c);
    // Returns the index of role's own font (opened on first use). Throws Error(input) when no font of the
    // role or the body can be opened.
    std::size_t primary(Role role);
    // Returns the font at index of the store.
    const fonts::Font& font(std::size_t index) const { return *store_[index]; }
    // Returns the hint for a character no font has (names missing fallback fonts and their packages).
    std::vector<std::string> missing_glyph_hints() const;
    // Reports the families found unavailable since the last call, in alphabetical order (deterministic
    // whichever thread opened them first).
    void report_unavailable();

private:
    struct Chain {
        std::vector<FontSpec> specs;      // in fallback order
        std::vector<int> indexes;         // store index per spec; -2 = not opened yet, -1 = unavailable
        // Per BMP code point: 0 unknown, 0xFF none, else chain position + 1 (written under the lock, after the
        // position's index; read without it).
        std::unique_ptr<std::atomic<std::uint8_t>[]> bmp;
        std::unordered_map<char32_t, std::uint8_t> astral;
    };
    // These three run under mutex_.
    std::size_t primary_locked(Role role);
    int open_spec(Chain& chain, std::size_t position);
    std::uint8_t lookup(Chain& chain, char32_t c);

    const LayoutSettings& settings_;
    std::vector<std::unique_ptr<fonts::Font>>& store_;
    DiagnosticSink& sink_;
    std::array<Chain, role_count> chains_;
    std::unordered_map<std::string, int> opened_;   // "family\nweight" → store index (-1 = unavailable)
    std::vector<std::string> unavailable_;          // fallback families that are not installed
    std::vector<Diagnostic> pending_;               // unavailable-family warnings not reported yet
    mutable std::mutex mutex_;                      // guards opening fonts, indexes, astral and the store's growth
};

}  // namespace docexport::layout
