#include "support/ascii.hpp"
#include "support/code_points.hpp"
#include "support/dates.hpp"
#include "support/files.hpp"
#include "support/percent_encoding.hpp"
#include "support/utf8.hpp"

#include <docexport/diagnostics.hpp>

#include <doctest/doctest.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace docexport;

namespace {

// ICU's U8_NEXT and U8_PREV over the same text, the reference for the codec's handling of malformed input.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
std::vector<std::pair<char32_t, std::size_t>> icu_forward(std::string_view s) {
    std::vector<std::pair<char32_t, std::size_t>> out;
    int32_t i = 0;
    auto length = static_cast<int32_t>(s.size());
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(s.data(), i, length, c);
        out.emplace_back(c < 0 ? utf8::malformed : static_cast<char32_t>(c), static_cast<std::size_t>(i));
    }
    return out;
}

std::vector<std::pair<char32_t, std::size_t>> icu_backward(std::string_view s) {
    std::vector<std::pair<char32_t, std::size_t>> out;
    auto i = static_cast<int32_t>(s.size());
    while (i > 0) {
        UChar32 c = 0;
        U8_PREV(s.data(), 0, i, c);
        out.emplace_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), static_cast<std::size_t>(i));
    }
    return out;
}
#pragma GCC diagnostic pop

std::vector<std::pair<char32_t, std::size_t>> forward(std::string_view s) {
    std::vector<std::pair<char32_t, std::size_t>> out;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8::next_or_malformed(s, i);
        out.emplace_back(c, i);
    }
    return out;
}

std::vector<std::pair<char32_t, std::size_t>> backward(std::string_view s) {
    std::vector<std::pair<char32_t, std::size_t>> out;
    for (std::size_t i = s.size(); i > 0;) {
        char32_t c = utf8::previous_code_point(s, i);
        out.emplace_back(c, i);
    }
    return out;
}

// A temporary directory, removed with what it holds.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "docexport-support-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path / name, std::ios::binary) << bytes;
        return (path / name).string();
    }
};

}  // namespace

TEST_CASE("support utf8: decodes and encodes one to four bytes") {
    std::string s = "a\u00E9區\U0002000B";
    CHECK(utf8::decode(s) == U"a\u00E9區\U0002000B");
    CHECK(utf8::encode(U"a\u00E9區\U0002000B") == s);
    std::size_t i = s.size();
    CHECK(utf8::previous_code_point(s, i) == U'\U0002000B');
    CHECK(utf8::previous_code_point(s, i) == U'區');
    CHECK(i == 3);
    CHECK(utf8::count_code_points(s) == 4);
    std::string out;
    utf8::append(out, 0xD800);         // a surrogate
    utf8::append(out, 0x110000);       // beyond Unicode
    utf8::append(out, U'\U0010FFFF');  // the last code point
    CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD\xF4\x8F\xBF\xBF");
}

TEST_CASE("support utf8: one U+FFFD per maximal subpart of a malformed sequence") {
    CHECK(utf8::decode("a\xFF" "b\xE5\x8D") == U"a\uFFFDb\uFFFD");     // a truncated sequence is one
    CHECK(utf8::decode("\xE5\x8D" "a") == U"\uFFFDa");
    CHECK(utf8::decode("\x80\x80") == U"\uFFFD\uFFFD");                // stray continuation bytes, one each
    CHECK(utf8::decode("\xC0\xAF") == U"\uFFFD\uFFFD");                // overlong
    CHECK(utf8::decode("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");      // a surrogate
    CHECK(utf8::decode("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD");  // beyond U+10FFFF
    CHECK(utf8::decode("\xF0\x9F\x98" "a") == U"\uFFFDa");             // three bytes of four
    std::size_t i = 0;
    CHECK(utf8::next_or_malformed("\xF0\x9F\x98", i) == utf8::malformed);
    CHECK(i == 3);
    i = 0;
    CHECK(utf8::next_or_malformed("\xEF\xBF\xBD", i) == U'\uFFFD');  // U+FFFD itself is well-formed
}

TEST_CASE("support utf8: the same code points and boundaries as ICU's U8_NEXT and U8_PREV") {
    // Every string of up to four bytes from the bytes at the edges of the UTF-8 ranges.
    const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                   0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    std::vector<std::string> texts{""};
    std::size_t compared = 0;
    for (int length = 1; length <= 4; ++length) {
        std::vector<std::string> longer;
        for (const std::string& t : texts)
            for (unsigned char b : edges) longer.push_back(t + static_cast<char>(b));
        texts = std::move(longer);
        for (const std::string& t : texts) {
            if (forward(t) != icu_forward(t) || backward(t) != icu_backward(t)) {
                std::string hex;
                for (unsigned char b : t) hex += std::to_string(b) + " ";
                FAIL("differs from ICU on bytes " << hex);
            }
            ++compared;
        }
    }
    CHECK(compared == 25 + 625 + 15625 + 390625);
}

TEST_CASE("support code points: U+XXXX labels and the characters XML allows") {
    CHECK(support::code_point_label(0) == "U+0000");
    CHECK(support::code_point_label(U'A') == "U+0041");
    CHECK(support::code_point_label(U'\u3000') == "U+3000");
    CHECK(support::code_point_label(U'\U0002A6D6') == "U+2A6D6");
    CHECK(support::code_point_label(U'\U0010FFFF') == "U+10FFFF");
    CHECK(support::is_xml_char(U'\t'));
    CHECK(support::is_xml_char(U'\n'));
    CHECK(support::is_xml_char(U'\r'));
    CHECK(support::is_xml_char(U'區'));
    CHECK(support::is_xml_char(U'\uFFFD'));
    CHECK(support::is_xml_char(U'\U0010FFFF'));
    CHECK_FALSE(support::is_xml_char(0));
    CHECK_FALSE(support::is_xml_char(0x1F));
    CHECK_FALSE(support::is_xml_char(0xD800));
    CHECK_FALSE(support::is_xml_char(0xFFFE));
    CHECK_FALSE(support::is_xml_char(0xFFFF));
    CHECK_FALSE(support::is_xml_char(0x110000));
}

TEST_CASE("support ascii: case of ASCII letters only") {
    CHECK(support::ascii_lower("Zh-HANT-TW") == "zh-hant-tw");
    CHECK(support::ascii_lower("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // ÉTÉ: UTF-8 bytes untouched
    CHECK(support::ascii_lower('Q') == 'q');
    CHECK(support::ascii_lower('@') == '@');
    CHECK(support::ascii_lower('[') == '[');
    CHECK(support::ascii_upper('a') == 'A');
    CHECK(support::ascii_upper('{') == '{');
}

TEST_CASE("support percent_encode_uri: what a URI may not hold as %XX, the rest as it is") {
    CHECK(support::percent_encode_uri("https://example.org/先導區?q=a b&x=%41") ==
          "https://example.org/%E5%85%88%E5%B0%8E%E5%8D%80?q=a%20b&x=%41");
    CHECK(support::percent_encode_uri("\"<>\\^`{|}") == "%22%3C%3E%5C%5E%60%7B%7C%7D");
    CHECK(support::percent_encode_uri(std::string("\x01\x7F\x00", 3)) == "%01%7F%00");
    const std::string kept = "AZaz09-._~:/?#[]@!$&'()*+,;=%";
    CHECK(support::percent_encode_uri(kept) == kept);
}

TEST_CASE("support civil_date: real days of the proleptic Gregorian calendar") {
    using namespace std::chrono;
    REQUIRE(support::civil_date(1970, 1, 1));
    CHECK(support::civil_date(1970, 1, 1)->time_since_epoch().count() == 0);
    CHECK(support::civil_date(2000, 3, 1)->time_since_epoch().count() == 11017);
    CHECK(support::civil_date(1969, 12, 31)->time_since_epoch().count() == -1);
    CHECK(support::civil_date(2024, 2, 29));
    CHECK(support::civil_date(2000, 2, 29));
    CHECK_FALSE(support::civil_date(2023, 2, 29));
    CHECK_FALSE(support::civil_date(1900, 2, 29));
    CHECK_FALSE(support::civil_date(2021, 4, 31));
    CHECK_FALSE(support::civil_date(2021, 13, 1));
    CHECK_FALSE(support::civil_date(2021, 0, 1));
    CHECK_FALSE(support::civil_date(2021, 1, 0));
    CHECK_FALSE(support::civil_date(2021, 257, 1));  // would wrap to January in std::chrono::month
    CHECK_FALSE(support::civil_date(2021, 1, 257));
    CHECK_FALSE(support::civil_date(-1, -1, 1));
    CHECK_FALSE(support::civil_date(40000, 1, 1));
}

TEST_CASE("support read_file: the bytes, or an input error that says why") {
    TempDir dir;
    std::string path = dir.write("a.txt", std::string("ab\0c", 4));
    support::ReadFileHints hints{"name the files inside it", "split it"};
    CHECK(support::read_file(path, 4, hints) == std::string("ab\0c", 4));
    auto error_of = [&](const std::string& p, std::size_t limit, const support::ReadFileHints& h) {
        try {
            support::read_file(p, limit, h);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::input);
            return format_diagnostic(e.as_diagnostic());
        }
        return std::string("no error");
    };
    CHECK(error_of(path, 3, hints) ==
          path + ": error: file is too large (4 bytes; the limit is 3)\n  hint: split it\n");
    CHECK(error_of(dir.path.string(), 10, hints) ==
          dir.path.string() + ": error: is a directory, not a file\n  hint: name the files inside it\n");
    CHECK(error_of(dir.path.string(), 10, {}) == dir.path.string() + ": error: is a directory, not a file\n");
    CHECK(error_of((dir.path / "none").string(), 10, hints).find("error: no such file") != std::string::npos);
}

TEST_CASE("support lower_extension: of the last path component, lowercased") {
    CHECK(support::lower_extension("a/B.MD") == "md");
    CHECK(support::lower_extension("feed.Atom") == "atom");
    CHECK(support::lower_extension("x.tar.gz") == "gz");
    CHECK(support::lower_extension("dir.d/README") == "");
    CHECK(support::lower_extension("noext") == "");
}
