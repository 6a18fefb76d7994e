// write_epub: the document model into an EPUB 3.3 publication (content, navigation, fonts, package, container).
#include "epub/content.hpp"
#include "epub/cover.hpp"
#include "epub/labels.hpp"
#include "epub/embedded_fonts.hpp"
#include "epub/identifier.hpp"
#include "epub/navigation.hpp"
#include "epub/package.hpp"
#include "epub/stylesheet.hpp"
#include "epub/zip_container.hpp"
#include "cover/cover_image.hpp"
#include "support/parallel.hpp"
#include "writers/write_settings.hpp"

#include <docexport/writers.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace docexport {

namespace {

namespace fs = std::filesystem;

// 1980-01-01T00:00:00Z, the earliest time a ZIP entry can carry: the timestamp of a book without any date.
constexpr std::time_t zip_epoch = 315532800;

std::string hex(const std::array<std::uint8_t, 20>& d) {
    static const char digits[] = "0123456789abcdef";
    std::string s;
    for (std::uint8_t b : d) {
        s += digits[b >> 4];
        s += digits[b & 15];
    }
    return s;
}

// Returns the cover image as a manifest resource, or nothing. An explicit --cover that cannot be used is an
// error; a manifest's cover that cannot be used is a warning (the generated cover is used instead).
std::optional<epub::Resource> load_cover_image(const std::string& path, bool explicit_option, const Document& doc,
                                               DiagnosticSink& sink) {
    if (path.empty()) return std::nullopt;
    fs::path p(path);
    std::error_code ec;
    if (!explicit_option && p.is_relative() && !doc.sections.empty() && !fs::is_regular_file(p, ec)) {
        fs::path beside = fs::path(doc.sections.front().pos.file).parent_path() / p;
        if (fs::is_regular_file(beside, ec)) p = beside;
    }
    SourcePos where{p.string(), 0, 0};
    auto problem = [&](const std::string& message, std::vector<std::string> hints) -> std::optional<epub::Resource> {
        if (explicit_option) throw Error(ErrorCode::usage, "cover " + message, where, std::move(hints));
        sink.warn(where, "cover " + message + "; a cover is generated instead", std::move(hints));
        return std::nullopt;
    };
    if (!fs::is_regular_file(p, ec)) return problem("image not found", {"check the path given to --cover"});
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string data = bytes.str();
    std::string type = epub::image_media_type(data, p.filename().string());
    if (type.empty()) return problem("image is not PNG, JPEG, GIF or SVG", {"convert it to JPEG or PNG"});
    std::string ext = type == "image/png" ? ".png" : type == "image/jpeg" ? ".jpg" : type == "image/gif" ? ".gif" : ".svg";
    return epub::Resource{"images/cover" + ext, "cover-image", type, std::move(data), "cover-image"};
}

// Returns the generated cover image as a manifest resource, or nothing when a font it needs is not installed
// (a warning: the cover page then shows the title as text).
std::optional<epub::Resource> generate_cover_image(const cover::CoverText& text, const style::Style& st,
                                                   DiagnosticSink& sink) {
    try {
        std::string png = cover::render_cover_png(text, st, cover::epub_cover_width, cover::epub_cover_height, sink);
        return epub::Resource{"images/cover.png", "cover-image", "image/png", std::move(png), "cover-image"};
    } catch (const Error& e) {
        if (e.code() != ErrorCode::input) throw;
        std::vector<std::string> hints = e.hints();
        hints.emplace_back("the cover page shows the title as text instead of a cover image");
        sink.warn(e.pos(), std::string("the cover image cannot be generated: ") + e.what(), std::move(hints));
        return std::nullopt;
    }
}

// Adds the class names used in an XHTML file to classes.
void collect_classes(const std::string& xhtml, std::set<std::string>& classes) {
    static const std::string attr = " class=\"";
    for (std::size_t at = xhtml.find(attr); at != std::string::npos; at = xhtml.find(attr, at)) {
        at += attr.size();
        std::size_t end = xhtml.find('"', at);
        if (end == std::string::npos) break;
        std::string_view value(xhtml.data() + at, end - at);
        while (!value.empty()) {
            std::size_t space = value.find(' ');
            if (space != 0) classes.emplace(value.substr(0, space));
            if (space == std::string_view::npos) break;
            value.remove_prefix(space + 1);
        }
        at = end;
    }
}

// Writes doc as EPUB into put, in pieces; section_done (may be empty) hears each section whose blocks are not read
// again.
void build_epub(const Document& doc, const WriteOptions& options, DiagnosticSink& sink, const OutputPiece& put,
                const std::function<void(std::size_t)>& section_done) {
    using namespace epub;
    writers::WriteSettings settings = writers::settle_write_options(doc, options);
    for (const Diagnostic& d : settings.style.warnings) sink.report(d);
    DocumentMeta& meta = settings.meta;
    const style::Style& st = settings.style;
    if (!options.paper.empty() || !options.margins.empty())
        sink.note({}, "--paper and --margins concern the PDF only; an EPUB has no pages of its own", false);
    std::string language = meta.language.empty() ? "und" : meta.language;
    std::string title = meta.title;
    if (title.empty() && !doc.sections.empty()) title = plain_text(doc.sections.front().title);
    if (title.empty()) title = writers::generated_text(meta.language).untitled;   // （無題）, （无题）, (Untitled)

    ContentOptions content_options;
    content_options.language = language;
    content_options.stylesheets = {"../styles/book.css"};
    content_options.progress = options.progress;
    content_options.vertical = settings.vertical;
    content_options.tate_chu_yoko = st.tate_chu_yoko;
    content_options.section_done = section_done;
    // Each document as it is made: hashed for the identifier, its classes noted for the stylesheet, then deflated
    // (a batch at a time, on several threads), so that only its compressed bytes wait for the archive.
    Sha1 sha;   // the identifier's: the title, the language, the documents, the images
    sha.update(title);
    sha.update(std::string_view("\0", 1));
    sha.update(language);
    std::set<std::string> used_classes;
    std::vector<ZipContainer::Deflated> deflated;   // by document
    std::vector<std::string> waiting;                // made, not yet deflated
    auto deflate_waiting = [&] {
        std::size_t base = deflated.size();
        deflated.resize(base + waiting.size());
        parallel_for(waiting.size(), worker_count(waiting.size()),
                     [&](std::size_t, std::size_t i) { deflated[base + i] = ZipContainer::deflate(waiting[i]); });
        waiting.clear();
    };
    content_options.on_document = [&](Resource& r) {
        sha.update(r.bytes);
        collect_classes(r.bytes, used_classes);
        waiting.push_back(std::move(r.bytes));
        r.bytes.clear();
        if (waiting.size() >= 32) deflate_waiting();
    };
    Content content = render_content(doc, content_options, sink);
    deflate_waiting();

    // The cover: --cover's image, else the manifest's, else (or with --cover generated) one made from the metadata.
    bool generated = options.cover == cover::generated_cover_name;
    std::optional<Resource> cover_image = load_cover_image(
        generated ? std::string() : options.cover.empty() ? meta.cover : options.cover, !options.cover.empty(), doc, sink);
    if (!cover_image)
        cover_image = generate_cover_image(
            {language, title, meta.subtitle, meta.authors, meta.publisher, settings.title_page_date}, st, sink);
    CoverInput cover_input{language, title, meta.subtitle, meta.authors, meta.publisher, settings.title_page_date,
                           cover_image ? "../" + cover_image->href : std::string(), {"../styles/book.css"}};
    Resource cover{"text/cover.xhtml", "cover", "application/xhtml+xml", render_cover(cover_input, content.chars), {}};

    if (meta.identifier.empty()) {
        // Derived from what the reader sees: the same text gives the same identifier, a changed text a new one.
        for (const Resource& r : content.images) sha.update(r.bytes);
        meta.identifier = uuid5_urn("docexport:" + hex(sha.digest()));
    }

    NavigationInput nav_input{language, title, meta.identifier, "text/cover.xhtml",
                              content.documents.empty() ? std::string() : content.documents.front().href,
                              {"styles/book.css"}};
    // Every spine item is in the table of contents: the cover and the contents page first.
    Labels labels = labels_for(language);
    std::vector<TocEntry> toc = {{labels.cover, cover.href, 1}, {labels.contents, "nav.xhtml#toc", 1}};
    std::erase_if(content.toc, [&](const TocEntry& e) { return e.level > settings.epub_nav_depth; });
    toc.insert(toc.end(), content.toc.begin(), content.toc.end());
    Resource nav{"nav.xhtml", "nav", "application/xhtml+xml", render_nav(nav_input, toc, content.chars), "nav"};
    Resource ncx{"toc.ncx", "ncx", "application/x-dtbncx+xml", render_ncx(nav_input, toc), {}};

    const bool latin = !meta.language.empty() && style::script_for_language(meta.language) == "latn";
    FontPlan fonts = plan_fonts(st.fonts, content.chars, options.embed_fonts, latin, sink);
    fonts.stylesheet.vertical = settings.vertical;
    fonts.stylesheet.latin = latin;
    fonts.stylesheet.font_scale = settings.epub_font_scale;
    for (const Resource* r : {&cover, &nav}) collect_classes(r->bytes, fonts.stylesheet.used_classes);
    fonts.stylesheet.used_classes.merge(used_classes);
    Resource css{"styles/book.css", "css", "text/css", render_stylesheet(st, fonts.stylesheet), {}};

    std::time_t latest = zip_epoch;
    for (const Section& s : doc.sections)
        if (auto t = parse_date(s.meta.date)) latest = std::max(latest, *t);
    std::time_t when = build_time(settings.source_date_epoch, meta.date, latest);

    PackageInput package;
    package.identifier = meta.identifier;
    package.title = title;
    package.subtitle = meta.subtitle;
    package.language = language;
    package.authors = meta.authors;
    package.publisher = meta.publisher;
    package.source = meta.source;
    package.description = meta.summary;
    package.date = w3c_date(meta.date);
    package.modified = w3c_datetime(when);
    package.vertical = settings.vertical;
    package.has_ruby = content.has_ruby;
    package.has_images = content.has_images || cover_image.has_value();
    package.images_have_alt = content.images_have_alt;
    package.has_tables = content.has_tables;
    package.embedded_fonts = !fonts.files.empty();
    package.tables_have_headers = content.tables_have_headers;
    // EPUB Accessibility 1.1 at WCAG 2.2 AA: what the writer makes conforms (headings in order, named links,
    // navigation, no hazards) unless the content has images without text alternatives or no language is known.
    package.conforms = content.images_have_alt && !meta.language.empty();
    if (meta.language.empty())
        sink.warn({}, "the EPUB makes no accessibility conformance claim: the document's language is not known (und)",
                  {"give it with --lang (e.g. --lang en), a feed's language, or the front matter's lang"});
    else if (!content.images_have_alt)
        sink.warn(content.first_image_without_alt,
                  "the EPUB makes no accessibility conformance claim: " + std::to_string(content.images_without_alt) +
                      (content.images_without_alt == 1 ? " image has" : " images have") + " no text alternative (the first here)",
                  {"give every image alt text (![what it shows](image.png)); a purely decorative one an empty title"});
    package.nav_id = nav.id;
    package.ncx_id = ncx.id;
    std::vector<const Resource*> files = {&nav, &ncx, &css, &cover};
    for (const Resource& r : content.documents) files.push_back(&r);
    for (const Resource& r : fonts.files) files.push_back(&r);
    for (const Resource& r : content.images) files.push_back(&r);
    if (cover_image) {
        files.push_back(&*cover_image);
        package.cover_image_id = cover_image->id;
    }
    package.manifest = files;
    package.spine = {cover.id, nav.id};
    for (const Resource& r : content.documents) package.spine.push_back(r.id);

    ZipContainer zip(when);
    zip.add("mimetype", "application/epub+zip", false);
    zip.add("META-INF/container.xml", render_container());
    zip.add(package_path, render_package(package));
    for (const Resource* r : files) {
        if (!content.documents.empty() && r >= &content.documents.front() && r <= &content.documents.back()) {
            zip.add("EPUB/" + r->href, std::move(deflated[static_cast<std::size_t>(r - &content.documents.front())]));
            continue;
        }
        bool compress = r->media_type.rfind("image/", 0) != 0 || r->media_type == "image/svg+xml";
        zip.add("EPUB/" + r->href, r->bytes, compress);
    }
    zip.finish(put);
}

void epub_to_path(const Document& doc, const std::filesystem::path& path, const WriteOptions& options,
                  DiagnosticSink& sink, const std::function<void(std::size_t)>& section_done) {
    write_file_atomically(path, [&](const OutputPiece& put) { build_epub(doc, options, sink, put, section_done); });
}

void epub_to_stream(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink,
                    const std::function<void(std::size_t)>& section_done) {
    build_epub(doc, options, sink, writers::writing_to(out, "EPUB"), section_done);
}

}  // namespace

void write_epub(const Document& doc, const std::filesystem::path& path, const WriteOptions& options, DiagnosticSink& sink) {
    epub_to_path(doc, path, options, sink, {});
}

void write_epub(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink) {
    epub_to_stream(doc, out, options, sink, {});
}

void write_epub(Document&& doc, const std::filesystem::path& path, const WriteOptions& options, DiagnosticSink& sink) {
    epub_to_path(doc, path, options, sink, writers::freeing_blocks(doc));
}

void write_epub(Document&& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink) {
    epub_to_stream(doc, out, options, sink, writers::freeing_blocks(doc));
}

}  // namespace docexport
