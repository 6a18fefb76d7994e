#include "cover/balance.hpp"
#include "cover/cover_image.hpp"
#include "cover/text_setter.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace docexport;
using namespace docexport::cover;

namespace {

// Returns break points for pieces of the given widths (one character each), with penalty after every piece.
std::vector<BreakPoint> pieces(const std::vector<double>& widths, double penalty = 0) {
    std::vector<BreakPoint> points{BreakPoint{}};
    double x = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        x += widths[i];
        points.push_back(BreakPoint{i + 1, x, 0, penalty, i + 1, 0});
    }
    return points;
}

// Returns the number of pieces on each line.
std::vector<std::size_t> line_lengths(const std::vector<std::size_t>& ends) {
    std::vector<std::size_t> out;
    std::size_t from = 0;
    for (std::size_t end : ends) {
        out.push_back(end - from);
        from = end;
    }
    return out;
}

}  // namespace

TEST_CASE("cover: a title that fits is one line") {
    CHECK(balance_lines(pieces(std::vector<double>(8, 100)), 800, 100) == std::vector<std::size_t>{8});
}

TEST_CASE("cover: nine characters in a measure of eight are balanced, none alone on the last line") {
    // First fit would give 8 + 1.
    std::vector<std::size_t> lengths = line_lengths(balance_lines(pieces(std::vector<double>(9, 100)), 800, 100));
    REQUIRE(lengths.size() == 2);
    CHECK(lengths[0] >= 4);
    CHECK(lengths[1] >= 4);
}

TEST_CASE("cover: fifteen characters in a measure of seven take three even lines") {
    CHECK(line_lengths(balance_lines(pieces(std::vector<double>(15, 100)), 700, 100)) ==
          std::vector<std::size_t>{5, 5, 5});
}

TEST_CASE("cover: a break between words is worth a little imbalance") {
    // Ten characters, two lines; ending the first line after the fourth costs nothing, elsewhere a word is cut.
    std::vector<BreakPoint> points = pieces(std::vector<double>(10, 100), 9);
    points[4].penalty = 0;
    CHECK(balance_lines(points, 600, 100) == std::vector<std::size_t>{4, 10});
}

TEST_CASE("cover: no character is left alone on a line when another breaking fits") {
    // Words of 3, 3 and 1 characters (3, 3 and 1 em) in a measure of 6 em: 3+3 | 1 fills the first line but
    // leaves the last word alone; 3 | 3+1 does not.
    std::vector<BreakPoint> points{BreakPoint{}, BreakPoint{3, 300, 0, 0, 3, 0}, BreakPoint{6, 600, 0, 0, 6, 0},
                                   BreakPoint{7, 700, 0, 0, 7, 0}};
    CHECK(balance_lines(points, 600, 100) == std::vector<std::size_t>{1, 3});
    // In a measure of 7 em the same words fit on one line.
    CHECK(balance_lines(points, 700, 100) == std::vector<std::size_t>{3});
    // Words of 1, 4 and 1 characters in a measure of 5 em: every two-line breaking leaves one alone, and so
    // do three lines; the rule yields, and the lines are as even as they can be.
    points = {BreakPoint{}, BreakPoint{1, 100, 0, 0, 1, 0}, BreakPoint{5, 500, 0, 0, 5, 0}, BreakPoint{6, 600, 0, 0, 6, 0}};
    CHECK(line_lengths(balance_lines(points, 500, 100)).size() == 2);
}

TEST_CASE("cover: a piece wider than the measure takes a line of its own") {
    CHECK(line_lengths(balance_lines(pieces({300, 1200, 300}), 800, 100)) == std::vector<std::size_t>{1, 1, 1});
}

TEST_CASE("cover: display text collapses white space and cuts long text with an ellipsis") {
    CHECK(display_text("  國家\n\t人工智能  ", 100) == "國家 人工智能");
    CHECK(display_text("一二三四五", 3) == "一二三…");
    CHECK(display_text("", 3).empty());
}

TEST_CASE("cover: a Chinese title breaks between words into balanced lines") {
    DiagnosticSink sink;
    TextSetter setter("zh-Hant-TW", 0.25, sink);
    std::size_t chain = setter.add_chain(style::FontFace{"Noto Serif CJK TC", 700, "zh-tw", {}, {}, {}}, {});
    // Fifteen characters, eight to a line: 國家人工智能創新 | 應用先導區簡報 (not 國家人工智能創新應 | 用…).
    SetText set = setter.set("國家人工智能創新應用先導區簡報", chain, 100, 800);
    REQUIRE(set.lines.size() == 2);
    CHECK(set.lines[0].glyphs.size() == 8);
    CHECK(set.lines[1].glyphs.size() == 7);
    CHECK(set.lines[0].width == doctest::Approx(800));
    // Nine characters in a measure of eight: no character alone on the second line.
    set = setter.set("人工智能創新應用區", chain, 100, 800);
    REQUIRE(set.lines.size() == 2);
    CHECK(set.lines[1].glyphs.size() >= 3);
    CHECK(sink.diagnostics().empty());
}

TEST_CASE("cover: a line never starts with closing punctuation") {
    DiagnosticSink sink;
    TextSetter setter("zh-Hant-TW", 0.25, sink);
    std::size_t chain = setter.add_chain(style::FontFace{"Noto Serif CJK TC", 700, "zh-tw", {}, {}, {}}, {});
    // 「先導區」名單公布：北京、天津 — any line after the first starts with a character, not 」、： or 。
    SetText set = setter.set("「先導區」名單公布：北京、天津、杭州、廣州。", chain, 100, 600);
    REQUIRE(set.lines.size() >= 2);
    CHECK(set.lines.size() <= 4);
}

TEST_CASE("cover: the generated cover is a palette PNG without chunks that could vary") {
    DiagnosticSink sink;
    style::Style st = style::load_style("brief", "zh-Hant-TW");
    std::string png = render_cover_png({"zh-Hant-TW", "國家人工智能創新應用先導區簡報", "副題", {"編輯部"}, "出版社", "2021年2月20日"},
                                       st, 400, 640, sink);
    REQUIRE(png.size() > 33);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) |
               static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
    };
    CHECK(be32(16) == 400);
    CHECK(be32(20) == 640);
    CHECK(png[24] == 8);   // bit depth
    CHECK(png[25] == 3);   // palette
    std::vector<std::string> chunks;
    for (std::size_t at = 8; at + 8 <= png.size();) {
        chunks.push_back(png.substr(at + 4, 4));
        at += 12 + be32(at);
    }
    REQUIRE(chunks.size() >= 4);
    CHECK(chunks.front() == "IHDR");
    CHECK(chunks[1] == "PLTE");
    CHECK(chunks.back() == "IEND");
    for (std::size_t i = 2; i + 1 < chunks.size(); ++i) CHECK(chunks[i] == "IDAT");
}
