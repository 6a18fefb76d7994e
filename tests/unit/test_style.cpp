#include "style/style.hpp"

#include "layout/settings.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <tuple>

using namespace docexport;
using namespace docexport::style;

TEST_CASE("style: the script of a language tag picks the font set's families") {
    CHECK(script_for_language("zh-Hant-TW") == "hant");
    CHECK(script_for_language("zh-TW") == "hant");
    CHECK(script_for_language("zh-HK") == "hant");
    CHECK(script_for_language("zh-Hans-CN") == "hans");
    CHECK(script_for_language("zh") == "hans");
    CHECK(script_for_language("ja") == "jpan");
    CHECK(script_for_language("en") == "latn");
    CHECK(script_for_language("") == "hant");
}

TEST_CASE("style: pocket is the A5 edition") {
    Style s = load_style("pocket", "zh-Hant-TW");
    CHECK(s.name == "pocket");
    CHECK(s.page.width == doctest::Approx(148));
    CHECK(s.page.height == doctest::Approx(210));
}

TEST_CASE("style: vertical is an A5 book in vertical lines whose marks hang in columns only") {
    Style s = load_style("vertical", "zh-Hant-TW");
    CHECK(s.name == "vertical");
    CHECK(s.page.width == doctest::Approx(148));
    CHECK(s.vertical);
    CHECK(s.hanging_punctuation == HangingPunctuation::vertical);
    CHECK(s.contents_chinese_numerals);
    CHECK(load_style("brief", "zh-Hant-TW").hanging_punctuation == HangingPunctuation::none);
    layout::LayoutSettings settings = layout::settings_from_style(s);
    CHECK(settings.hang_vertical);
    CHECK_FALSE(settings.hang_horizontal);
}

TEST_CASE("style: brief is read from styles/ with its font set") {
    Style s = load_style("brief", "zh-Hant-TW");
    CHECK(s.name == "brief");
    CHECK(s.page.width == doctest::Approx(210));  // A4
    CHECK(s.page.height == doctest::Approx(297));
    CHECK(s.page.margin_inner == doctest::Approx(25));
    CHECK(s.font_size_pt == doctest::Approx(10.5));
    CHECK(s.line_height == doctest::Approx(1.8));
    CHECK(s.first_line_indent_em == doctest::Approx(2));
    CHECK(s.clreq == ClreqLevel::full);
    CHECK(s.line_breaking == LineBreaking::basic);   // clreq's recommended level
    CHECK(s.punctuation == PunctuationStyle::full_width);
    CHECK(s.fonts.body.family == "Noto Serif CJK TC");
    CHECK(s.fonts.body.package == "fonts-noto-cjk");
    CHECK(s.fonts.body.licence == "OFL-1.1");
    CHECK(s.fonts.heading.weight == 700);
    REQUIRE(s.fonts.fallback.size() == 2);
    CHECK(s.fonts.fallback[1].family == "HanaMinB");
    CHECK(load_style("", "zh-Hans-CN").fonts.body.family == "Noto Serif CJK SC");
    CHECK(load_style("brief-sans", "zh-Hant").punctuation == PunctuationStyle::kaiming);
}

TEST_CASE("style: an unknown name is a usage error listing the styles") {
    try {
        load_style("nope", "zh");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::usage);
        REQUIRE(!e.hints().empty());
        CHECK(e.hints()[0].find("brief") != std::string::npos);
    }
}

TEST_CASE("style: a bad value is an input error at its line and column") {
    auto path = std::filesystem::temp_directory_path() / "docexport-test-style.yaml";
    std::ofstream(path) << "name: t\npage:\n  width: wide\n";
    try {
        load_style(path.string(), "zh");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(e.pos().line == 3);
        CHECK(e.pos().col == 10);
        CHECK(std::string(e.what()).find("not a length") != std::string::npos);
    }
    std::ofstream(path) << "name: t\npage: {size: A4, margins: {top: 2cm}}\ntext: {size: 12pt, line-height: 1.6}\n";
    Style s = load_style(path.string(), "zh");
    CHECK(s.page.width == doctest::Approx(210));
    CHECK(s.page.margin_top == doctest::Approx(20));
    CHECK(s.font_size_pt == doctest::Approx(12));
    CHECK(s.line_height == doctest::Approx(1.6));
    std::filesystem::remove(path);
}

TEST_CASE("style: cjk.line-breaking picks the clreq prohibition level the PDF layout uses") {
    auto path = std::filesystem::temp_directory_path() / "docexport-test-line-breaking.yaml";
    for (auto [name, level, prohibition] :
         {std::tuple{"none", LineBreaking::none, docexport::layout::Prohibition::none},
          std::tuple{"basic", LineBreaking::basic, docexport::layout::Prohibition::basic},
          std::tuple{"gb", LineBreaking::gb, docexport::layout::Prohibition::gb},
          std::tuple{"strict", LineBreaking::strict, docexport::layout::Prohibition::strict}}) {
        std::ofstream(path) << "name: t\ncjk:\n  line-breaking: " << name << "\n";
        Style s = load_style(path.string(), "zh-Hant");
        CHECK(s.line_breaking == level);
        CHECK(docexport::layout::settings_from_style(s).prohibition == prohibition);
    }
    std::ofstream(path) << "name: t\ncjk:\n  line-breaking: loose\n";
    try {
        load_style(path.string(), "zh");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()).find("cjk.line-breaking must be none, basic, gb or strict") != std::string::npos);
        CHECK(e.pos().line == 3);
    }
    std::filesystem::remove(path);
}
