#include "pdf/cover.hpp"

#include "cover/cover_image.hpp"
#include "layout/blocks.hpp"
#include "layout/cover_page.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>

namespace docexport::pdf {

namespace {

// The generated cover's width in pixels (about 190 dpi on A4); its height follows the page's proportions.
constexpr unsigned generated_width = 1600;

// What the generated cover's image is called in messages and layout dumps.
constexpr const char* generated_name = "(generated cover)";

// Returns the cover page's label in the document's language.
std::string cover_label(const std::string& language) {
    std::string script = style::script_for_language(language);
    if (script == "hant" || script == "hans") return "封面";
    if (script == "jpan") return "表紙";
    if (script == "kore") return "표지";
    return "Cover";
}

// Returns x with two decimals (locale-independent).
std::string two_decimals(double x) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, 2);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

std::optional<CoverPage> cover_page(const Document& doc, const WriteOptions& options,
                                    const writers::WriteSettings& settings, DiagnosticSink& sink) {
    const DocumentMeta& meta = settings.meta;
    std::string asked = options.cover.empty() ? meta.cover : options.cover;
    if (asked.empty()) return std::nullopt;
    std::string label = cover_label(meta.language);

    if (asked != cover::generated_cover_name) {
        SourcePos where{asked, 0, 0};
        std::error_code ec;
        auto [pixel_width, pixel_height] = layout::image_pixel_size(asked);
        std::string problem;
        std::vector<std::string> hints;
        if (!std::filesystem::is_regular_file(asked, ec)) {
            problem = "cover image not found";
            hints = {"check the path given to --cover"};
        } else if (pixel_width <= 0 || pixel_height <= 0) {
            problem = "cover image is not PNG or JPEG, which the PDF takes";
            hints = {"convert it to JPEG or PNG"};
        } else {
            return CoverPage{layout::ImageBox{asked, 0, 0, 0, 0}, nullptr, pixel_width, pixel_height, label};
        }
        if (!options.cover.empty()) throw Error(ErrorCode::usage, problem, where, hints);
        sink.warn(where, problem + "; a cover is generated instead", hints);
    }

    std::string title = meta.title;
    if (title.empty() && !doc.sections.empty()) title = plain_text(doc.sections.front().title);
    cover::CoverText text{meta.language, title, meta.subtitle, meta.authors, meta.publisher, settings.title_page_date};
    const style::PageGeometry& page = settings.style.page;
    auto height = static_cast<unsigned>(std::lround(generated_width * page.height / page.width));
    auto png = std::make_shared<const std::string>(
        cover::render_cover_png(text, settings.style, generated_width, height, sink));
    return CoverPage{layout::ImageBox{generated_name, 0, 0, 0, 0}, png, generated_width, static_cast<double>(height), label};
}

layout::CoverPicture cover_picture(const CoverPage& cover) {
    return layout::CoverPicture{cover.image, cover.pixel_width, cover.pixel_height, cover.label};
}

void report_cover_cut(const CoverPage& cover, double page_width, double page_height, DiagnosticSink& sink) {
    if (cover.bytes) return;   // the generated cover is made at the page's proportions
    double cut = layout::cover_cut(page_width, page_height, cover_picture(cover));
    if (cut <= 0.05) return;
    double across = page_height / page_width;
    sink.warn(SourcePos{cover.image.path, 0, 0},
              "the cover image's proportions (1:" + two_decimals(cover.pixel_height / cover.pixel_width) +
                  ") are not the page's (1:" + two_decimals(across) + "); " +
                  std::to_string(std::lround(cut * 100)) + "% of its " +
                  (cover.pixel_height / cover.pixel_width > across ? "height" : "width") + " is cut off",
              {"make it " + std::to_string(std::lround(cover.pixel_width)) + " × " +
               std::to_string(std::lround(cover.pixel_width * across)) + " pixels to show it whole"});
}

}  // namespace docexport::pdf
