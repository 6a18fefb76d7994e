// The PDF backend: its helpers (text, CFF, ToUnicode, TJ positioning, metadata) and write_layout on layouts built
// by hand from HarfBuzz-shaped strings (the layout engine has its own tests).
#include "layout/page.hpp"
#include "pdf/cff.hpp"
#include "pdf/content.hpp"
#include "pdf/hpdf_document.hpp"
#include "pdf/metadata.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf/text.hpp"
#include "pdf/to_unicode.hpp"

#include <doctest/doctest.h>
#include <hb.h>

#include <memory>

using namespace docexport;
using namespace docexport::pdf;

namespace {

std::string cff_table(const fonts::Font& f) {
    hb_blob_t* blob = hb_face_reference_table(f.face(), HB_TAG('C', 'F', 'F', ' '));
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    std::string out(data ? data : "", len);
    hb_blob_destroy(blob);
    return out;
}

// Shapes text with font index f of layout and appends it as a run on page at (x, y); returns the pen's end x.
double add_line(layout::Layout& doc, layout::Page& page, std::size_t f, const std::string& text, double x, double y,
                double size = 12) {
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text.c_str(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(doc.fonts[f]->font(), buf, nullptr, 0);
    unsigned n = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    double scale = size / doc.fonts[f]->upem();
    layout::GlyphRun run;
    run.font = f;
    run.size = size;
    for (unsigned k = 0; k < n; ++k) {
        layout::PlacedGlyph g;
        g.gid = info[k].codepoint;
        g.x = x + pos[k].x_offset * scale;
        g.y = y;
        g.advance = pos[k].x_advance * scale;
        if (k == 0 || info[k].cluster != info[k - 1].cluster) {
            unsigned end = k + 1 < n ? info[k + 1].cluster : static_cast<unsigned>(text.size());
            g.text = text.substr(info[k].cluster, end - info[k].cluster);
        }
        x += g.advance;
        run.glyphs.push_back(g);
    }
    hb_buffer_destroy(buf);
    page.runs.push_back(std::move(run));
    return x;
}

layout::Layout sample_layout() {
    layout::Layout doc;
    doc.fonts.push_back(std::make_unique<fonts::Font>(fonts::Font::find("Noto Serif CJK TC", 400, "zh-tw")));
    doc.fonts.push_back(std::make_unique<fonts::Font>(fonts::Font::find("HanaMinB")));
    layout::Page page;
    add_line(doc, page, 0, "國家人工智能創新應用先導區，2021年。", 72, 100);
    add_line(doc, page, 1, "\U0002000B\U000210C1", 72, 130);
    doc.pages.push_back(std::move(page));
    doc.outline.push_back({"先導區\U0002000B", 1, 0, 90});
    return doc;
}

DocumentMeta sample_meta() {
    DocumentMeta meta;
    meta.title = "國家人工智能創新應用先導區簡報";
    meta.authors = {"中國證券報"};
    meta.language = "zh-Hant-TW";
    meta.date = "2021-02-20";
    return meta;
}

}  // namespace

TEST_CASE("pdf text: UTF-8, UTF-16BE with surrogates, hex, escaping and numbers") {
    CHECK(utf8::decode("a區\U0002000B") == U"a區\U0002000B");
    CHECK(utf8::decode("a\xFF" "b\xE5\x8D") == U"a\uFFFDb\uFFFD");  // one U+FFFD per maximal subpart
    CHECK(hex(utf16be(U"A\U0002000B")) == "0041D840DC0B");
    CHECK(xml_escape("A&B <c> \"d\" 'e'\x01") == "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    CHECK(percent_encode_uri("https://example.org/先導區?q=a b&x=%41") ==
          "https://example.org/%E5%85%88%E5%B0%8E%E5%8D%80?q=a%20b&x=%41");
    CHECK(format_number(12.5) == "12.5");
    CHECK(format_number(3.0) == "3");
    CHECK(format_number(-0.0001) == "0");
    CHECK(format_number(841.89) == "841.89");
    CHECK(format_number(0.123456, 4) == "0.1235");
}

TEST_CASE("pdf raw entries read as libharu writes the same values (reals, text strings, literals)") {
    // Each value set through libharu and written by HpdfDocument's own forms: the saved file must hold both alike.
    const std::vector<double> reals = {0, 1, -1, 0.5, 70.86614227294922, 714.953613, 532.91339, 841.8898, 0.000004,
                                       0.0000051, 12.345675, -0.3, 32766.99, -32766.99, 1e-9, 123.999996, 3.1415926};
    const std::vector<std::string> texts = {"", "plain", "a/b(c)\\d%e#f<g>[h]{i}", "page 12", "人工智能 𠀀 test",
                                            "tab\there"};
    HpdfDocument doc;
    HPDF_Page page = HPDF_AddPage(doc.get());
    PdfDict holder = doc.new_dict();
    PdfArray numbers = doc.new_array();
    for (double r : reals) numbers.add_real(r);
    holder.set("N", numbers);
    for (std::size_t i = 0; i < texts.size(); ++i) holder.set_text(("T" + std::to_string(i)).c_str(), texts[i]);
    holder.set_ascii("L", "https://example.com/a(1)");
    doc.check("setting values");
    (void)page;
    std::string saved;
    doc.save([&](std::string_view piece) { saved.append(piece); });
    std::string expected = "/N [";
    for (double r : reals) expected += ' ' + HpdfDocument::real(r);
    expected += " ]";
    CHECK(saved.find(expected) != std::string::npos);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        INFO(texts[i]);
        CHECK(saved.find("/T" + std::to_string(i) + ' ' + HpdfDocument::text(texts[i]) + '\n') != std::string::npos);
    }
    CHECK(saved.find("/L " + HpdfDocument::literal("https://example.com/a(1)") + '\n') != std::string::npos);
    CHECK(HpdfDocument::real(99999) == "32767");
    CHECK(HpdfDocument::literal("a/b") == "(a\\057b)");
}

TEST_CASE("pdf cff: Noto Serif CJK TC is CID-keyed Adobe-Identity-0 with an identity charset") {
    fonts::Font f = fonts::Font::find("Noto Serif CJK TC", 400, "zh-tw");
    auto info = parse_cff(cff_table(f));
    REQUIRE(info);
    CHECK(info->cid_keyed);
    CHECK(info->registry == "Adobe");
    CHECK(info->ordering == "Identity");
    CHECK(info->charset.size() == hb_face_get_glyph_count(f.face()));
    bool identity = true;
    for (std::size_t g = 0; g < info->charset.size(); ++g) identity = identity && info->charset[g] == g;
    CHECK(identity);
    CHECK_FALSE(parse_cff("not a font"));
    CHECK_FALSE(parse_cff(""));
}

TEST_CASE("pdf cff: hb-subset without retained glyph IDs keeps the original CIDs in the charset") {
    fonts::Font f = fonts::Font::find("Noto Serif CJK TC", 400, "zh-tw");
    std::set<std::uint32_t> gids{f.glyph_for(U'國'), f.glyph_for(U'區'), f.glyph_for(U'5')};
    std::string subset = f.subset_glyphs(gids, fonts::SubsetOptions{false, false, false});
    hb_blob_t* blob = hb_blob_create(subset.data(), static_cast<unsigned>(subset.size()), HB_MEMORY_MODE_READONLY,
                                     nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_t* cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    unsigned len = 0;
    const char* data = hb_blob_get_data(cff, &len);
    auto info = parse_cff(std::string_view(data, len));
    hb_blob_destroy(cff);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    REQUIRE(info);
    CHECK(info->cid_keyed);
    REQUIRE(info->charset.size() == 4);
    std::set<std::uint32_t> cids(info->charset.begin() + 1, info->charset.end());
    CHECK(cids == gids);
}

TEST_CASE("pdf ToUnicode: bfchar blocks of at most 100, UTF-16BE with surrogate pairs") {
    std::map<std::uint16_t, std::u32string> map;
    for (std::uint16_t c = 1; c <= 250; ++c) map[c] = std::u32string(1, static_cast<char32_t>(0x4E00 + c));
    map[300] = U"\U0002000B";
    map[301] = U"";  // no text: left out
    map[302] = U"ffi";
    std::string cmap = to_unicode_cmap(map);
    CHECK(cmap.find("100 beginbfchar") != std::string::npos);
    CHECK(cmap.find("52 beginbfchar") != std::string::npos);
    CHECK(cmap.find("<012C> <D840DC0B>") != std::string::npos);
    CHECK(cmap.find("<012D>") == std::string::npos);
    CHECK(cmap.find("<012E> <006600660069>") != std::string::npos);
    CHECK(cmap.find("/CMapType 2 def") != std::string::npos);
}

using namespace std::string_literals;

TEST_CASE("pdf content: TJ adjustments reproduce absolute positions, a new baseline starts a new Tm") {
    std::string out;
    TextWriter w(out);
    w.begin_run("F1", 10, Rgb{});
    w.glyph(0x0584, 1000, 72, 700);    // Tm
    w.glyph(0x0585, 1000, 82, 700);    // exactly where the width leaves the pen: no number
    w.glyph(0x0586, 1000, 94.5, 700);  // 2.5 pt further: -250
    w.glyph(0x0587, 500, 72, 680);     // new line
    w.end_run();
    CHECK(out == "BT /F1 10 Tf\n1 0 0 1 72 700 Tm\n[(\x05\x84\x05\x85)-250(\x05\x86)] TJ\n1 0 0 1 72 680 Tm\n[(\x05\x87)] TJ\nET\n");

    out.clear();
    TextWriter c(out);
    c.begin_run("F2", 12, Rgb{0, 0, 1});
    c.glyph(1, 1000, 0, 0);
    c.begin_actual_text(utf16be(U"\U0002000B"));
    c.glyph(2, 1000, 12, 0);
    c.end_actual_text();
    c.end_run();
    CHECK(out == "BT /F2 12 Tf\n0 0 1 rg\n1 0 0 1 0 0 Tm\n[(\0\1)] TJ\n/Span <</ActualText <FEFFD840DC0B>>> BDC\n"
                 "[(\0\2)] TJ\nEMC\nET\n"s);
}

TEST_CASE("pdf content: code bytes that a literal string cannot hold as they are are escaped") {
    std::string out;
    TextWriter w(out);
    w.begin_run("F1", 10, Rgb{});
    w.glyph(0x2829, 1000, 0, 0);   // ( )
    w.glyph(0x5C0D, 1000, 10, 0);  // \ CR
    w.glyph(0x0A41, 1000, 20, 0);  // LF A
    w.end_run();
    CHECK(out == "BT /F1 10 Tf\n1 0 0 1 0 0 Tm\n[(\\(\\)\\\\\\r\\nA)] TJ\nET\n");
}

TEST_CASE("pdf content: a shared character spacing (Tc) replaces the TJ adjustments of a justified line") {
    std::string out;
    TextWriter w(out);
    w.begin_run("F1", 10, Rgb{});
    w.set_char_spacing(0.25);
    w.glyph(1, 1000, 72, 700);
    w.glyph(2, 1000, 82.25, 700);   // width + Tc: no number
    w.glyph(3, 1000, 92.5, 700);
    w.glyph(4, 1000, 105, 700);     // 2.25 pt more than Tc gives: -225
    w.end_run();
    w.begin_run("F1", 10, Rgb{});
    w.set_char_spacing(0.25);       // unchanged: not written again
    w.glyph(5, 1000, 72, 680);
    w.end_run();
    CHECK(out == "BT /F1 10 Tf\n0.25 Tc\n1 0 0 1 72 700 Tm\n[(\0\1\0\2\0\3)-225(\0\4)] TJ\nET\n"
                 "BT /F1 10 Tf\n1 0 0 1 72 680 Tm\n[(\0\5)] TJ\nET\n"s);
}

TEST_CASE("pdf content: rounding of TJ adjustments does not accumulate") {
    std::string out;
    TextWriter w(out);
    w.begin_run("F1", 10.5, Rgb{});
    double x = 100;
    for (int i = 0; i < 200; ++i) {
        w.glyph(1, 1000, x, 500);
        x += 10.5 + 0.0437;  // a width the rounding cannot express exactly
    }
    w.end_run();
    // Each adjustment is -4 or -5 (0.0437 pt = 4.16/1000 em at 10.5 pt); their sum tracks the true offset.
    long sum = 0;
    for (std::size_t p = out.find(')'); p != std::string::npos; p = out.find(')', p + 1)) {
        std::size_t q = p + 1;
        if (q < out.size() && out[q] == '-') sum += std::stol(out.substr(q + 1, out.find('(', q) - q - 1));
    }
    // 199 steps of 4.162/1000 em: 828.2 in total, so the pen ends within one unit of the target.
    CHECK(sum >= 827);
    CHECK(sum <= 829);
}

TEST_CASE("pdf metadata: dates from SOURCE_DATE_EPOCH, the document, or 1970, XMP escaped") {
    CHECK(pdf_date(resolve_date(1613801940, "")) == "D:20210220061900Z");
    CHECK(xmp_date(resolve_date(1613801940, "1999-01-01")) == "2021-02-20T06:19:00Z");
    CHECK(pdf_date(resolve_date(std::nullopt, "2021-02-20 06:19")) == "D:20210220061900");
    CHECK(pdf_date(resolve_date(std::nullopt, "2021-02-20")) == "D:20210220000000");
    CHECK(pdf_date(resolve_date(std::nullopt, "")) == "D:19700101000000Z");
    CHECK(pdf_date(resolve_date(std::nullopt, "2021-13-45")) == "D:19700101000000Z");

    DocumentMeta meta;
    meta.title = "臺北 & <新北>\U0002000B";
    meta.authors = {"王小明", "李四"};
    meta.language = "zh-Hant-TW";
    PdfMetadata m = collect_metadata(meta, "docexport", "docexport", resolve_date(0, ""));
    CHECK(m.author == "王小明、李四");
    std::string xmp = xmp_packet(m);
    CHECK(xmp.find("<rdf:li xml:lang=\"x-default\">臺北 &amp; &lt;新北&gt;\U0002000B</rdf:li>") != std::string::npos);
    CHECK(xmp.find("<rdf:li>王小明</rdf:li><rdf:li>李四</rdf:li>") != std::string::npos);
    CHECK(xmp.find("<xmp:CreateDate>1970-01-01T00:00:00Z</xmp:CreateDate>") != std::string::npos);
    meta.language = "en";
    CHECK(collect_metadata(meta, "", "", {}).author == "王小明, 李四");
}

TEST_CASE("pdf write_layout: a PDF 1.5 file, dated by the epoch") {
    layout::Layout doc = sample_layout();
    DocumentMeta meta = sample_meta();
    DiagnosticSink sink;
    PdfOptions options;
    options.source_date_epoch = 1613801940;
    std::string a = write_layout(doc, meta, options, sink);
    CHECK(a.rfind("%PDF-1.5\n", 0) == 0);
    CHECK(a.find("%%EOF") != std::string::npos);
    CHECK(a.find("(D:20210220061900Z)") != std::string::npos);
    CHECK(a.find("/Lang (zh-Hant-TW)") != std::string::npos);
    CHECK(a.find("/ID [ <") != std::string::npos);
    CHECK(a.find("/Subtype /CIDFontType0C") != std::string::npos);
    CHECK(a.find("/CIDToGIDMap /Identity") != std::string::npos);
    CHECK(sink.count(Severity::warning) == 0);
    options.source_date_epoch = 0;
    std::string c = write_layout(doc, meta, options, sink);
    CHECK(c != a);
    CHECK(c.find("(D:19700101000000Z)") != std::string::npos);
}

TEST_CASE("pdf write_layout: .notdef is never drawn but reported, a bad font index is an internal error") {
    layout::Layout doc = sample_layout();
    layout::GlyphRun run;
    run.font = 0;
    run.glyphs.push_back(layout::PlacedGlyph{72, 200, 12, 0, "\U0002A6D6"});
    doc.pages[0].runs.push_back(run);
    DiagnosticSink sink;
    std::string pdf = write_layout(doc, sample_meta(), PdfOptions{}, sink);
    CHECK(pdf.rfind("%PDF", 0) == 0);
    REQUIRE(sink.count(Severity::warning) == 1);
    CHECK(sink.diagnostics()[0].message == "no glyph for U+2A6D6 in 'Noto Serif CJK TC'; left out of the PDF");

    doc.pages[0].runs.back().font = 7;
    try {
        write_layout(doc, sample_meta(), PdfOptions{}, sink);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::internal);
    }
}

TEST_CASE("pdf write_layout: an empty layout gives one blank page, missing images and bad links are reported") {
    layout::Layout doc;
    DiagnosticSink sink;
    CHECK(write_layout(doc, DocumentMeta{}, PdfOptions{}, sink).find("/Count 1") != std::string::npos);

    layout::Layout with_problems = sample_layout();
    with_problems.pages[0].images.push_back(layout::ImageBox{"/nonexistent/image.png", 72, 300, 100, 80});
    with_problems.pages[0].links.push_back(layout::LinkArea{72, 90, 100, 12, "", 5, 0, {}});
    with_problems.outline.push_back({"beyond", 1, 9, 0});
    DiagnosticSink problems;
    std::string pdf = write_layout(with_problems, sample_meta(), PdfOptions{}, problems);
    CHECK(pdf.rfind("%PDF", 0) == 0);
    CHECK(problems.count(Severity::warning) == 3);
}


namespace {

// Returns the page objects of a saved PDF (what is between "obj" and "endobj"), in order, each with its /Contents
// reference made "C" (the pages compared are different objects).
std::vector<std::string> page_objects(const std::string& pdf) {
    std::vector<std::string> out;
    for (std::size_t at = 0; (at = pdf.find("<<\n/Type /Page\n", at)) != std::string::npos; ++at) {
        std::string object = pdf.substr(at, pdf.find("endobj", at) - at);
        std::size_t c = object.find("/Contents ");
        if (c != std::string::npos) object.replace(c + 10, object.find('\n', c) - c - 10, "C");
        out.push_back(object);
    }
    return out;
}

}  // namespace

TEST_CASE("pdf pages made by new_page read as libharu writes its own pages, and their content is read back whole") {
    HpdfDocument doc;
    PdfDict font_a = doc.new_dict(), font_b = doc.new_dict(), image = doc.new_dict();
    PdfDict link_a = doc.new_raw_dict(), link_b = doc.new_raw_dict();
    // libharu's pages: an image before the fonts, two links, a key in the parent tree; then fonts only, no key.
    HPDF_Page first = HPDF_AddPage(doc.get());
    HPDF_Page_SetWidth(first, 500.5F);
    HPDF_Page_SetHeight(first, 700.25F);
    CHECK(std::string(HPDF_Page_GetXObjectName(first, image.get())) == "X1");
    CHECK(std::string(HPDF_Page_GetLocalFontName(first, font_a.get())) == "F1");
    CHECK(std::string(HPDF_Page_GetLocalFontName(first, font_b.get())) == "F2");
    PdfArray annots = doc.new_array();
    annots.add(link_a).add(link_b);
    PdfDict(first).set("Annots", annots).set_name("Tabs", "S").set_number("StructParents", 3);
    HPDF_Page second = HPDF_AddPage(doc.get());
    CHECK(std::string(HPDF_Page_GetLocalFontName(second, font_b.get())) == "F1");
    PdfDict(second).set_name("Tabs", "S");
    // The same, made by new_page.
    HPDF_Page raw_first = doc.new_page(500.5, 700.25);
    CHECK(doc.image_name(raw_first, image.get()) == "X1");
    CHECK(doc.font_name(raw_first, font_a) == "F1");
    CHECK(doc.font_name(raw_first, font_b) == "F2");
    CHECK(doc.font_name(raw_first, font_a) == "F1");
    doc.add_annotation(raw_first, link_a);
    doc.add_annotation(raw_first, link_b);
    doc.set_page_structure(raw_first, 3);
    const std::string operators = "q 1 0 0 1 10 10 cm Q\n";
    doc.set_deflated_content(raw_first, deflate(operators));
    HPDF_Page raw_second = doc.new_page(HPDF_Page_GetWidth(second), HPDF_Page_GetHeight(second));
    CHECK(doc.font_name(raw_second, font_b) == "F1");
    doc.set_page_structure(raw_second, -1);
    doc.set_deflated_content(raw_second, deflate(""));
    CHECK_THROWS_AS(doc.set_deflated_content(raw_second, deflate("")), Error);
    doc.finish_pages({raw_first, raw_second});
    doc.check("making pages");
    std::string saved;
    doc.save([&](std::string_view piece) { saved.append(piece); });
    std::vector<std::string> pages = page_objects(saved);
    REQUIRE(pages.size() == 4);
    CHECK(pages[2] == pages[0]);
    CHECK(pages[3] == pages[1]);
    CHECK(pages[0].find("/XObject <<\n/X1 ") < pages[0].find("/Font <<\n/F1 "));
    CHECK(saved.find("/Count 4\n") != std::string::npos);
    // The content stream holds the deflated operators, its length object their size.
    std::string deflated = deflate(operators);
    std::size_t stream = saved.find("stream\r\n" + deflated + "\nendstream");
    REQUIRE(stream != std::string::npos);
    CHECK(saved.rfind("/Filter /FlateDecode\n", stream) != std::string::npos);
    CHECK(saved.find("obj\n" + std::to_string(deflated.size()) + "\nendobj") != std::string::npos);
}
