#include "pdf/metadata.hpp"

#include "pdf/text.hpp"
#include "support/dates.hpp"

#include <pugixml.hpp>

#include <chrono>
#include <cstdio>

namespace docexport::pdf {

namespace {

// Collects what pugixml writes.
struct StringWriter : pugi::xml_writer {
    std::string bytes;
    void write(const void* data, std::size_t size) override { bytes.append(static_cast<const char*>(data), size); }
};

std::string two(int v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

std::string four(int v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", v);
    return buf;
}

bool valid(const PdfDate& d) {
    return d.year >= 1 && d.year <= 9999 && support::civil_date(d.year, d.month, d.day) &&
           d.hour >= 0 && d.hour <= 23 && d.minute >= 0 && d.minute <= 59 && d.second >= 0 && d.second <= 59;
}

// Reads the numbers of "YYYY-MM-DD[ HH:MM[:SS]]" (any separators).
std::optional<PdfDate> parse_document_date(const std::string& s) {
    std::vector<int> numbers;
    int value = -1;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            value = (value < 0 ? 0 : value * 10) + (c - '0');
            if (value > 99999) return std::nullopt;
        } else if (value >= 0) {
            numbers.push_back(value);
            value = -1;
        }
    }
    if (value >= 0) numbers.push_back(value);
    if (numbers.size() < 3) return std::nullopt;
    PdfDate d;
    d.year = numbers[0];
    d.month = numbers[1];
    d.day = numbers[2];
    d.hour = numbers.size() > 3 ? numbers[3] : 0;
    d.minute = numbers.size() > 4 ? numbers[4] : 0;
    d.second = numbers.size() > 5 ? numbers[5] : 0;
    d.utc = false;
    if (!valid(d)) return std::nullopt;
    return d;
}

}  // namespace

PdfDate resolve_date(std::optional<std::int64_t> epoch, const std::string& document_date) {
    if (epoch) {
        using namespace std::chrono;
        std::int64_t secs = *epoch;
        std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
        std::int64_t rest = secs - days * 86400;
        year_month_day ymd{sys_days{std::chrono::days{days}}};
        PdfDate d;
        d.year = static_cast<int>(ymd.year());
        d.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
        d.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
        d.hour = static_cast<int>(rest / 3600);
        d.minute = static_cast<int>(rest / 60 % 60);
        d.second = static_cast<int>(rest % 60);
        d.utc = true;
        if (valid(d)) return d;
        return PdfDate{};
    }
    if (auto d = parse_document_date(document_date)) return *d;
    return PdfDate{};
}

std::string pdf_date(const PdfDate& d) {
    return "D:" + four(d.year) + two(d.month) + two(d.day) + two(d.hour) + two(d.minute) + two(d.second) +
           (d.utc ? "Z" : "");
}

std::string xmp_date(const PdfDate& d) {
    return four(d.year) + "-" + two(d.month) + "-" + two(d.day) + "T" + two(d.hour) + ":" + two(d.minute) + ":" +
           two(d.second) + (d.utc ? "Z" : "");
}

PdfMetadata collect_metadata(const DocumentMeta& meta, const std::string& creator, const std::string& producer,
                             const PdfDate& date) {
    PdfMetadata m;
    m.title = meta.title;
    m.authors = meta.authors;
    bool cjk = meta.language.rfind("zh", 0) == 0 || meta.language.rfind("ja", 0) == 0;
    for (const auto& a : meta.authors) {
        if (!m.author.empty()) m.author += cjk ? "、" : ", ";
        m.author += a;
    }
    m.subject = meta.summary.empty() ? meta.subtitle : meta.summary;
    m.creator = creator;
    m.producer = producer;
    m.language = meta.language;
    m.date = date;
    return m;
}

std::string xmp_packet(const PdfMetadata& m) {
    // pugixml writes the elements, raw (no indentation): the line breaks are text nodes of their own. The values
    // are escaped by xml_escape (format_no_escapes), which also drops what XML 1.0 forbids (pugixml would write it
    // as it is) and escapes quotes, so that the packet keeps its bytes.
    pugi::xml_document doc;
    auto text = [](pugi::xml_node parent, std::string_view value) {
        parent.append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
    };
    auto element = [](pugi::xml_node parent, const char* name) { return parent.append_child(name); };
    // Appends a property element to the description, then a line break; returns the element.
    auto property = [&](pugi::xml_node description, const char* name) {
        pugi::xml_node p = element(description, name);
        text(description, "\n");
        return p;
    };
    // Fills a property with a language alternative holding value (x-default).
    auto alternative = [&](pugi::xml_node p, const std::string& value) {
        pugi::xml_node li = element(element(p, "rdf:Alt"), "rdf:li");
        li.append_attribute("xml:lang") = "x-default";
        text(li, xml_escape(value));
    };

    pugi::xml_node begin = doc.append_child(pugi::node_pi);
    begin.set_name("xpacket");
    begin.set_value("begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"");
    text(doc, "\n");
    pugi::xml_node meta = element(doc, "x:xmpmeta");
    meta.append_attribute("xmlns:x") = "adobe:ns:meta/";
    text(meta, "\n");
    pugi::xml_node rdf = element(meta, "rdf:RDF");
    rdf.append_attribute("xmlns:rdf") = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    text(meta, "\n");
    text(rdf, "\n");
    pugi::xml_node description = element(rdf, "rdf:Description");
    description.append_attribute("rdf:about") = "";
    description.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    description.append_attribute("xmlns:xmp") = "http://ns.adobe.com/xap/1.0/";
    description.append_attribute("xmlns:pdf") = "http://ns.adobe.com/pdf/1.3/";
    if (m.pdf_a) description.append_attribute("xmlns:pdfaid") = "http://www.aiim.org/pdfa/ns/id/";
    if (m.pdf_ua) description.append_attribute("xmlns:pdfuaid") = "http://www.aiim.org/pdfua/ns/id/";
    text(rdf, "\n");
    text(description, "\n");

    text(property(description, "dc:format"), "application/pdf");
    if (!m.title.empty()) alternative(property(description, "dc:title"), m.title);
    if (!m.authors.empty()) {
        pugi::xml_node seq = element(property(description, "dc:creator"), "rdf:Seq");
        // PDF/A: the Info /Author and dc:creator say the same, one entry.
        if (m.pdf_a) text(element(seq, "rdf:li"), xml_escape(m.author));
        else
            for (const auto& a : m.authors) text(element(seq, "rdf:li"), xml_escape(a));
    }
    if (!m.subject.empty()) alternative(property(description, "dc:description"), m.subject);
    if (!m.language.empty())
        text(element(element(property(description, "dc:language"), "rdf:Bag"), "rdf:li"), xml_escape(m.language));
    std::string date = xmp_date(m.date);
    text(property(description, "xmp:CreateDate"), date);
    text(property(description, "xmp:ModifyDate"), date);
    text(property(description, "xmp:MetadataDate"), date);
    text(property(description, "xmp:CreatorTool"), xml_escape(m.creator));
    text(property(description, "pdf:Producer"), xml_escape(m.producer));
    if (m.pdf_a) {
        text(property(description, "pdfaid:part"), "2");
        text(property(description, "pdfaid:conformance"), "U");
    }
    if (m.pdf_ua) text(property(description, "pdfuaid:part"), "1");
    if (m.pdf_a && m.pdf_ua) {
        // PDF/A admits properties outside its predefined schemas only when the packet describes them
        // (ISO 19005-2, 6.6.2.3): the PDF/UA identification schema, in the extension schema container.
        text(rdf, "\n");
        pugi::xml_node extension = element(rdf, "rdf:Description");
        extension.append_attribute("rdf:about") = "";
        extension.append_attribute("xmlns:pdfaExtension") = "http://www.aiim.org/pdfa/ns/extension/";
        extension.append_attribute("xmlns:pdfaSchema") = "http://www.aiim.org/pdfa/ns/schema#";
        extension.append_attribute("xmlns:pdfaProperty") = "http://www.aiim.org/pdfa/ns/property#";
        pugi::xml_node schema = element(element(element(extension, "pdfaExtension:schemas"), "rdf:Bag"), "rdf:li");
        schema.append_attribute("rdf:parseType") = "Resource";
        text(element(schema, "pdfaSchema:schema"), "PDF/UA identification schema");
        text(element(schema, "pdfaSchema:namespaceURI"), "http://www.aiim.org/pdfua/ns/id/");
        text(element(schema, "pdfaSchema:prefix"), "pdfuaid");
        pugi::xml_node part = element(element(element(schema, "pdfaSchema:property"), "rdf:Seq"), "rdf:li");
        part.append_attribute("rdf:parseType") = "Resource";
        text(element(part, "pdfaProperty:name"), "part");
        text(element(part, "pdfaProperty:valueType"), "Integer");
        text(element(part, "pdfaProperty:category"), "internal");
        text(element(part, "pdfaProperty:description"), "the part of ISO 14289 the document conforms to");
        text(rdf, "\n");
    }

    // Padding lets an editor update the packet in place, as XMP recommends.
    std::string padding = "\n";
    for (int i = 0; i < 8; ++i) padding += std::string(99, ' ') + "\n";
    text(doc, padding);
    pugi::xml_node end = doc.append_child(pugi::node_pi);
    end.set_name("xpacket");
    end.set_value("end=\"w\"");

    StringWriter out;
    doc.save(out, "", pugi::format_raw | pugi::format_no_declaration | pugi::format_no_escapes |
                          pugi::format_no_empty_element_tags,
             pugi::encoding_utf8);
    return std::move(out.bytes);
}

void write_metadata(HpdfDocument& doc, const PdfMetadata& m, DocumentId& id) {
    PdfDict info = doc.info();
    auto set = [&](const char* key, const std::string& value) {
        if (!value.empty()) info.set_text(key, value);
        id.add(value);
    };
    set("Title", m.title);
    set("Author", m.author);
    set("Subject", m.subject);
    set("Creator", m.creator);
    set("Producer", m.producer);
    set("CreationDate", pdf_date(m.date));
    set("ModDate", pdf_date(m.date));
    doc.check("writing the document information");

    PdfDict catalog = doc.catalog();
    std::string xmp = xmp_packet(m);
    // Uncompressed, so that file scanners can read it.
    catalog.set("Metadata", doc.new_stream(xmp, false).set_name("Type", "Metadata").set_name("Subtype", "XML"));
    if (!m.language.empty() && is_printable_ascii(m.language)) catalog.set_ascii("Lang", m.language);
    PdfDict preferences = doc.new_direct_dict();
    preferences.set_boolean("DisplayDocTitle", true);
    if (m.right_to_left) preferences.set_name("Direction", "R2L");
    catalog.set("ViewerPreferences", preferences);
    doc.check("writing the catalog");
    id.add(xmp);
}

void DocumentId::add(std::string_view bytes) {
    a_ = fnv1a(bytes, a_);
    b_ = fnv1a(bytes, b_ ^ 0x9e3779b97f4a7c15ULL);
}

void DocumentId::add_page(std::uint64_t hash_a, std::uint64_t hash_b) {
    a_ = fnv1a(std::to_string(hash_a), a_);
    b_ = fnv1a(std::to_string(hash_b), b_);
}

std::string DocumentId::bytes() const {
    std::string id;
    for (std::uint64_t part : {a_, b_})
        for (int i = 7; i >= 0; --i) id += static_cast<char>((part >> (i * 8)) & 0xFF);
    return id;
}

void write_id(HpdfDocument& doc, const DocumentId& id) {
    std::string bytes = id.bytes();
    doc.trailer().set("ID", doc.new_array().add_binary(bytes).add_binary(bytes));
    doc.check("writing the file identifier");
}

}  // namespace docexport::pdf
