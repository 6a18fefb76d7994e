#include "support/wording.hpp"

#include <algorithm>

namespace docexport::support {

std::string counted(std::size_t n, std::string_view singular, std::string_view plural) {
    std::string out = std::to_string(n);
    out += ' ';
    out += n == 1 ? singular : plural;
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string_view closest_word(std::string_view word, const std::vector<std::string_view>& known) {
    std::string_view best;
    std::size_t best_distance = 0;
    for (std::string_view k : known) {
        std::size_t d = edit_distance(word, k);
        if (best.empty() || d < best_distance) {
            best = k;
            best_distance = d;
        }
    }
    if (best.empty() || best_distance > std::max<std::size_t>(2, best.size() / 3)) return {};
    return best;
}

std::vector<std::string> unknown_key_hints(std::string_view key, const std::vector<std::string_view>& known) {
    std::vector<std::string> hints;
    if (std::string_view best = closest_word(key, known); !best.empty())
        hints.push_back("did you mean '" + std::string(best) + "'?");
    std::string all;
    for (std::string_view k : known) {
        if (!all.empty()) all += ", ";
        all += k;
    }
    hints.push_back("known keys here: " + all);
    return hints;
}

std::string chinese_numeral(std::size_t n) {
    static const char* const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    std::string out;
    if (n >= 10000) {
        for (char c : std::to_string(n)) out += digits[c - '0'];
        return out;
    }
    static const char* const units[] = {"千", "百", "十", ""};
    const std::size_t powers[] = {1000, 100, 10, 1};
    bool zero = false;   // a zero digit waits for the next non-zero one (一百零五)
    for (int i = 0; i < 4; ++i) {
        std::size_t d = n / powers[i] % 10;
        if (d == 0) {
            zero = !out.empty();
            continue;
        }
        if (zero) out += "零";
        zero = false;
        if (!(d == 1 && i == 2 && out.empty())) out += digits[d];   // 十一, not 一十一, at the start
        out += units[i];
    }
    return out;
}


}  // namespace docexport::support
