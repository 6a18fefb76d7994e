#include "cover/balance.hpp"

#include <limits>

namespace docexport::cover {

namespace {

constexpr double infinite = std::numeric_limits<double>::infinity();
// What a line with one character costs: more than any imbalance a title can have, so it is taken only when
// every other breaking has one too.
constexpr double lone_character = 1e6;

double line_width(const std::vector<BreakPoint>& p, std::size_t from, std::size_t to) {
    return p[to].x - p[to].trim - p[from].x - p[from].lead;
}

// Returns the least number of lines: a line may hold any run of pieces no wider than max_width, or one piece.
std::size_t fewest_lines(const std::vector<BreakPoint>& p, double max_width) {
    std::size_t n = p.size();
    std::vector<std::size_t> lines(n, std::numeric_limits<std::size_t>::max());
    lines[0] = 0;
    for (std::size_t j = 1; j < n; ++j)
        for (std::size_t i = j; i-- > 0;) {
            bool fits = line_width(p, i, j) <= max_width || i + 1 == j;
            if (!fits) break;   // wider still further back
            if (lines[i] + 1 < lines[j]) lines[j] = lines[i] + 1;
        }
    return lines[n - 1];
}

struct Result {
    double cost = infinite;
    std::vector<std::size_t> ends;
};

// Returns the cheapest breaking into exactly k lines.
Result best_breaking(const std::vector<BreakPoint>& p, double max_width, double em, std::size_t k) {
    std::size_t n = p.size();
    double mean = (p[n - 1].x - p[n - 1].trim - p[0].x) / static_cast<double>(k);
    std::size_t total_characters = p[n - 1].characters - p[0].characters;
    // cost[l][j]: the cheapest l lines ending at point j; from[l][j]: where the last of them starts.
    std::vector<std::vector<double>> cost(k + 1, std::vector<double>(n, infinite));
    std::vector<std::vector<std::size_t>> from(k + 1, std::vector<std::size_t>(n, 0));
    cost[0][0] = 0;
    for (std::size_t l = 1; l <= k; ++l)
        for (std::size_t j = 1; j < n; ++j) {
            if (l == k && j != n - 1) continue;
            for (std::size_t i = j; i-- > 0;) {
                double w = line_width(p, i, j);
                if (w > max_width && i + 1 != j) break;
                if (cost[l - 1][i] == infinite) continue;
                double deviation = (w - mean) / em;
                double c = cost[l - 1][i] + deviation * deviation + (j == n - 1 ? 0 : p[j].penalty);
                if (total_characters > 1 && p[j].characters - p[i].characters <= 1) c += lone_character;
                if (c < cost[l][j]) {
                    cost[l][j] = c;
                    from[l][j] = i;
                }
            }
        }
    Result r;
    r.cost = cost[k][n - 1];
    if (r.cost == infinite) return r;
    r.ends.resize(k);
    std::size_t j = n - 1;
    for (std::size_t l = k; l > 0; --l) {
        r.ends[l - 1] = j;
        j = from[l][j];
    }
    return r;
}

}  // namespace

std::vector<std::size_t> balance_lines(const std::vector<BreakPoint>& points, double max_width, double em) {
    std::size_t n = points.size();
    if (n < 2) return {};
    std::size_t k = fewest_lines(points, max_width);
    Result best = best_breaking(points, max_width, em, k);
    // A character alone on a line is avoided with one more line if need be (a short title in a narrow measure).
    if (best.cost >= lone_character && k + 1 < n) {
        Result more = best_breaking(points, max_width, em, k + 1);
        if (more.cost < best.cost) best = std::move(more);
    }
    return best.ends;
}

}  // namespace docexport::cover
