// Test-only: writes a small PDF through pdf::write_layout from lines shaped naively with HarfBuzz (no line
// breaking; one font per line with a per-character fallback to HanaMinB), so the validators can check the PDF
// backend before the layout engine exists. Usage: pdf_sample OUT.pdf [IMAGE.png]
#include "layout/page.hpp"
#include "pdf/pdf_writer.hpp"
#include "writers/write_settings.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/writers.hpp>

#include <hb.h>

#include <fstream>
#include <iostream>

using namespace docexport;

namespace {

// Appends one line of text at (x, baseline) as runs of font `primary`, falling back to `fallback` per character.
std::string source_text;  // every line shaped, in order, for the round-trip check

double shape_line(layout::Layout& doc, layout::Page& page, std::size_t primary, std::size_t fallback,
                  const std::string& text, double x, double baseline, double size, layout::Color color = {}) {
    source_text += text + "\n";
    // Split the text into pieces by which font has the character.
    std::vector<std::pair<std::size_t, std::string>> pieces;
    std::size_t i = 0;
    while (i < text.size()) {
        auto b = static_cast<unsigned char>(text[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
        std::string ch = text.substr(i, len);
        char32_t cp = 0;
        if (len == 1) cp = b;
        else {
            cp = b & (0x3F >> (len - 1));
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        std::size_t f = doc.fonts[primary]->has_char(cp) ? primary : fallback;
        if (pieces.empty() || pieces.back().first != f) pieces.emplace_back(f, "");
        pieces.back().second += ch;
        i += len;
    }
    for (const auto& [f, piece] : pieces) {
        hb_buffer_t* buf = hb_buffer_create();
        hb_buffer_add_utf8(buf, piece.c_str(), static_cast<int>(piece.size()), 0, static_cast<int>(piece.size()));
        hb_buffer_guess_segment_properties(buf);
        hb_buffer_set_language(buf, hb_language_from_string("zh-Hant", -1));
        hb_shape(doc.fonts[f]->font(), buf, nullptr, 0);
        unsigned n = 0;
        hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
        hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
        double scale = size / doc.fonts[f]->upem();
        layout::GlyphRun run;
        run.font = f;
        run.size = size;
        run.color = color;
        for (unsigned k = 0; k < n; ++k) {
            layout::PlacedGlyph g;
            g.gid = info[k].codepoint;
            g.x = x + pos[k].x_offset * scale;
            g.y = baseline - pos[k].y_offset * scale;
            g.advance = pos[k].x_advance * scale;
            if (k == 0 || info[k].cluster != info[k - 1].cluster) {
                unsigned end = static_cast<unsigned>(piece.size());
                for (unsigned j = k + 1; j < n; ++j)
                    if (info[j].cluster != info[k].cluster) {
                        end = info[j].cluster;
                        break;
                    }
                g.text = piece.substr(info[k].cluster, end - info[k].cluster);
            }
            x += g.advance;
            run.glyphs.push_back(g);
        }
        hb_buffer_destroy(buf);
        page.runs.push_back(std::move(run));
    }
    return x;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: pdf_sample OUT.pdf [IMAGE.png]\n";
        return 64;
    }
    try {
        layout::Layout doc;
        doc.fonts.push_back(std::make_unique<fonts::Font>(fonts::Font::find("Noto Serif CJK TC", 400, "zh-tw")));
        doc.fonts.push_back(std::make_unique<fonts::Font>(fonts::Font::find("Noto Sans CJK TC", 400, "zh-tw")));
        doc.fonts.push_back(std::make_unique<fonts::Font>(fonts::Font::find("HanaMinB")));
        doc.fonts.push_back(std::make_unique<fonts::Font>(fonts::Font::find("DejaVu Serif")));
        const std::size_t serif = 0, sans = 1, extb = 2, latin = 3;

        const char* body[] = {
            "工信部宣布新增5個國家人工智能創新應用先導區，",
            "分別為北京、天津（濱海新區）、杭州、廣州、成都。",
            "「智慧城市」計畫於2021年2月20日啟動，預算3.5億元。",
            "香港人名常用𠀋與𡃁等擴展B區漢字；Latin text, 123 and ÄÖÜ.",
            "第一條：先導區應當……建設——試點示範。",
        };
        layout::Page p1;
        double y = 90;
        shape_line(doc, p1, sans, extb, "國家人工智能創新應用先導區簡報", 72, y, 20);
        p1.rects.push_back(layout::Rect{72, y + 8, 451, 0.8, layout::Color{0.6, 0.1, 0.1}, 0});
        y += 40;
        for (const char* line : body) {
            shape_line(doc, p1, serif, extb, line, 72, y, 12);
            y += 22;
        }
        shape_line(doc, p1, latin, extb, "Résumé: fine ligatures ffi, 12.5% — “quotes”.", 72, y, 12,
                   layout::Color{0, 0, 0.6});
        p1.links.push_back(layout::LinkArea{72, y - 12, 300, 16, "https://example.org/先導區?q=智慧 城市", 0, 0, "先導區"});
        y += 22;
        double x_end = shape_line(doc, p1, serif, extb, "見第二頁", 72, y, 12, layout::Color{0, 0, 0.8});
        p1.links.push_back(layout::LinkArea{72, y - 12, x_end - 72, 16, "", 1, 72, {}});
        p1.rects.push_back(layout::Rect{70, y + 30, 200, 60, layout::Color{0.2, 0.2, 0.2}, 0.5});
        if (argc > 2) p1.images.push_back(layout::ImageBox{argv[2], 300, y + 30, 80, 60});
        doc.pages.push_back(std::move(p1));

        layout::Page p2;
        shape_line(doc, p2, sans, extb, "二、八個先導區一覽", 72, 90, 16);
        shape_line(doc, p2, serif, extb, "北京　天津　杭州　廣州　成都　上海　深圳　濟南－青島", 72, 130, 12);
        shape_line(doc, p2, serif, extb, "𠀋𡃁𨋢𠝹𪛖（擴展B，花園明朝）", 72, 160, 12);
        // One glyph, two texts: the Latin A also stands for a Greek Alpha here (ToUnicode keeps the first
        // mapping, so the second needs /ActualText).
        std::size_t before = p2.runs.size();
        shape_line(doc, p2, latin, extb, "AA", 72, 190, 12);
        source_text.resize(source_text.size() - 3);
        source_text += "A\u0391\n";
        p2.runs[before].glyphs[1].text = "\u0391";
        doc.pages.push_back(std::move(p2));

        doc.outline = {{"國家人工智能創新應用先導區簡報", 1, 0, 60},
                       {"一、工信部宣布新增𠀋先導區", 2, 0, 110},
                       {"二、八個先導區一覽", 1, 1, 60},
                       {"北京 & <天津>", 2, 1, 110}};
        doc.page_labels = {{0, layout::PageLabelRange::Style::roman_lower, "", 1},
                           {1, layout::PageLabelRange::Style::decimal, "附", 1}};

        DocumentMeta meta;
        meta.title = "國家人工智能創新應用先導區簡報𠀋";
        meta.authors = {"中國證券報", "王小明"};
        meta.summary = "工信部第二批先導區名單 & <八個先導區> 概覽";
        meta.language = "zh-Hant-TW";
        meta.date = "2021-02-20 06:19";

        DiagnosticSink sink;
        pdf::PdfOptions options;
        options.source_date_epoch = writers::source_date_epoch_from_environment();
        std::string bytes = pdf::write_layout(doc, meta, options, sink);
        for (const auto& d : sink.diagnostics()) std::cerr << format_diagnostic(d);
        write_file_atomically(argv[1], bytes);
        write_file_atomically(std::string(argv[1]) + ".txt", source_text);
    } catch (const Error& e) {
        std::cerr << format_diagnostic(e.as_diagnostic());
        return 2;
    }
    return 0;
}
