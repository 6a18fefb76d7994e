#include "fonts/font.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace docexport;
using namespace docexport::fonts;

TEST_CASE("fonts: fontconfig finds the Traditional Chinese face of the Noto CJK collection") {
    FontLocation loc = locate_font("Noto Serif CJK TC", 400, "zh-tw");
    CHECK(loc.path.find("NotoSerifCJK") != std::string::npos);
    Font f = Font::open(loc);
    CHECK(f.family() == "Noto Serif CJK TC");
    CHECK(f.is_cff());
    CHECK(f.fs_type() == 0);
    CHECK(f.upem() == 1000);
    CHECK(f.has_char(U'區'));
    CHECK_FALSE(f.has_char(U'\U0002A6D6'));
    CHECK_NOTHROW(f.check_embeddable("EPUB"));
}

TEST_CASE("fonts: a family that is not installed is an error with a hint, not a silent fallback") {
    try {
        locate_font("Noto Serif CJK XX");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()) == "font family 'Noto Serif CJK XX' is not installed");
        REQUIRE(e.hints().size() == 1);
        CHECK(e.hints()[0].find("fonts-noto-cjk") != std::string::npos);
    }
}

TEST_CASE("fonts: HanaMinB covers CJK Extension B") {
    Font f = Font::find("HanaMinB");
    CHECK(f.has_char(U'\U0002000B'));
    CHECK_FALSE(f.is_cff());
}

TEST_CASE("fonts: a subset holds the characters asked for and is much smaller") {
    Font f = Font::find("Noto Serif CJK TC", 400, "zh-tw");
    std::set<char32_t> chars;
    for (char32_t c : std::u32string(U"工信部宣布新增國家人工智能創新應用先導區，。「」")) chars.insert(c);
    std::string bytes = f.subset_chars(chars, SubsetOptions{});
    CHECK(bytes.size() > 1000);
    CHECK(bytes.size() < 200000);
    auto path = std::filesystem::temp_directory_path() / "docexport-test-subset.otf";
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    Font sub = Font::open(FontLocation{path.string(), 0});
    CHECK(sub.has_char(U'區'));
    CHECK(sub.has_char(U'「'));
    CHECK_FALSE(sub.has_char(U'北'));
    CHECK(sub.is_cff());
    std::filesystem::remove(path);

    std::string glyphs = f.subset_glyphs({f.glyph_for(U'區')}, SubsetOptions{false, false, false});
    CHECK(glyphs.size() < bytes.size());
}

TEST_CASE("fonts: a file that is not a font is refused") {
    auto path = std::filesystem::temp_directory_path() / "docexport-test-notafont.ttf";
    std::ofstream(path) << "not a font";
    CHECK_THROWS_AS(Font::open(FontLocation{path.string(), 0}), Error);
    std::filesystem::remove(path);
    CHECK_THROWS_AS(Font::open(FontLocation{"/nonexistent/font.ttf", 0}), Error);
}
