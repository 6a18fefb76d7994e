// Units for src/style/paper.cpp and list_styles.cpp: paper sizes, lengths, margins, the title page's date and
// the list of styles; and for component_versions.
#include "style/style.hpp"

#include <docexport/styles.hpp>
#include <docexport/versions.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

using namespace docexport;
using namespace docexport::style;

namespace {

// Checks that loading the style file at path is an input error at line whose message contains text.
void check_style_error(const std::filesystem::path& path, std::uint32_t line, std::string_view text) {
    try {
        load_style(path.string(), "zh");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(e.pos().line == line);
        CHECK(std::string_view(e.what()).find(text) != std::string_view::npos);
    }
}

}  // namespace

TEST_CASE("paper_size: the ISO 216 A and B series, letter, legal, 16K and 32K, in any case") {
    auto is = [](std::string_view name, double w, double h) {
        auto size = paper_size(name);
        REQUIRE(size);
        CHECK(size->first == doctest::Approx(w));
        CHECK(size->second == doctest::Approx(h));
    };
    is("A0", 841, 1189);
    is("A3", 297, 420);
    is("a4", 210, 297);
    is("A5", 148, 210);
    is("A8", 52, 74);
    is("A10", 26, 37);
    is("B0", 1000, 1414);
    is("B3", 353, 500);
    is("b5", 176, 250);
    is("B10", 31, 44);
    is("Letter", 215.9, 279.4);
    is("legal", 215.9, 355.6);
    is("16K", 185, 260);
    is("32k", 130, 184);
    for (const char* bad : {"A11", "A", "C4", "A04", "A-1", "B5x", "", "tabloid", "A4 "})
        CHECK_FALSE(paper_size(bad));
}

TEST_CASE("parse_paper: a name, or WIDTHxHEIGHT with a unit") {
    PageGeometry a3 = parse_paper("a3", "--paper");
    CHECK(a3.paper == "A3");
    CHECK(a3.width == doctest::Approx(297));
    CHECK(parse_paper("letter", "--paper").paper == "letter");
    CHECK(parse_paper("16k", "--paper").paper == "16K");
    PageGeometry custom = parse_paper("148x210mm", "--paper");
    CHECK(custom.paper.empty());
    CHECK(custom.width == doctest::Approx(148));
    CHECK(custom.height == doctest::Approx(210));
    PageGeometry inches = parse_paper("6x9in", "--paper");
    CHECK(inches.width == doctest::Approx(152.4));
    CHECK(inches.height == doctest::Approx(228.6));
    PageGeometry mixed = parse_paper("14.8cmx8.5in", "--paper");
    CHECK(mixed.width == doctest::Approx(148));
    CHECK(mixed.height == doctest::Approx(215.9));
    CHECK(parse_paper("432X648pt", "--paper").width == doctest::Approx(152.4));
    CHECK(parse_paper("148\xc3\x97" "210mm", "--paper").height == doctest::Approx(210));   // 148×210mm
    for (const char* bad : {"A11", "148x210", "148mm", "x210mm", "148x", "148x210furlongs", "10x10mm", "6000x210mm",
                            "-148x210mm", "abc"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_paper(bad, "--paper"), Error);
    }
    try {
        parse_paper("A11", "--paper");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::usage);
        CHECK(std::string(e.what()) == "--paper 'A11' is not a paper size");
        REQUIRE(e.hints().size() == 2);
        CHECK(e.hints()[1].find("148x210mm") != std::string::npos);
    }
}

TEST_CASE("parse_length: units in millimetres or points, a bare number only where allowed") {
    CHECK(parse_length("20mm", "mm", false, "x") == doctest::Approx(20));
    CHECK(parse_length("2cm", "mm", false, "x") == doctest::Approx(20));
    CHECK(parse_length("1in", "mm", false, "x") == doctest::Approx(25.4));
    CHECK(parse_length("72pt", "mm", false, "x") == doctest::Approx(25.4));
    CHECK(parse_length(" 12PT ", "pt", true, "x") == doctest::Approx(12));
    CHECK(parse_length("12", "pt", true, "x") == doctest::Approx(12));
    CHECK(parse_length("10.5", "pt", true, "x") == doctest::Approx(10.5));
    CHECK(parse_length("25.4mm", "pt", true, "x") == doctest::Approx(72));
    CHECK_THROWS_AS(parse_length("12", "mm", false, "x"), Error);
    CHECK_THROWS_AS(parse_length("-2mm", "mm", false, "x"), Error);
    CHECK_THROWS_AS(parse_length("2em", "mm", false, "x"), Error);
    CHECK_THROWS_AS(parse_length("mm", "mm", false, "x"), Error);
    CHECK_THROWS_AS(parse_length("", "pt", true, "x"), Error);
    CHECK_THROWS_AS(parse_length("1e3mm", "mm", false, "x"), Error);
}

TEST_CASE("parse_margins: one length for all sides, or top,right,bottom,left") {
    PageGeometry page;
    parse_margins("15mm", page, "--margins");
    CHECK(page.margin_top == doctest::Approx(15));
    CHECK(page.margin_outer == doctest::Approx(15));
    CHECK(page.margin_bottom == doctest::Approx(15));
    CHECK(page.margin_inner == doctest::Approx(15));
    parse_margins("25mm, 2cm ,1in,30mm", page, "--margins");
    CHECK(page.margin_top == doctest::Approx(25));
    CHECK(page.margin_outer == doctest::Approx(20));   // right
    CHECK(page.margin_bottom == doctest::Approx(25.4));
    CHECK(page.margin_inner == doctest::Approx(30));   // left
    for (const char* bad : {"10mm,20mm", "1mm,2mm,3mm", "1mm,2mm,3mm,4mm,5mm", "10", "10mm,", ""}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_margins(bad, page, "--margins"), Error);
    }
}

TEST_CASE("title_page_date: Chinese form for zh and ja, ISO otherwise, as given when it is not a date") {
    CHECK(title_page_date("2021-02-20", DateFormat::automatic, "zh-Hant-TW") == "2021年2月20日");
    CHECK(title_page_date("2021-02-20", DateFormat::automatic, "zh-Hans") == "2021年2月20日");
    CHECK(title_page_date("2021-12-01", DateFormat::automatic, "zh") == "2021年12月1日");
    CHECK(title_page_date("2021-02-20", DateFormat::automatic, "ja") == "2021年2月20日");
    CHECK(title_page_date("2021-02", DateFormat::automatic, "zh-TW") == "2021年2月");
    CHECK(title_page_date("2021", DateFormat::automatic, "yue") == "2021年");
    CHECK(title_page_date("2021-02-20", DateFormat::automatic, "en") == "2021-02-20");
    CHECK(title_page_date("2021-02-20", DateFormat::automatic, "ko") == "2021-02-20");
    CHECK(title_page_date("2021-02-20", DateFormat::automatic, "") == "2021-02-20");
    CHECK(title_page_date("2021-02-20", DateFormat::iso, "zh-Hant") == "2021-02-20");
    CHECK(title_page_date("2021-02-20", DateFormat::chinese, "en") == "2021年2月20日");
    // Not a day that exists, or not a plain date: printed as given.
    for (const char* as_given : {"2021-02-30", "2021-13", "2021-02-20 06:19", "二〇二一年", "21-02-20", "", "2021/02/20"})
        CHECK(title_page_date(as_given, DateFormat::chinese, "zh") == as_given);
}

TEST_CASE("style: title-page.date-format is read, and an unknown form is an error at its line") {
    auto dir = std::filesystem::temp_directory_path() / "docexport-test-date-format";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "iso.yaml") << "name: iso\ntitle-page:\n  date-format: iso\n";
    std::ofstream(dir / "bad.yaml") << "name: bad\ntitle-page:\n  date-format: roman\n";
    CHECK(load_style((dir / "iso.yaml").string(), "zh").title_page_date == DateFormat::iso);
    CHECK(load_style("brief", "zh").title_page_date == DateFormat::automatic);
    check_style_error(dir / "bad.yaml", 3, "date-format must be auto, chinese or iso");
    std::filesystem::remove_all(dir);
}

TEST_CASE("style: page.size takes every paper name, and width/height make an unnamed size") {
    auto dir = std::filesystem::temp_directory_path() / "docexport-test-page-size";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a3.yaml") << "name: a3\npage:\n  size: A3\n";
    std::ofstream(dir / "wh.yaml") << "name: wh\npage:\n  size: A4\n  width: 150mm\n";
    std::ofstream(dir / "bad.yaml") << "name: bad\npage:\n  size: A11\n";
    Style a3 = load_style((dir / "a3.yaml").string(), "zh");
    CHECK(a3.page.paper == "A3");
    CHECK(a3.page.width == doctest::Approx(297));
    Style wh = load_style((dir / "wh.yaml").string(), "zh");
    CHECK(wh.page.paper.empty());
    CHECK(wh.page.width == doctest::Approx(150));
    CHECK(wh.page.height == doctest::Approx(297));
    check_style_error(dir / "bad.yaml", 3, "unknown page size 'A11'");
    std::filesystem::remove_all(dir);
}

TEST_CASE("list_styles: the shipped styles with their paper and description") {
    DiagnosticSink sink;
    std::vector<StyleInfo> styles = list_styles(sink);
    auto find = [&](const std::string& name) {
        return std::find_if(styles.begin(), styles.end(), [&](const StyleInfo& s) { return s.name == name; });
    };
    REQUIRE(find("brief") != styles.end());
    REQUIRE(find("pocket") != styles.end());
    CHECK(find("brief")->paper == "A4");
    CHECK(find("pocket")->paper == "A5");
    CHECK(find("pocket")->page_width_mm == doctest::Approx(148));
    for (const StyleInfo& s : styles) {
        CAPTURE(s.name);
        CHECK_FALSE(s.description.empty());   // every shipped style says what it is
    }
    CHECK(std::is_sorted(styles.begin(), styles.end(),
                         [](const StyleInfo& a, const StyleInfo& b) { return a.name < b.name; }));
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("component_versions: the five libraries, each with a version") {
    std::vector<ComponentVersion> v = component_versions();
    REQUIRE(v.size() == 5);
    const char* names[] = {"HarfBuzz", "ICU", "libharu", "libzip", "pugixml"};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(v[i].name == names[i]);
        CAPTURE(v[i].name);
        CHECK(v[i].version.find('.') != std::string::npos);
        CHECK(std::isdigit(static_cast<unsigned char>(v[i].version[0])));
    }
}

TEST_CASE("style: a key the style does not read is a warning with the closest key, and is ignored") {
    auto dir = std::filesystem::temp_directory_path() / "docexport-test-unknown-key";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "typo.yaml") << "name: typo\ntext:\n  size: 11pt\n  line-hieght: 2\npaper: A5\n";
    Style s = load_style((dir / "typo.yaml").string(), "zh");
    CHECK(s.font_size_pt == doctest::Approx(11));
    CHECK(s.line_height == doctest::Approx(load_style("brief", "zh").line_height));   // the default stays
    REQUIRE(s.warnings.size() == 2);
    CHECK(s.warnings[0].severity == Severity::warning);
    CHECK(s.warnings[0].pos.line == 5);   // the style's own keys are checked first
    CHECK(s.warnings[0].message == "unknown key 'paper' in the style; it is ignored");
    CHECK(s.warnings[1].pos.line == 4);
    CHECK(s.warnings[1].pos.col == 3);
    CHECK(s.warnings[1].message == "unknown key 'line-hieght' in 'text'; it is ignored");
    CHECK(std::find(s.warnings[1].hints.begin(), s.warnings[1].hints.end(), "did you mean 'line-height'?") !=
          s.warnings[1].hints.end());
    CHECK(load_style("brief", "zh").warnings.empty());
    std::filesystem::remove_all(dir);
}
