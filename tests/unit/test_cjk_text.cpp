#include "readers/common/cjk_text.hpp"

#include <doctest/doctest.h>

using namespace docexport::readers;

TEST_CASE("cjk text: wrapped lines join without a space between CJK characters") {
    CHECK(join_lines({"工信部2月19日消息，", "工信部近日印發通知"}) == "工信部2月19日消息，工信部近日印發通知");
    CHECK(join_lines({"  artificial", "intelligence  "}) == "artificial intelligence");
    CHECK(join_lines({"採用", "AI 技術"}) == "採用 AI 技術");
    CHECK(join_lines({"uses", "人工智能"}) == "uses 人工智能");
    CHECK(join_lines({"\u2002\u2002段落", "", "續行"}) == "段落續行");
}

TEST_CASE("cjk text: half-width punctuation next to CJK becomes full-width") {
    CHECK(convert_cjk_punctuation("工信部2月19日消息,工信部近日印發通知") == "工信部2月19日消息，工信部近日印發通知");
    CHECK(convert_cjk_punctuation("天津(濱海新區)、杭州") == "天津（濱海新區）、杭州");
    CHECK(convert_cjk_punctuation("來源:中國證券報") == "來源：中國證券報");
    CHECK(convert_cjk_punctuation("真的嗎?是的!好;") == "真的嗎？是的！好；");
    // A pair converts together even when only one side touches CJK text.
    CHECK(convert_cjk_punctuation("先導區(AI)") == "先導區（AI）");
}

TEST_CASE("cjk text: Latin text and numbers are left alone") {
    CHECK(convert_cjk_punctuation("2021-02-20 06:19") == "2021-02-20 06:19");
    CHECK(convert_cjk_punctuation("Hello, world: (see above)!") == "Hello, world: (see above)!");
    CHECK(convert_cjk_punctuation("共1,000個") == "共1,000個");
    CHECK(convert_cjk_punctuation("時間06:19發布") == "時間06:19發布");
    CHECK(convert_cjk_punctuation("使用GPT-4, 效果") == "使用GPT-4, 效果");
}

TEST_CASE("cjk text: the code point conversion is one to one") {
    std::u32string in = U"區(qū),天津";
    std::u32string out = convert_cjk_punctuation(std::u32string_view(in));
    CHECK(out.size() == in.size());
}
