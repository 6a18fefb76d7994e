#include "pdf/pdf_writer.hpp"

#include "pdf/cid_font.hpp"
#include "pdf/content.hpp"
#include "pdf/hpdf_document.hpp"
#include "pdf/metadata.hpp"
#include "pdf/navigation.hpp"
#include "pdf/structure.hpp"
#include "pdf/text.hpp"
#include "layout/blocks.hpp"
#include "layout/layout.hpp"
#include "support/code_points.hpp"
#include "support/parallel.hpp"
#include "support/progress.hpp"

#include <docexport/version.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>

namespace docexport::pdf {

namespace {

constexpr std::size_t max_mapped_utf16_units = 64;  // longer cluster texts go to /ActualText instead

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

Rgb rgb(const layout::Color& c) { return Rgb{clamp01(c.r), clamp01(c.g), clamp01(c.b)}; }

std::string color_operands(const layout::Color& c) {
    return format_number(clamp01(c.r), 4) + ' ' + format_number(clamp01(c.g), 4) + ' ' + format_number(clamp01(c.b), 4);
}

// Calls fn(begin, end) for each cluster of run: glyphs [begin, end), the first carrying the cluster's source
// text and the others none.
template <typename Fn>
void for_each_cluster(const layout::GlyphRun& run, Fn&& fn) {
    std::size_t n = run.glyphs.size();
    std::size_t begin = 0;
    for (std::size_t i = 1; i <= n; ++i)
        if (i == n || !run.glyphs[i].text.empty()) {
            fn(begin, i);
            begin = i;
        }
}

// Returns how many UTF-16 code units UTF-8 text takes (4-byte sequences become surrogate pairs).
std::size_t utf16_units(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char b : utf8) {
        if ((b & 0xC0) != 0x80) ++n;
        if (b >= 0xF0) ++n;
    }
    return n;
}

// Returns how the text writer sets a run of orientation o (layout's upright runs are horizontal on the page).
TextDirection direction(layout::Orientation o) {
    switch (o) {
    case layout::Orientation::vertical: return TextDirection::vertical;
    case layout::Orientation::sideways: return TextDirection::sideways;
    default: return TextDirection::horizontal;
    }
}

// Returns the character spacing that most glyph pairs of run need (the justification stretch of its line),
// or 0 when no spacing is shared by enough of them to shorten the TJ arrays.
double common_char_spacing(const layout::GlyphRun& run, const CidFont& f) {
    std::vector<std::pair<long, double>> gaps;   // (key in 1e-4 pt, exact gap)
    gaps.reserve(run.glyphs.size());
    // Along the run and across it (runs other than horizontal ones go down the page).
    bool horizontal = run.orientation == layout::Orientation::horizontal;
    bool vertical = run.orientation == layout::Orientation::vertical;
    for (std::size_t k = 0; k + 1 < run.glyphs.size(); ++k) {
        const auto& a = run.glyphs[k];
        const auto& b = run.glyphs[k + 1];
        if (std::abs(horizontal ? a.y - b.y : a.x - b.x) > 0.0005) continue;
        int width = vertical ? f.vertical_advance(a.gid) : f.width(a.gid);
        double gap = (horizontal ? b.x - a.x : b.y - a.y) - width * run.size / 1000.0;
        gaps.emplace_back(std::lround(gap * 1e4), gap);
    }
    if (gaps.size() < 3) return 0;
    std::sort(gaps.begin(), gaps.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::size_t best = 0, best_count = 0;
    for (std::size_t i = 0; i < gaps.size();) {
        std::size_t j = i;
        while (j < gaps.size() && gaps[j].first == gaps[i].first) ++j;
        if (j - i > best_count) {
            best_count = j - i;
            best = i;
        }
        i = j;
    }
    if (gaps[best].first == 0 || best_count * 5 < gaps.size() * 2) return 0;
    return vertical ? -gaps[best].second : gaps[best].second;   // Tc moves a vertical pen up
}

// What writing one page found that the document's diagnostics must say (reported in page order).
struct PageReport {
    std::size_t font = 0;
    std::uint32_t gid = 0;
    std::string text;
    bool notdef = false;   // else: a glyph without source text
};

// A page's content stream, compressed, and what it found.
struct PageContent {
    std::string deflated;
    std::uint64_t hash_a = 0, hash_b = 0;
    std::vector<PageReport> reports;
    std::vector<std::int32_t> marks;   // the structure node of each marked-content id (MCID)
};

enum class ImageKind { png, jpeg, other };

// Returns what in a PNG or JPEG file PDF/A-2u as docexport writes it cannot hold (transparency: an alpha channel
// or a tRNS chunk, which libharu turns into a soft mask; CMYK, for which the sRGB output intent does not speak), or
// an empty string.
std::string pdfa_obstacle(std::string_view bytes, ImageKind kind) {
    auto u8 = [&](std::size_t i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0u; };
    layout::ImageHeader header = layout::read_image_header(bytes);
    if (kind == ImageKind::png) {
        if (header.png_color_type == 4 || header.png_color_type == 6) return "has an alpha channel (transparency)";
        // Chunks: length (4 bytes, big-endian), type, data, CRC; tRNS comes before the first IDAT.
        for (std::size_t at = 8; at + 8 <= bytes.size();) {
            std::size_t length = (u8(at) << 24) | (u8(at + 1) << 16) | (u8(at + 2) << 8) | u8(at + 3);
            std::string_view type = bytes.substr(at + 4, 4);
            if (type == "tRNS") return "has a transparent colour (tRNS)";
            if (type == "IDAT" || type == "IEND") break;
            at += 12 + length;
        }
    } else if (kind == ImageKind::jpeg && header.jpeg_components == 4) {
        return "is in CMYK";   // or YCCK: the frame header's four components
    }
    return {};
}

ImageKind sniff_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char head[8] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    if (in.gcount() >= 8 && head[0] == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') return ImageKind::png;
    if (in.gcount() >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ImageKind::jpeg;
    return ImageKind::other;
}

// Writes pages as layout hands them over (layout::PageSink): each batch of pages becomes content streams, built and
// deflated on several threads, and only what the end needs is kept per page (its page object, height and links).
class Writer final : public layout::PageSink {
public:
    // finish() hands the file to put, piece by piece.
    Writer(const DocumentMeta& meta, const PdfOptions& options, DiagnosticSink& sink,
           const std::map<std::string, std::shared_ptr<const std::string>>& image_bytes, OutputPiece put)
        : meta_(meta), options_(options), sink_(sink), image_bytes_(image_bytes), put_(std::move(put)) {
        doc_.set_version(HPDF_VER_15);  // /ActualText spans are PDF 1.5
        // What PDF/UA-1 needs from the document itself, before any work (ISO 14289-1, 7.1 and 7.2).
        if (options_.standard.ua && meta_.title.empty())
            throw Error(ErrorCode::input, "PDF/UA-1 needs the document's title, and this document has none", {},
                        {"give it with --title, or a title: in the manifest or the front matter"});
        if (options_.standard.ua && meta_.language.empty())
            throw Error(ErrorCode::input, "PDF/UA-1 needs the document's language, and it is not known", {},
                        {"give it with --lang (e.g. --lang zh-Hant-TW), or a language: in the manifest"});
    }

    void add_page(layout::Page&& page, const std::vector<const fonts::Font*>& fonts) override {
        faces_ = &fonts;
        for (const auto& run : page.runs) batch_glyphs_ += run.glyphs.size();
        batch_.push_back(std::move(page));
        if (batch_.size() >= batch_pages || batch_glyphs_ >= batch_glyph_limit) flush();
    }

    void insert_pages(std::size_t at, std::vector<layout::Page>&& pages, const std::vector<const fonts::Font*>& fonts) override {
        faces_ = &fonts;
        flush();
        at = std::min(at, pages_.size());
        for (auto& links : links_)
            for (auto& link : links)
                if (link.uri.empty() && link.target_page >= at) link.target_page += pages.size();
        write_pages(pages, at);
    }

    void finish(layout::LayoutTail&& tail) override {
        flush();
        if (pages_.empty()) {
            // A PDF needs a page; an empty layout gives one blank A4 page.
            const HPDF_REAL a4_width = 595.276F, a4_height = 841.89F;   // libharu's A4
            HPDF_Page page = doc_.new_page(a4_width, a4_height);
            doc_.set_deflated_content(page, deflate(""));
            pages_.push_back(page);
            heights_.push_back(a4_height);
            links_.emplace_back();
            marks_.emplace_back();
            id_.add("empty");
        }
        for (auto& [page, link] : tail.links)
            if (page < links_.size()) links_[page].push_back(std::move(link));
        NavigationWriter navigation(doc_, pages_, heights_, sink_, id_);
        std::vector<TaggedAnnotation> annotations;
        for (std::size_t i = 0; i < pages_.size(); ++i) {
            navigation.write_links(i, links_[i], annotations);
            std::vector<layout::LinkArea>().swap(links_[i]);   // written: a long book's links go as they are
        }
        navigation.write_outline(tail.outline);
        navigation.write_page_labels(tail.page_labels);
        std::vector<layout::OutlineEntry>().swap(tail.outline);
        // The pages are written; what is left is embedding the fonts (subsets) and assembling the file.
        std::size_t used = 0;
        for (const auto& f : fonts_) used += f ? 1 : 0;
        support::StageProgress progress(options_.progress, ProgressStage::writing, used);
        for (auto& f : fonts_)
            if (f) {
                f->finalize(doc_);
                id_.add(f->base_font());
                progress.add();
            }
        fonts_.clear();   // embedded: what each font kept of its glyphs (codes, widths, texts) goes
        write_metadata(doc_, metadata(), id_);
        if (options_.standard.pdfa) write_output_intent();
        // The structure last: its elements are packed into object streams after every other object.
        marks_.resize(pages_.size());
        std::size_t without_alt = write_structure(doc_, std::move(tail.structure), pages_, marks_, annotations, meta_.language,
                                                  !options_.standard.pdfa);
        if (options_.standard.ua && without_alt > 0)
            throw Error(ErrorCode::input,
                        "PDF/UA-1 needs a text alternative for every image, and " + std::to_string(without_alt) +
                            (without_alt == 1 ? " image has" : " images have") + " none (warned above)",
                        {}, {"give each image alt text (![what it shows](image.png)), or leave out --pdf-standard ua-1"});
        doc_.finish_pages(pages_);
        write_id(doc_, id_);
        doc_.save(put_);
        progress.finish();
    }

private:
    // A batch: enough pages to keep the threads busy, few enough glyphs to keep the memory small.
    static constexpr std::size_t batch_pages = 64;
    static constexpr std::size_t batch_glyph_limit = 200000;

    void flush() {
        if (batch_.empty()) return;
        write_pages(batch_, pages_.size());
        batch_.clear();
        batch_glyphs_ = 0;
    }

    CidFont& font(std::size_t index) {
        if (!faces_ || index >= faces_->size() || !(*faces_)[index])
            throw Error(ErrorCode::internal, "a glyph run refers to font " + std::to_string(index) + " of " +
                                                 std::to_string(faces_ ? faces_->size() : 0));
        if (fonts_.size() <= index) fonts_.resize(index + 1);
        if (!fonts_[index]) fonts_[index] = std::make_unique<CidFont>(doc_, *(*faces_)[index]);
        return *fonts_[index];
    }

    // Records the glyphs of pages in order: every font's ToUnicode map grows (so that the writer knows for each
    // cluster whether the map gives its text or it needs an /ActualText span) and every drawn glyph gets its code
    // and width. The first text a glyph is drawn for is its map's. A glyph drawn inside a cluster after the
    // cluster's first gets a text too (PDF/UA and PDF/A-2u want every glyph shown to map to Unicode): the
    // cluster's character at its place when the cluster has as many characters as glyphs (its first glyph then
    // gets the first character, not the whole text, so that a reader without /ActualText reads each once), else
    // U+200B; a cluster that holds such a glyph is then written in an /ActualText span of its own text, so
    // nothing reads twice. A glyph's text never changes once given, and is given before any page that draws it is
    // written. The pages' content can then be made in parallel.
    void record_glyphs(const std::vector<layout::Page>& pages) {
        for (const auto& page : pages)
            for (const auto& run : page.runs) {
                if (run.glyphs.empty()) continue;
                CidFont& f = font(run.font);
                for_each_cluster(run, [&](std::size_t begin, std::size_t end) {
                    for (std::size_t k = begin; k < end; ++k)
                        if (run.glyphs[k].gid == 0) return;   // never drawn (reported with the page)
                    const auto& first = run.glyphs[begin];
                    // A cluster of as many glyphs as characters (figures set upright together): a character each.
                    std::u32string chars = end - begin > 1 ? utf8::decode(first.text) : std::u32string();
                    bool each = chars.size() == end - begin;
                    // An alt text rides on a space glyph: it goes to /ActualText, never to the glyph's map.
                    if (run.role != layout::RunRole::alt_text && !first.text.empty() && f.text_of(first.gid).empty() &&
                        utf16_units(first.text) <= max_mapped_utf16_units)
                        f.map_text(first.gid, each ? utf8::encode(chars.substr(0, 1)) : std::string(first.text.view()));
                    for (std::size_t k = begin; k < end; ++k) {
                        std::uint32_t gid = run.glyphs[k].gid;
                        if (run.orientation == layout::Orientation::vertical) f.record_vertical(gid);
                        else f.record(gid);
                        if (k > begin && f.text_of(gid).empty())
                            f.map_text(gid, utf8::encode(each ? std::u32string(1, chars[k - begin]) : std::u32string(1, U'\u200B')));
                    }
                });
            }
    }

    // Writes pages as the pages at index at on (before the page now at at, or at the end): their page objects,
    // and their content: the operators are built and deflated on several threads, then handed to libharu in
    // page order with the pages' resources. Their links are kept for the end.
    void write_pages(std::vector<layout::Page>& pages, std::size_t at) {
        std::size_t n = pages.size();
        if (n == 0) return;
        record_glyphs(pages);
        std::vector<HPDF_Page> made;
        for (const auto& p : pages) made.push_back(doc_.new_page(p.width, p.height));
        // Resource names first (libharu's page dictionaries are not thread-safe).
        std::vector<std::vector<std::string>> font_names(n), image_names(n);
        for (std::size_t i = 0; i < n; ++i) {
            const layout::Page& p = pages[i];
            for (const auto& run : p.runs) {
                std::string name;
                if (!run.glyphs.empty())
                    name = doc_.font_name(made[i], run.orientation == layout::Orientation::vertical
                                                       ? font(run.font).type0_vertical(doc_)
                                                       : font(run.font).type0());
                font_names[i].push_back(std::move(name));
            }
            for (const auto& img : p.images) {
                HPDF_Image image = image_for(img.path);
                image_names[i].push_back(image ? doc_.image_name(made[i], image) : std::string());
            }
        }
        std::vector<PageContent> contents(n);
        std::size_t workers = worker_count(n / 4 + 1);
        if (deflaters_.size() < workers) deflaters_.resize(workers);
        parallel_for(n, workers, [&](std::size_t w, std::size_t i) {
            if (!deflaters_[w]) deflaters_[w] = std::make_unique<Deflater>();
            std::string ops = page_operators(pages[i], font_names[i], image_names[i], contents[i].reports, contents[i].marks);
            contents[i].deflated = deflaters_[w]->deflate(ops);
            // The identifier hashes the compressed bytes: the same content, a fifth of the bytes to hash.
            contents[i].hash_a = fnv1a(contents[i].deflated, DocumentId::seed_a);
            contents[i].hash_b = fnv1a(contents[i].deflated, DocumentId::seed_b);
        });
        for (std::size_t i = 0; i < n; ++i) {
            PageContent& c = contents[i];
            doc_.set_deflated_content(made[i], c.deflated);
            c.deflated = std::string();
            id_.add_page(c.hash_a, c.hash_b);
            for (const auto& img : pages[i].images)
                if (image_for(img.path)) id_.add(img.path);
            for (const PageReport& r : c.reports) {
                const CidFont& f = *fonts_[r.font];
                if (r.notdef) report_notdef(f, r.text, utf8::decode(r.text));
                else report_textless(f, r.gid);
            }
        }
        auto pos = static_cast<std::ptrdiff_t>(at);
        pages_.insert(pages_.begin() + pos, made.begin(), made.end());
        std::vector<double> heights;
        std::vector<std::vector<layout::LinkArea>> links;
        std::vector<std::vector<std::int32_t>> marks;
        for (std::size_t i = 0; i < n; ++i) {
            heights.push_back(pages[i].height);
            links.push_back(std::move(pages[i].links));
            marks.push_back(std::move(contents[i].marks));
        }
        marks_.insert(marks_.begin() + pos, std::make_move_iterator(marks.begin()), std::make_move_iterator(marks.end()));
        heights_.insert(heights_.begin() + pos, heights.begin(), heights.end());
        links_.insert(links_.begin() + pos, std::make_move_iterator(links.begin()), std::make_move_iterator(links.end()));
    }

    // Returns page p's content stream: the rules (decoration), then the images and the text in reading order, each
    // piece in marked content: an /Artifact, or a span whose MCID's structure node goes to marks. Consecutive pieces
    // of one node share a span. Reads the fonts only (thread-safe).
    std::string page_operators(const layout::Page& p, const std::vector<std::string>& font_names,
                               const std::vector<std::string>& image_names, std::vector<PageReport>& reports,
                               std::vector<std::int32_t>& marks) const {
        double h = p.height;
        std::string ops;
        if (!p.rects.empty()) ops += "/Artifact BMC\n";
        for (const auto& r : p.rects) {
            std::string box = format_number(r.x) + ' ' + format_number(h - r.y - r.height) + ' ' +
                              format_number(r.width) + ' ' + format_number(r.height) + " re";
            if (r.stroke_width > 0)
                ops += "q " + color_operands(r.color) + " RG " + format_number(r.stroke_width) + " w " + box + " S Q\n";
            else
                ops += "q " + color_operands(r.color) + " rg " + box + " f Q\n";
        }
        if (!p.rects.empty()) ops += "EMC\n";
        // The marked content open: its node (untagged: an artifact); none before the first piece.
        bool open = false;
        std::int32_t open_tag = layout::untagged;
        auto mark = [&](std::int32_t tag, const char* kind) {
            if (open && tag == open_tag) return;
            if (open) ops += "EMC\n";
            open = true;
            open_tag = tag;
            if (tag < 0) {
                ops += "/Artifact BMC\n";
            } else {
                ops += std::string("/") + kind + " <</MCID " + std::to_string(marks.size()) + ">> BDC\n";
                marks.push_back(tag);
            }
        };
        // Images in reading order, each before the run it precedes.
        std::vector<std::size_t> images;
        for (std::size_t k = 0; k < p.images.size(); ++k)
            if (!image_names[k].empty()) images.push_back(k);
        std::stable_sort(images.begin(), images.end(),
                         [&](std::size_t a, std::size_t b) { return p.images[a].after_runs < p.images[b].after_runs; });
        std::size_t next_image = 0;
        auto images_before = [&](std::size_t run) {
            for (; next_image < images.size() && p.images[images[next_image]].after_runs <= run; ++next_image) {
                const auto& img = p.images[images[next_image]];
                mark(img.tag, "Figure");
                ops += "q " + format_number(img.width) + " 0 0 " + format_number(img.height) + ' ' + format_number(img.x) + ' ' +
                       format_number(h - img.y - img.height) + " cm /" + image_names[images[next_image]] + " Do Q\n";
            }
        };
        bool any = !images.empty();
        for (const auto& run : p.runs) any = any || !run.glyphs.empty();
        if (!any) return ops;
        ops += "q\n";
        TextWriter text(ops);
        for (std::size_t r = 0; r < p.runs.size(); ++r) {
            images_before(r);
            const auto& run = p.runs[r];
            if (run.glyphs.empty()) continue;
            mark(run.tag, "Span");
            const CidFont& f = *fonts_[run.font];
            // A ruby annotation is drawn, but the reading text is its base: the annotation sits in a span whose
            // /ActualText is empty, so extraction skips it, while its glyphs keep their ToUnicode entries.
            bool annotation = run.role == layout::RunRole::annotation;
            text.begin_run(font_names[r], run.size, rgb(run.color), direction(run.orientation));
            text.set_char_spacing(common_char_spacing(run, f));
            if (annotation) text.begin_actual_text({});
            // Latin turned sideways and figures set upright in a vertical column: one span of the run's text.
            bool turned = run.orientation == layout::Orientation::sideways ||
                          run.orientation == layout::Orientation::upright;
            if (turned) {
                std::string all;
                for (const auto& g : run.glyphs) all += g.text.view();
                text.begin_actual_text(utf16be(utf8::decode(all)));
            }
            // An inline image's alt text: an invisible glyph (render mode 3) in an /ActualText span of the alt
            // text (its space glyph is never mapped to it), so extraction reads the alt text where the image is.
            bool alt_text = run.role == layout::RunRole::alt_text;
            text.set_render_mode(alt_text ? 3 : 0);
            // Its glyph is stretched to the image's width, so that extraction sees the alt text fill the image's
            // place (no gap that would read as a word break or a column).
            int glyph_width = alt_text ? f.width(run.glyphs.front().gid) : 0;
            text.set_horizontal_scaling(glyph_width > 0 ? 100 * run.glyphs.front().advance / (glyph_width / 1000.0 * run.size) : 100);
            for_each_cluster(run, [&](std::size_t begin, std::size_t end) {
                write_cluster(text, f, run, begin, end, h, reports, !annotation && !turned);
            });
            if (annotation || turned) text.end_actual_text();
            text.end_run();
        }
        images_before(SIZE_MAX);
        if (open) ops += "EMC\n";
        ops += "Q\n";
        return ops;
    }

    // Writes glyphs [begin, end) of run, in an /ActualText span of their source text when ToUnicode would not
    // give it and spans are allowed (not inside an annotation's span: marked content would nest).
    void write_cluster(TextWriter& text, const CidFont& f, const layout::GlyphRun& run, std::size_t begin,
                       std::size_t end, double page_height, std::vector<PageReport>& reports, bool spans) const {
        const auto& first = run.glyphs[begin];
        for (std::size_t k = begin; k < end; ++k)
            if (run.glyphs[k].gid == 0) {
                reports.push_back(PageReport{run.font, 0, std::string(first.text.view()), true});
                return;  // never draw .notdef (tofu)
            }
        // The extracted text must be the source text: /ActualText when ToUnicode would say something else.
        const std::string& mapped = f.text_of(first.gid);
        bool actual = mapped != first.text;
        for (std::size_t k = begin + 1; k < end; ++k)
            if (!f.text_of(run.glyphs[k].gid).empty()) actual = true;
        if (first.text.empty() && mapped.empty()) {
            actual = false;
            reports.push_back(PageReport{run.font, first.gid, {}, false});
        }
        if (!spans) actual = false;
        if (actual) text.begin_actual_text(utf16be(utf8::decode(first.text)));
        bool vertical = run.orientation == layout::Orientation::vertical;
        for (std::size_t k = begin; k < end; ++k) {
            const auto& g = run.glyphs[k];
            text.glyph(f.code(g.gid), vertical ? f.vertical_advance(g.gid) : f.width(g.gid), g.x, page_height - g.y);
        }
        if (actual) text.end_actual_text();
    }

    void report_notdef(const CidFont& f, const std::string& text, const std::u32string& source) {
        std::string key = f.font().family() + '\n' + text;
        if (!reported_.insert(key).second) return;
        std::string chars;
        for (char32_t ch : source) {
            if (!chars.empty()) chars += ' ';
            chars += support::code_point_label(ch);  // appended: GCC 12 warns falsely (-Wrestrict) on "x" + string
        }
        sink_.warn({}, "no glyph for " + (chars.empty() ? std::string("a character") : chars) + " in '" +
                           f.font().family() + "'; left out of the PDF",
                   {"choose a style whose fallback fonts cover it (e.g. HanaMinB for CJK Extension B)"});
    }

    void report_textless(const CidFont& f, std::uint32_t gid) {
        std::string key = f.font().family() + "\ngid" + std::to_string(gid);
        if (!reported_.insert(key).second) return;
        sink_.note({}, "glyph " + std::to_string(gid) + " of '" + f.font().family() +
                           "' has no source text; copying it from the PDF gives nothing");
    }

    HPDF_Image image_for(const std::string& path) {
        auto it = images_.find(path);
        if (it != images_.end()) return it->second;
        HPDF_Image image = nullptr;
        std::error_code ec;
        SourcePos where{path, 0, 0};
        if (auto made = image_bytes_.find(path); made != image_bytes_.end()) {
            // Made in memory (the generated cover): a PNG, in the identifier like the page content.
            id_.add(*made->second);
            const auto* data = reinterpret_cast<const HPDF_BYTE*>(made->second->data());
            image = HPDF_LoadPngImageFromMem(doc_.get(), data, static_cast<HPDF_UINT>(made->second->size()));
            if (!image || HPDF_GetError(doc_.get()) != HPDF_OK) {
                doc_.reset_error();
                throw Error(ErrorCode::internal, "libharu cannot read the generated cover image");
            }
        } else if (!std::filesystem::is_regular_file(path, ec)) {
            sink_.warn(where, "image not found; left out of the PDF");
        } else {
            ImageKind kind = sniff_image(path);
            if (options_.standard.pdfa && kind != ImageKind::other) {
                std::ifstream in(path, std::ios::binary);
                std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                std::string obstacle = pdfa_obstacle(bytes, kind);
                if (!obstacle.empty())
                    throw Error(ErrorCode::input, "image " + obstacle + ", which PDF/A-2u as docexport writes it cannot hold",
                                where,
                                {kind == ImageKind::png ? "flatten it onto a background (an RGB PNG without alpha), or leave out --pdf-standard a-2u"
                                                        : "convert it to an RGB JPEG, or leave out --pdf-standard a-2u"});
            }
            if (kind == ImageKind::png) image = HPDF_LoadPngImageFromFile(doc_.get(), path.c_str());
            else if (kind == ImageKind::jpeg) image = HPDF_LoadJpegImageFromFile(doc_.get(), path.c_str());
            if (kind == ImageKind::other) {
                sink_.warn(where, "image is neither PNG nor JPEG; left out of the PDF");
            } else if (!image || HPDF_GetError(doc_.get()) != HPDF_OK) {
                HPDF_STATUS s = doc_.reset_error();
                char code[16];
                std::snprintf(code, sizeof code, "0x%04X", static_cast<unsigned>(s));
                sink_.warn(where, std::string("libharu cannot read this image (error ") + code + "); left out of the PDF",
                           {"convert it to an 8-bit, non-interlaced PNG or a baseline JPEG"});
                image = nullptr;
            }
        }
        images_.emplace(path, image);
        return image;
    }

    // Adds the sRGB output intent that PDF/A needs for device colours (ISO 19005-2, 6.2.3), with the profile of
    // Debian's icc-profiles-free.
    void write_output_intent() {
        static const char* const profiles[] = {"/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"};
        std::string icc;
        for (const char* path : profiles) {
            std::ifstream in(path, std::ios::binary);
            if (!in) continue;
            icc.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            if (icc.size() > 128 && icc.compare(16, 4, "RGB ") == 0) break;
            icc.clear();
        }
        if (icc.empty())
            throw Error(ErrorCode::input, "PDF/A-2u needs an sRGB ICC profile for its output intent, and none is installed",
                        {}, {"install Debian's icc-profiles-free (/usr/share/color/icc/sRGB.icc)"});
        PdfDict profile = doc_.new_stream(icc, true);
        profile.set_number("N", 3);
        PdfDict intent = doc_.new_direct_dict();
        intent.set_name("Type", "OutputIntent").set_name("S", "GTS_PDFA1");
        intent.set_ascii("OutputConditionIdentifier", "sRGB IEC61966-2.1").set_ascii("Info", "sRGB IEC61966-2.1");
        intent.set("DestOutputProfile", profile);
        doc_.catalog().set("OutputIntents", doc_.new_array().add(intent));
        doc_.check("writing the output intent");
        id_.add(icc);
    }

    // Returns the Info and XMP strings: the document's, with docexport as the producer.
    PdfMetadata metadata() const {
        std::string version_text = std::string("docexport ") + docexport::version;
        std::string creator = options_.creator.empty() ? version_text : options_.creator;
        std::string producer = version_text + " (libHaru " + HPDF_GetVersion() + ")";
        PdfMetadata m = collect_metadata(meta_, creator, producer, resolve_date(options_.source_date_epoch, meta_.date));
        m.right_to_left = options_.right_to_left;
        m.pdf_ua = options_.standard.ua;
        m.pdf_a = options_.standard.pdfa;
        return m;
    }

    const DocumentMeta& meta_;
    const PdfOptions& options_;
    DiagnosticSink& sink_;
    const std::map<std::string, std::shared_ptr<const std::string>>& image_bytes_;
    HpdfDocument doc_;
    const std::vector<const fonts::Font*>* faces_ = nullptr;   // by GlyphRun::font
    std::vector<std::unique_ptr<CidFont>> fonts_;
    std::vector<layout::Page> batch_;   // pages given and not yet written
    std::size_t batch_glyphs_ = 0;
    std::vector<std::unique_ptr<Deflater>> deflaters_;   // one per worker
    std::vector<HPDF_Page> pages_;                        // the page objects, in document order
    std::vector<double> heights_;
    std::vector<std::vector<layout::LinkArea>> links_;    // written at the end, when every target exists
    std::vector<std::vector<std::int32_t>> marks_;        // per page: the structure node of each MCID
    std::map<std::string, HPDF_Image> images_;
    std::set<std::string> reported_;
    DocumentId id_;
    OutputPiece put_;
};

}  // namespace

std::string write_layout(const layout::Layout& layout, const DocumentMeta& meta, const PdfOptions& options,
                         DiagnosticSink& sink) {
    std::string bytes;
    Writer writer(meta, options, sink, layout.image_bytes, [&](std::string_view piece) { bytes.append(piece); });
    std::vector<const fonts::Font*> fonts;
    for (const auto& f : layout.fonts) fonts.push_back(f.get());
    for (const layout::Page& page : layout.pages) writer.add_page(layout::Page(page), fonts);
    writer.finish(layout::LayoutTail{{}, layout.outline, layout.page_labels, layout.structure});
    return bytes;
}

void write_document(const Document& doc, const layout::LayoutSettings& settings, const DocumentMeta& meta,
                    const PdfOptions& options, DiagnosticSink& sink, const layout::CoverPicture* cover,
                    const std::map<std::string, std::shared_ptr<const std::string>>& image_bytes, const OutputPiece& put,
                    const layout::SectionDone& section_done) {
    std::vector<std::unique_ptr<fonts::Font>> fonts;   // outlives the writer
    Writer writer(meta, options, sink, image_bytes, put);
    layout::layout_document(doc, settings, sink, writer, fonts, options.progress, cover, section_done);
}

}  // namespace docexport::pdf
