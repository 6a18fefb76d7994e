// The plain-text article reader: a news article scraped from a web page, with site chrome above and below,
// or any other plain text (a statute, a poem, an interview). Steps: decode → split lines and weigh each
// (text_lines) → find the body, then the title and the dateline next to it (text_article) → drop the header,
// the footer and the chrome inside, reporting each line → group the body's lines into paragraphs, headings
// and verse (text_blocks) → repair `字(pinyin)` artifacts and punctuation per line.
#include "readers/common/charset.hpp"
#include "readers/inputs.hpp"
#include "readers/common/cjk_text.hpp"
#include "readers/text/pinyin_annotations.hpp"
#include "readers/text/text_article.hpp"
#include "readers/text/text_blocks.hpp"
#include "readers/text/text_lines.hpp"
#include "readers/common/utf8.hpp"
#include "support/wording.hpp"

#include <docexport/readers.hpp>

#include <algorithm>

namespace docexport {
namespace readers {

namespace {

// Warnings about lines dropped for their place are capped per input; notes and errors are not.
constexpr std::size_t max_position_warnings = 20;

// What happens to a line that is not the title, the dateline or a metadata line.
enum class Fate {
    keep,            // article text
    keep_chrome,     // looks like weak chrome, but sits inside the article text: kept, with a note
    chrome,          // dropped by a chrome rule (confident)
    chrome_context,  // dropped: a plain line among chrome lines of the header or the footer (confident)
    header,          // dropped: above the title, and not chrome (not confident)
    footer,          // dropped: below the body, and not chrome (not confident)
};

// Collects what the reader drops and reports it: confident drops as verbose notes, the others as warnings
// (errors with --strict).
class DropReporter {
public:
    DropReporter(std::string file, DiagnosticSink& sink, bool strict)
        : file_(std::move(file)), sink_(sink), strict_(strict) {}

    // Reports the fate of a dropped or kept-with-a-note line.
    void report(const TextLine& line, Fate fate, const std::vector<std::string>& hints) {
        if (line.blank()) return;
        SourcePos pos{file_, line.number, line.col};
        std::string text = excerpt(line.clean.empty() ? std::string(line.content) : line.clean);
        switch (fate) {
        case Fate::keep: return;
        case Fate::keep_chrome:
            sink_.note(pos, "kept a line that looks like a " + line.chrome.rule + ", because article text surrounds it: " + text, true);
            return;
        case Fate::chrome:
            sink_.note(pos, "dropped site chrome (" + line.chrome.rule + "): " + text, true);
            return;
        case Fate::chrome_context:
            sink_.note(pos, "dropped site chrome (a plain line among chrome lines): " + text, true);
            return;
        case Fate::header:
        case Fate::footer: break;
        }
        std::string message = std::string(fate == Fate::header ? "dropped line above the title" : "dropped text in the page footer") + ": " + text;
        if (!first_unsure_) first_unsure_ = pos;
        ++unsure_;
        if (strict_) {
            sink_.error(pos, message, hints);
        } else if (unsure_ <= max_position_warnings) {
            sink_.warn(pos, message, hints);
        } else {
            sink_.note(pos, message, true);
        }
    }

    // Reports how many warnings the cap turned into notes; with --strict, fails when any line was dropped
    // without a confident rule.
    void finish() {
        if (strict_ && unsure_ > 0)
            throw Error(ErrorCode::input,
                        std::to_string(unsure_) + (unsure_ == 1 ? " line was" : " lines were") +
                            " dropped without a confident rule (--strict)",
                        *first_unsure_,
                        {"run with --keep-chrome to keep every line, or add keep: or drop: rules to a --site-rules file"});
        if (unsure_ > max_position_warnings)
            sink_.warn(SourcePos{file_, 0, 0},
                       support::counted(unsure_ - max_position_warnings, "more line", "more lines") +
                           " dropped for their place",
                       {"run with --verbose to see each of them"});
    }

private:
    std::string file_;
    DiagnosticSink& sink_;
    bool strict_;
    std::size_t unsure_ = 0;
    std::optional<SourcePos> first_unsure_;
};

// Returns the index of the nearest non-blank line before i (or after, with step +1) in [lo, hi), or nothing.
std::optional<std::size_t> neighbour(const std::vector<TextLine>& lines, std::size_t i, int step, std::size_t lo,
                                     std::size_t hi) {
    for (std::size_t j = i;;) {
        if (step < 0) {
            if (j == lo) return std::nullopt;
            --j;
        } else {
            if (j + 1 >= hi) return std::nullopt;
            ++j;
        }
        if (!lines[j].blank()) return j;
    }
}

// Returns true for a line that reads as a headline in a list of links: short, no full stop, not cut mid-sentence.
bool headline_like(const TextLine& l) {
    return l.length <= 40 && l.clean.find("。") == std::string::npos && !ends_mid_sentence(l.clean);
}

// Returns true when at least half of the non-blank lines in [begin, end) are chrome: the part reads as chrome
// as a whole.
bool mostly_chrome(const std::vector<TextLine>& lines, std::size_t begin, std::size_t end) {
    std::size_t chrome = 0, all = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (lines[i].blank()) continue;
        ++all;
        if (lines[i].chrome) ++chrome;
    }
    return chrome > 0 && chrome * 2 >= all;
}

// Decides the fate of every line outside the title, the dateline and the metadata lines.
std::vector<Fate> decide_fates(const std::vector<TextLine>& lines, const ArticlePlan& plan,
                               const std::vector<bool>& consumed) {
    std::vector<Fate> fate(lines.size(), Fate::keep);
    // Header: chrome; plain short lines between chrome lines (or the page's edge), or anywhere in a header that
    // is mostly chrome; anything else is unsure.
    bool chrome_header = mostly_chrome(lines, 0, plan.head_end);
    for (std::size_t i = 0; i < plan.head_end; ++i) {
        const TextLine& l = lines[i];
        if (l.blank() || consumed[i]) continue;
        if (l.chrome) {
            fate[i] = Fate::chrome;
            continue;
        }
        // A kicker (引題) stands right on top of the title, with no blank line between: it stays.
        if (plan.title && i + 1 == *plan.title && reads_as_title(l, true)) continue;
        auto up = neighbour(lines, i, -1, 0, plan.head_end);
        auto down = neighbour(lines, i, +1, 0, plan.head_end);
        bool up_chrome = !up || lines[*up].chrome;
        bool down_chrome = down && lines[*down].chrome;
        bool by_context = !l.article_like && ((up_chrome && down_chrome) || (chrome_header && l.length <= 40) ||
                                              symbols_only(l));
        fate[i] = by_context ? Fate::chrome_context : Fate::header;
    }
    // Body: strong chrome goes; weak chrome stays once the article text has started (the body ends with
    // article text, so text follows it). The items of a related-links list inside the body go with its heading.
    bool text_started = false;
    bool in_list = false;
    for (std::size_t i = plan.head_end; i < plan.body_end; ++i) {
        const TextLine& l = lines[i];
        if (l.blank()) {
            in_list = false;
            continue;
        }
        if (consumed[i]) continue;
        if (l.strength == ChromeStrength::strong) {
            fate[i] = Fate::chrome;
            in_list = l.chrome.kind == ChromeKind::related || l.chrome.kind == ChromeKind::ranking;
            continue;
        }
        if (in_list && headline_like(l)) {
            fate[i] = Fate::chrome_context;
            continue;
        }
        in_list = false;
        if (l.strength == ChromeStrength::weak) {
            fate[i] = text_started ? Fate::keep_chrome : Fate::chrome;
            continue;
        }
        if (l.article_like) text_started = true;
    }
    // Footer: chrome; plain lines after a chrome line of the footer; the headlines under a related-links
    // heading; anything else is unsure.
    bool chrome_seen = false;
    in_list = false;
    for (std::size_t i = plan.body_end; i < lines.size(); ++i) {
        const TextLine& l = lines[i];
        if (l.blank()) {
            in_list = false;
            continue;
        }
        if (consumed[i]) continue;
        if (l.chrome) {
            fate[i] = Fate::chrome;
            chrome_seen = true;
            in_list = l.chrome.kind == ChromeKind::related || l.chrome.kind == ChromeKind::ranking;
            continue;
        }
        bool by_context = (chrome_seen && !l.article_like) || (in_list && headline_like(l));
        fate[i] = by_context ? Fate::chrome_context : Fate::footer;
    }
    return fate;
}

// Returns the inlines of a block: each row's lines joined, rows separated by hard line breaks.
Inlines block_inlines(const TextBlock& b, const ReadOptions& options) {
    Inlines out;
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
        if (r > 0) {
            Inline br;
            br.kind = InlineKind::line_break;
            out.push_back(std::move(br));
        }
        std::vector<std::string_view> parts;
        for (const TextLine* l : b.rows[r]) parts.push_back(l->content);
        Inlines row = annotated_inlines(join_lines(parts), options.annotations, options.cjk_punctuation);
        for (Inline& in : row) out.push_back(std::move(in));
    }
    return out;
}

}  // namespace
}  // namespace readers

Section read_text(std::string_view name, std::string_view content, const ReadOptions& options,
                  DiagnosticSink& sink) {
    return readers::read_decoded_text(name, readers::decode_text_input(name, content, options.encoding, sink), options,
                                      sink);
}

Section readers::read_decoded_text(std::string_view name, std::string text, const ReadOptions& options,
                                   DiagnosticSink& sink) {
    using namespace readers;
    const std::string file(name);
    SiteRules rules = options.site_rules.empty() ? SiteRules() : SiteRules::load(options.site_rules);
    std::vector<TextLine> lines = split_text_lines(text, rules);
    ArticlePlan plan = plan_article(lines);
    Section section;
    auto pos_of = [&](const TextLine& l) { return SourcePos{file, l.number, l.col}; };

    // Metadata: date and source from the dateline, or a source line right below it.
    std::vector<bool> consumed(lines.size(), false);
    if (plan.dateline) {
        const TextLine& d = lines[*plan.dateline];
        consumed[*plan.dateline] = true;
        section.meta.date = plan.date.date;
        section.meta.source = plan.date.source;
        if (!plan.date.author.empty()) section.meta.authors.push_back(plan.date.author);
        for (std::size_t i : plan.meta_lines) {
            Dateline more = parse_meta_fields(lines[i].clean);
            if (section.meta.source.empty()) section.meta.source = more.source;
            if (section.meta.authors.empty() && !more.author.empty()) section.meta.authors.push_back(more.author);
            consumed[i] = true;
            sink.note(pos_of(lines[i]), "read as article metadata: " + excerpt(lines[i].clean), true);
        }
        std::string what = "read dateline: date " + section.meta.date;
        if (!section.meta.source.empty()) what += ", source " + section.meta.source;
        sink.note(pos_of(d), what, true);
    }

    if (plan.title) {
        const TextLine& t = lines[*plan.title];
        section.title = annotated_inlines(t.content, options.annotations, options.cjk_punctuation);
        section.pos = pos_of(t);
        consumed[*plan.title] = true;
    } else {
        SourcePos where{file, 1, 1};
        for (const TextLine& l : lines)
            if (!l.blank()) {
                where = pos_of(l);
                break;
            }
        section.pos = where;
        sink.warn(where, "no title found: no short heading stands above the article text",
                  {"the file may not be a scraped article; if it is Markdown, read it with --from markdown",
                   "the text is read as the article's body"});
    }

    std::vector<Fate> fates = decide_fates(lines, plan, consumed);
    std::vector<const TextLine*> body;
    DropReporter reporter(file, sink, options.strict);
    const std::vector<std::string> header_hints = {
        "lines above the article's title are taken as the page header",
        "run with --keep-chrome to keep every line, or add a keep: rule to a --site-rules file (see docs/text-reader.md)"};
    std::vector<std::string> footer_hints = {
        "the article was taken to end at line " +
            std::to_string(plan.body_end > 0 && plan.body_end <= lines.size() ? lines[plan.body_end - 1].number : 0),
        "run with --keep-chrome to keep every line, or add a keep: rule to a --site-rules file (see docs/text-reader.md)"};
    if (plan.end_rule) footer_hints[0] = "the article was ended by " + lines[*plan.end_rule].chrome.rule +
                                         " at line " + std::to_string(lines[*plan.end_rule].number);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (consumed[i]) continue;
        const TextLine& l = lines[i];
        Fate f = options.keep_chrome ? Fate::keep : fates[i];
        if (f == Fate::keep || f == Fate::keep_chrome) {
            // Blank lines count only inside the article (they separate paragraphs).
            if (!l.blank() || (!body.empty())) body.push_back(&l);
        }
        reporter.report(l, f, f == Fate::header ? header_hints : footer_hints);
    }
    reporter.finish();
    while (!body.empty() && body.back()->blank()) body.pop_back();

    for (const TextBlock& b : group_text_blocks(body)) {
        Block block;
        block.kind = b.heading_level > 0 ? BlockKind::heading : BlockKind::paragraph;
        block.level = b.heading_level;
        block.inlines = block_inlines(b, options);
        if (b.verse) block.attr.classes.push_back("verse");
        block.pos = pos_of(b.first());
        section.blocks.push_back(std::move(block));
    }
    if (section.blocks.empty())
        sink.warn(section.pos, "no article text found",
                  {"every line was taken as the title, metadata or site chrome; run with --verbose to see why",
                   "run with --keep-chrome to keep every line"});
    return section;
}

}  // namespace docexport
