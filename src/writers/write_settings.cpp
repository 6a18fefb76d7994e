#include "writers/write_settings.hpp"

#include "support/dates.hpp"

#include <docexport/diagnostics.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace docexport::writers {

namespace {

// Returns the two or four digits at s[at, at + n) as a number, or -1.
int digits_at(std::string_view s, std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Applies the options' paper, font size and margins to style, then checks that its page leaves room for text:
// at least 8 em wide and 5 lines tall. Throws Error(usage) for a malformed option or a page without room (or
// Error(input) at the style file when the style alone leaves none).
void override_style(const WriteOptions& options, style::Style& style) {
    if (!options.paper.empty()) {
        style::PageGeometry paper = style::parse_paper(options.paper, "--paper");
        style.page.paper = paper.paper;
        style.page.width = paper.width;
        style.page.height = paper.height;
    }
    if (!options.font_size.empty()) {
        double size = style::parse_length(options.font_size, "pt", true, "--font-size");
        if (size < 4 || size > 72)
            throw Error(ErrorCode::usage, "--font-size '" + options.font_size + "' is out of range", {},
                        {"give a size from 4pt to 72pt, e.g. 10.5 or 12pt"});
        style.font_size_pt = size;
    }
    if (!options.margins.empty()) style::parse_margins(options.margins, style.page, "--margins");

    const style::PageGeometry& page = style.page;
    double em = style.font_size_pt * 25.4 / 72;   // millimetres
    double text_width = page.width - page.margin_inner - page.margin_outer;
    double text_height = page.height - page.margin_top - page.margin_bottom;
    if (text_width >= 8 * em && text_height >= 5 * em * style.line_height) return;
    auto number = [](double v) {
        char buffer[32];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::round(v * 10) / 10);
        return ec == std::errc() ? std::string(buffer, end) : std::string("?");
    };
    std::string message = "the page leaves too little room for text: " + number(text_width) + " mm wide and " +
                          number(text_height) + " mm tall inside the margins";
    std::vector<std::string> hints = {"at " + number(style.font_size_pt) + "pt the text needs at least 8 em (" +
                                          number(8 * em) + " mm) across and 5 lines (" +
                                          number(5 * em * style.line_height) + " mm) down",
                                      "use smaller --margins, a larger --paper or a smaller --font-size"};
    if (options.paper.empty() && options.font_size.empty() && options.margins.empty())
        throw Error(ErrorCode::input, message, SourcePos{style.file.string(), 0, 0}, std::move(hints));
    throw Error(ErrorCode::usage, message, {}, std::move(hints));
}

}  // namespace

bool is_calendar_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = digits_at(s, 0, 4), m = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
    if (y < 0 || m < 0 || d < 0) return false;
    return support::civil_date(y, m, d).has_value();
}

std::optional<std::int64_t> source_date_epoch_from_environment() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    if (!value || !*value) return std::nullopt;
    std::int64_t v = 0;
    for (const char* p = value; *p; ++p) {
        if (*p < '0' || *p > '9' || v > 253402300799LL / 10)
            throw Error(ErrorCode::usage,
                        std::string("SOURCE_DATE_EPOCH is not a valid number of seconds: '") + value + "'", {},
                        {"set it to seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct)"});
        v = v * 10 + (*p - '0');
    }
    return v;
}

style::Style document_style(const Document& doc, const WriteOptions& options) {
    if (!options.style.empty() || doc.style.empty()) return style::load_style(options.style, doc.meta.language);
    // The manifest names the style: a name that names no style is the manifest's mistake, at its line.
    try {
        return style::load_style(doc.style, doc.meta.language);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::usage || !e.pos().file.empty()) throw;
        throw Error(ErrorCode::input, e.what(), doc.style_pos, e.hints());
    }
}

WriteSettings settle_write_options(const Document& doc, const WriteOptions& options) {
    WriteSettings settings;
    // Read before any work, so that a bad value fails fast and the same way for every format.
    settings.source_date_epoch = source_date_epoch_from_environment();
    if (!options.date.empty() && !is_calendar_date(options.date))
        throw Error(ErrorCode::usage, "--date '" + options.date + "' is not a date", {},
                    {"write it as YYYY-MM-DD, a day that exists (e.g. 2021-02-20)"});
    settings.meta = doc.meta;
    if (!options.identifier.empty()) settings.meta.identifier = options.identifier;
    if (!options.publisher.empty()) settings.meta.publisher = options.publisher;
    if (!options.date.empty()) settings.meta.date = options.date;
    if (!options.authors.empty()) settings.meta.authors = options.authors;
    settings.style = document_style(doc, options);
    override_style(options, settings.style);
    if (options.toc_depth < -1 || options.toc_depth > 6)
        throw Error(ErrorCode::usage, "--toc-depth " + std::to_string(options.toc_depth) + " is out of range", {},
                    {"give 0 (no contents) to 6 (every heading level)"});
    settings.pdf_contents_depth = settings.style.contents_depth;
    if (options.toc_depth >= 0) settings.pdf_contents_depth = settings.epub_nav_depth = options.toc_depth;
    if (!options.font_size.empty()) settings.epub_font_scale = settings.style.font_size_pt / 12;
    settings.title_page_date = style::title_page_date(settings.meta.date, settings.style.title_page_date,
                                                      settings.meta.language);
    settings.vertical = options.vertical || settings.style.vertical;
    if (!options.pdf_standard.empty()) {
        std::optional<support::PdfStandard> standard = support::parse_pdf_standard(options.pdf_standard);
        if (!standard)
            throw Error(ErrorCode::usage, "--pdf-standard '" + options.pdf_standard + "' is not a standard docexport writes", {},
                        {"give " + std::string(support::pdf_standards)});
        settings.pdf_standard = *standard;
    } else if (!doc.pdf_standard.empty()) {
        if (std::optional<support::PdfStandard> standard = support::parse_pdf_standard(doc.pdf_standard))
            settings.pdf_standard = *standard;
        else
            throw Error(ErrorCode::input, "unknown PDF standard '" + doc.pdf_standard + "'", doc.pdf_standard_pos,
                        {"'pdf-standard' takes " + std::string(support::pdf_standards)});
    } else if (!settings.style.pdf_standard.empty()) {
        settings.pdf_standard = support::parse_pdf_standard(settings.style.pdf_standard).value_or(support::PdfStandard{});
    }
    return settings;
}

GeneratedText generated_text(const std::string& language) {
    std::string script = style::script_for_language(language);
    if (script == "hant") return {"目錄", "（無題）", "［圖：", "］"};
    if (script == "hans") return {"目录", "（无题）", "［图：", "］"};
    if (script == "jpan") return {"目次", "（無題）", "［図：", "］"};
    if (script == "kore") return {"목차", "(무제)", "［그림：", "］"};
    return {"Contents", "(Untitled)", "[Image: ", "]"};
}

std::string contents_title(const std::string& language) { return generated_text(language).contents; }

}  // namespace docexport::writers

namespace docexport {

Quotes style_quotes(const Document& doc, const WriteOptions& options) {
    return writers::document_style(doc, options).taiwan_quotes ? Quotes::tw : Quotes::keep;
}

OutputPiece writers::writing_to(std::ostream& out, std::string format) {
    return [&out, format = std::move(format)](std::string_view piece) {
        out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
        if (!out) throw Error(ErrorCode::output, "cannot write the " + format + " to the output stream");
    };
}

std::function<void(std::size_t section)> writers::freeing_blocks(Document& doc) {
    return [&doc](std::size_t section) {
        Blocks().swap(doc.sections.at(section).blocks);
        std::string().swap(doc.sections.at(section).packed_blocks);
    };
}

}  // namespace docexport
