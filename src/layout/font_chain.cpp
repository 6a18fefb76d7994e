#include "layout/font_chain.hpp"

#include <algorithm>

namespace docexport::layout {

FontChains::FontChains(const LayoutSettings& settings, std::vector<std::unique_ptr<fonts::Font>>& store,
                       DiagnosticSink& sink)
    : settings_(settings), store_(store), sink_(sink) {
    std::size_t specs = 0;
    const FontSpec* role_specs[role_count] = {&settings.body, &settings.strong, &settings.emphasis, &settings.heading,
                                              &settings.mono};
    for (std::size_t r = 0; r < role_count; ++r) {
        Chain& chain = chains_[r];
        chain.specs.push_back(*role_specs[r]);
        // Every role falls back to the body font before the Latin and rare-character fonts.
        if (r != 0) chain.specs.push_back(settings.body);
        if (!settings.latin.family.empty()) chain.specs.push_back(settings.latin);
        for (const auto& f : settings.fallback) chain.specs.push_back(f);
        chain.indexes.assign(chain.specs.size(), -2);
        chain.bmp.reset(new std::atomic<std::uint8_t>[0x10000]());
        specs += chain.specs.size();
    }
    // The store never reallocates while workers read it: at most one font per spec is ever added.
    store_.reserve(store_.size() + specs);
}

int FontChains::open_spec(Chain& chain, std::size_t position) {
    int& index = chain.indexes[position];
    if (index != -2) return index;
    const FontSpec& spec = chain.specs[position];
    std::string key = spec.family + '\n' + std::to_string(spec.weight);
    auto it = opened_.find(key);
    if (it != opened_.end()) return index = it->second;
    try {
        fonts::Font f = fonts::Font::find(spec.family, spec.weight, settings_.font_lang);
        // The same face may be reached under two names (a weight fontconfig does not have): share it.
        for (std::size_t k = 0; k < store_.size(); ++k)
            if (store_[k]->location().path == f.location().path && store_[k]->location().index == f.location().index) {
                index = static_cast<int>(k);
                opened_.emplace(key, index);
                return index;
            }
        store_.push_back(std::make_unique<fonts::Font>(std::move(f)));
        index = static_cast<int>(store_.size() - 1);
    } catch (const Error& e) {
        if (position == 0 && &chain == &chains_[0]) throw;   // no body font: nothing can be set
        index = -1;
        if (position > 0) unavailable_.push_back(spec.family);
        // Reported by report_unavailable(): threads open fonts in no fixed order.
        Diagnostic d;
        d.severity = Severity::warning;
        d.message = "font family '" + spec.family + "' is not available; characters fall back to the next font";
        d.hints = e.hints();
        pending_.push_back(std::move(d));
    }
    opened_.emplace(key, index);
    return index;
}

std::uint8_t FontChains::lookup(Chain& chain, char32_t c) {
    for (std::size_t p = 0; p < chain.specs.size(); ++p) {
        int index = open_spec(chain, p);
        if (index >= 0 && store_[static_cast<std::size_t>(index)]->has_char(c)) return static_cast<std::uint8_t>(p + 1);
        // Later fonts are opened only when an earlier one lacks a character.
    }
    return 0xFF;
}

int FontChains::font_for(Role role, char32_t c) {
    Chain& chain = chains_[static_cast<std::size_t>(role)];
    std::uint8_t found = 0;
    if (c < 0x10000) {
        found = chain.bmp[c].load(std::memory_order_acquire);
        if (found == 0) {
            std::lock_guard lock(mutex_);
            found = lookup(chain, c);
            chain.bmp[c].store(found, std::memory_order_release);
        }
        if (found == 0xFF) return -1;
        return chain.indexes[found - 1u];   // written before bmp[c], never changed afterwards
    }
    std::lock_guard lock(mutex_);
    auto it = chain.astral.find(c);
    if (it != chain.astral.end()) {
        found = it->second;
    } else {
        found = lookup(chain, c);
        chain.astral.emplace(c, found);
    }
    if (found == 0xFF) return -1;
    return chain.indexes[found - 1u];
}

std::size_t FontChains::primary(Role role) {
    std::lock_guard lock(mutex_);
    return primary_locked(role);
}

std::size_t FontChains::primary_locked(Role role) {
    Chain& chain = chains_[static_cast<std::size_t>(role)];
    for (std::size_t p = 0; p < chain.specs.size(); ++p) {
        int index = open_spec(chain, p);
        if (index >= 0) return static_cast<std::size_t>(index);
    }
    return primary_locked(Role::body);
}

void FontChains::report_unavailable() {
    std::vector<Diagnostic> pending;
    {
        std::lock_guard lock(mutex_);
        pending.swap(pending_);
    }
    std::sort(pending.begin(), pending.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.message < b.message; });
    for (Diagnostic& d : pending) sink_.report(std::move(d));
}

std::vector<std::string> FontChains::missing_glyph_hints() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> hints;
    std::vector<std::string> unavailable = unavailable_;
    std::sort(unavailable.begin(), unavailable.end());
    for (const auto& family : unavailable) {
        std::string f = family;
        if (f.find("HanaMin") != std::string::npos)
            hints.push_back("install fonts-hanazono (" + f + " covers CJK Extension B and beyond)");
        else if (f.find("BabelStone") != std::string::npos)
            hints.push_back("install fonts-babelstone-han (" + f + ")");
        else
            hints.push_back("install the font family '" + f + "' named as a fallback by the style");
    }
    if (hints.empty()) {
        std::string chain;
        for (const auto& f : settings_.fallback) chain += (chain.empty() ? "" : ", ") + f.family;
        hints.push_back("no installed font has it" + (chain.empty() ? std::string() : " (fallbacks: " + chain + ")") +
                        "; add a font that covers it to the style's fallback fonts, e.g. BabelStone Han "
                        "(fonts-babelstone-han) for newer CJK extensions");
    }
    return hints;
}

}  // namespace docexport::layout
