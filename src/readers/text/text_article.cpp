#include "readers/text/text_article.hpp"

#include <algorithm>
#include <cstdint>

namespace docexport::readers {

namespace {

// Weights of the body search (docs/text-reader.md, "Steps", 3). Article-like lines count their
// characters; chrome and neutral lines cost a fixed amount, so a run of text outweighs a few chrome lines
// inside it, while a block of chrome lines ends it.
constexpr std::int64_t strong_chrome_cost = 40;
constexpr std::int64_t lone_chrome_cost = 15;
constexpr std::int64_t weak_chrome_cost = 12;
constexpr std::int64_t neutral_cost = 1;
constexpr std::int64_t min_article_weight = 8;
// The dateline that anchors the body is looked for among this many non-blank lines from the top.
constexpr std::size_t dateline_search_lines = 400;
// How many lines the title search may step over: chrome lines, and other lines that stay article text.
constexpr std::size_t title_skip_chrome = 8;
constexpr std::size_t title_skip_other = 3;
constexpr std::size_t title_skip_verses = 200;
// Neutral lines right below the body that are still taken as its end (a signature, a date).
constexpr std::size_t tail_lines = 2;

// Returns the weight of line i: positive for article text, negative for chrome and other lines.
std::int64_t weight(const std::vector<TextLine>& lines, std::size_t i) {
    const TextLine& l = lines[i];
    // A site drop: rule takes its line out wherever it is: it weighs nothing either way.
    if (l.blank() || (l.chrome.kind == ChromeKind::site_rule && !l.chrome.ends_article)) return 0;
    if (l.strength == ChromeStrength::strong) {
        // Chrome comes in clusters (jusText): a lone chrome line between other lines (a button row between the
        // replies of a thread, a share bar inside an article) weighs less than one of a block of chrome.
        auto chrome_at = [&](std::size_t j) { return lines[j].strength == ChromeStrength::strong; };
        bool clustered = (i > 0 && chrome_at(i - 1)) || (i + 1 < lines.size() && chrome_at(i + 1));
        return clustered ? -strong_chrome_cost : -lone_chrome_cost;
    }
    if (l.strength == ChromeStrength::weak) return -weak_chrome_cost;
    if (l.article_like) return std::max<std::int64_t>(min_article_weight, static_cast<std::int64_t>(l.length));
    return -neutral_cost;
}

bool is_end_rule(const TextLine& l) { return l.chrome.kind == ChromeKind::site_rule && l.chrome.ends_article; }

// Chrome kinds whose words also occur in headlines (版權, 排行): a line of such a kind right above the
// dateline is the title.
bool keyword_kind(ChromeKind k) {
    return k == ChromeKind::copyright || k == ChromeKind::licence || k == ChromeKind::disclaimer ||
           k == ChromeKind::related || k == ChromeKind::ranking || k == ChromeKind::contact;
}

std::optional<Dateline> dateline_of(const TextLine& l) {
    if (l.blank() || l.length > 100 || l.chrome.kind == ChromeKind::copyright ||
        l.chrome.kind == ChromeKind::licence)
        return std::nullopt;
    return parse_dateline(l.clean);
}

// Returns the index of the first non-blank line after i that is not chrome or a meta line, or nothing.
std::optional<std::size_t> next_text_line(const std::vector<TextLine>& lines, std::size_t i, std::size_t limit) {
    for (std::size_t j = i + 1, seen = 0; j < lines.size() && seen < limit; ++j) {
        if (lines[j].blank()) continue;
        ++seen;
        if (lines[j].chrome || is_meta_line(lines[j]) || dateline_of(lines[j])) continue;
        return j;
    }
    return std::nullopt;
}

// Returns the first dateline that article text follows: the anchor of the body.
std::optional<std::size_t> find_anchor(const std::vector<TextLine>& lines) {
    for (std::size_t i = 0, seen = 0; i < lines.size() && seen < dateline_search_lines; ++i) {
        if (lines[i].blank()) continue;
        ++seen;
        if (lines[i].article_like || !dateline_of(lines[i])) continue;
        auto next = next_text_line(lines, i, 6);
        if (next && lines[*next].article_like) return i;
    }
    return std::nullopt;
}

// Returns [begin, end) of the run with the largest weight (Kadane's maximum subarray), or nothing.
std::optional<std::pair<std::size_t, std::size_t>> heaviest_run(const std::vector<TextLine>& lines) {
    std::int64_t best = 0, sum = 0;
    std::size_t start = 0;
    std::optional<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_end_rule(lines[i])) {
            sum = 0;
            start = i + 1;
            continue;
        }
        std::int64_t w = weight(lines, i);
        if (sum <= 0 && w > 0) {
            sum = 0;
            start = i;
        }
        sum += w;
        if (sum > best) {
            best = sum;
            out = std::make_pair(start, i + 1);
        }
        if (sum < 0) sum = 0;
    }
    return out;
}

// Returns the end of the body that starts at begin: where the running weight is largest.
std::size_t best_end(const std::vector<TextLine>& lines, std::size_t begin, std::optional<std::size_t>* end_rule) {
    std::int64_t sum = 0, best = 0;
    std::size_t end = begin;
    for (std::size_t i = begin; i < lines.size(); ++i) {
        if (is_end_rule(lines[i])) {
            *end_rule = i;
            break;
        }
        sum += weight(lines, i);
        if (sum > best) {
            best = sum;
            end = i + 1;
        }
    }
    return end;
}

// Returns true when a line has a neighbour of the same width right above or below it (no blank line
// between) that ends alike: a verse of a poem, not a title.
bool in_verse_run(const std::vector<TextLine>& lines, std::size_t i) {
    const TextLine& l = lines[i];
    auto alike = [&](const TextLine& o) {
        if (o.blank() || o.chrome || o.marker != l.marker) return false;
        std::size_t lo = std::min(o.width, l.width), hi = std::max(o.width, l.width);
        return hi - lo <= 2 && ends_with_punctuation(l.clean) == ends_with_punctuation(o.clean);
    };
    // Three alike lines in a row: a title and its author line may be of one width, verses come in more.
    std::size_t run = 1;
    for (std::size_t j = i; j > 0 && alike(lines[j - 1]) && run < 3; --j) ++run;
    for (std::size_t j = i + 1; j < lines.size() && alike(lines[j]) && run < 3; ++j) ++run;
    return run >= 3;
}

// Returns the title: the nearest line above `below` that reads as one. Chrome and meta lines are stepped
// over, and so are a few lines of article text (a lead, a note in brackets), which stay in the body.
std::optional<std::size_t> find_title(const std::vector<TextLine>& lines, std::size_t below, bool dated) {
    std::size_t chrome = 0, other = 0, verses = 0;
    bool first = true;
    for (std::size_t i = below; i-- > 0;) {
        const TextLine& l = lines[i];
        if (l.blank()) continue;
        bool adjacent = first;
        first = false;
        if (dateline_of(l) || is_meta_line(l)) continue;
        if (l.chrome) {
            // A headline that mentions 版權 or 排行, right above the dateline.
            if (dated && adjacent && keyword_kind(l.chrome.kind) && reads_as_title(l, true)) return i;
            if (++chrome > title_skip_chrome) return std::nullopt;
            continue;
        }
        // Verses of a poem stay in the body, however many there are.
        if (in_verse_run(lines, i)) {
            if (++verses > title_skip_verses) return std::nullopt;
            continue;
        }
        // A numbered heading (第二編　債, 第一章) belongs to the body it stands above.
        if (reads_as_title(l, dated) && !is_bracketed(l.clean) && !is_date_note(l.clean) &&
            !is_field_line(l.clean) && l.marker == Marker::none)
            return i;
        if (++other > title_skip_other) return std::nullopt;
    }
    return std::nullopt;
}

// A poem's or article's author line under the title is not the title: returns the line above it when that
// one reads as the title.
std::size_t prefer_title_above_author(const std::vector<TextLine>& lines, std::size_t title) {
    if (!reads_as_author(lines[title])) return title;
    std::size_t blanks = 0;
    for (std::size_t i = title; i-- > 0;) {
        const TextLine& l = lines[i];
        if (l.blank()) {
            if (++blanks > 1) return title;
            continue;
        }
        if (l.chrome || !reads_as_title(l, false) || is_meta_line(l)) return title;
        // A bare name (李白) is an author line only right under its title; a marked one (〔唐〕李白) may
        // stand a blank line apart.
        bool marked = lines[title].length > 4 || is_meta_line(lines[title]) ||
                      lines[title].clean.find_first_of("〔【[(（·・：: ") != std::string::npos;
        if (blanks > 0 && !marked) return title;
        return i;
    }
    return title;
}

}  // namespace

ArticlePlan plan_article(const std::vector<TextLine>& lines) {
    ArticlePlan plan;
    plan.body_end = lines.size();
    std::optional<std::size_t> anchor = find_anchor(lines);
    std::size_t body_begin = 0, body_end = lines.size();
    if (anchor) {
        body_begin = *anchor + 1;
        body_end = best_end(lines, body_begin, &plan.end_rule);
        plan.found_body = body_end > body_begin;
    }
    if (!plan.found_body) {
        anchor.reset();
        plan.end_rule.reset();
        auto run = heaviest_run(lines);
        if (run) {
            std::tie(body_begin, body_end) = *run;
            plan.found_body = true;
            for (std::size_t i = body_end; i < lines.size(); ++i)
                if (is_end_rule(lines[i])) {
                    plan.end_rule = i;
                    break;
                }
        } else {
            body_begin = 0;
            body_end = lines.size();
        }
    }

    // The heaviest run starts at article-like text; the first line of its paragraph may be plain (an indented
    // first line, a line ending mid-sentence): take such lines along.
    if (!anchor && plan.found_body) {
        while (body_begin > 0) {
            const TextLine& above = lines[body_begin - 1];
            const TextLine& first = lines[body_begin];
            if (above.blank() || above.chrome || first.blank()) break;
            bool continues = ends_mid_sentence(above.clean) || (above.indent > first.indent && !above.heading_like) ||
                             (above.indent > first.indent && above.indent > 0);
            if (!continues) break;
            --body_begin;
        }
    }

    // The title: nearest above the dateline that anchors the body, else nearest above the body.
    std::size_t title_below = anchor ? *anchor : body_begin;
    plan.title = find_title(lines, title_below, anchor.has_value());
    if (plan.title) plan.title = prefer_title_above_author(lines, *plan.title);

    // The dateline: the anchor; else one between the title and the body or among the body's first lines;
    // else one right above the title.
    if (anchor) {
        plan.dateline = anchor;
    } else {
        std::size_t from = plan.title ? *plan.title + 1 : body_begin;
        for (std::size_t i = from, seen = 0; i < body_end && seen < 3 + (body_begin - std::min(from, body_begin)); ++i) {
            if (lines[i].blank()) continue;
            if (i >= body_begin) ++seen;
            if (!lines[i].article_like && dateline_of(lines[i])) {
                plan.dateline = i;
                break;
            }
        }
        if (!plan.dateline && plan.title) {
            for (std::size_t i = *plan.title; i-- > 0;) {
                if (lines[i].blank()) continue;
                if (!lines[i].chrome && dateline_of(lines[i])) plan.dateline = i;
                break;
            }
        }
    }
    if (plan.dateline) {
        plan.date = *dateline_of(lines[*plan.dateline]);
        // A source or author line right below it.
        for (std::size_t i = *plan.dateline + 1; i < lines.size() && i <= *plan.dateline + 2; ++i) {
            if (lines[i].blank()) continue;
            if (!is_meta_line(lines[i])) break;
            plan.meta_lines.push_back(i);
        }
    }

    // The header ends at the title (or the dateline above it); the body starts below the title, so that a
    // lead between the title and the dateline stays.
    if (plan.title) {
        plan.head_end = *plan.title;
        if (plan.dateline && *plan.dateline < *plan.title) plan.head_end = *plan.dateline;
        body_begin = std::min(body_begin, *plan.title + 1);
    } else {
        plan.head_end = std::min(body_begin, plan.dateline.value_or(body_begin));
    }
    body_begin = std::max(body_begin, plan.head_end);

    // The body's end: the heaviest run, and up to two plain lines right below it (a signature, a date)
    // before any chrome.
    if (plan.found_body) {
        std::size_t seen = 0;
        for (std::size_t i = body_end; i < lines.size() && seen < tail_lines; ++i) {
            const TextLine& l = lines[i];
            if (l.blank()) {
                if (i + 1 < lines.size() && lines[i + 1].blank()) break;
                continue;
            }
            if (l.chrome || l.article_like) break;
            ++seen;
            body_end = i + 1;
        }
    }
    plan.body_begin = body_begin;
    plan.body_end = std::max(body_end, body_begin);
    return plan;
}

}  // namespace docexport::readers
