// How long layout takes on a large document: 1,000 articles of the seed's kind (about 1.5 M Han characters).
// Skipped by default (it takes about a second); run it with
//   build/docexport_unit_tests -tc='layout perf*' --no-skip
#include "layout/layout.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <ctime>
#include <string>

using namespace docexport;
using namespace docexport::layout;

TEST_CASE("layout perf: 1,000 articles of 1,500 Han characters" * doctest::skip()) {
    const std::string paragraph =
        "工信部近日印發通知，支持創建北京、天津（濱海新區）、杭州、廣州、成都國家人工智能創新應用先導區。這是繼上海（浦東新區）、"
        "深圳、濟南－青島3個先導區後，工信部發布的第二批先導區名單。至此，全國人工智能創新應用先導區已增至8個。通知指出，北京國家"
        "人工智能創新應用先導區要加快核心算法、基礎軟硬件等技術研發，加速智能基礎設施建設，打造全球領先的人工智能創新策源地。";
    Document doc;
    doc.meta.title = "一千篇文章";
    doc.meta.language = "zh-Hant-TW";
    for (int a = 0; a < 1000; ++a) {
        Section s;
        s.title.push_back(make_text("第" + std::to_string(a + 1) + "篇：國家人工智能創新應用先導區"));
        s.meta.date = "2021-02-20";
        for (int p = 0; p < 7; ++p) {
            Block b;
            b.kind = BlockKind::paragraph;
            b.inlines.push_back(make_text(paragraph));
            s.blocks.push_back(std::move(b));
        }
        doc.sections.push_back(std::move(s));
    }
    DiagnosticSink sink;
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    Layout layout = layout_document(doc, brief_settings(), sink);
    double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t glyphs = 0;
    for (const auto& page : layout.pages)
        for (const auto& run : page.runs) glyphs += run.glyphs.size();
    MESSAGE("1,000 articles: " << layout.pages.size() << " pages, " << glyphs << " glyphs in " << cpu << " s CPU, " << seconds << " s wall");
    CHECK(cpu < 2.0);   // CPU time: a loaded build machine inflates the wall time
}
