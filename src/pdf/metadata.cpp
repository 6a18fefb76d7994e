#include "pdf/metadata.hpp"

#include "pdf/text.hpp"

#include <chrono>
#include <cstdio>

namespace docexport::pdf {

namespace {

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
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31 &&
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
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    x += "<dc:format>application/pdf</dc:format>\n";
    if (!m.title.empty())
        x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!m.authors.empty()) {
        x += "<dc:creator><rdf:Seq>";
        for (const auto& a : m.authors) x += "<rdf:li>" + xml_escape(a) + "</rdf:li>";
        x += "</rdf:Seq></dc:creator>\n";
    }
    if (!m.subject.empty())
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    if (!m.language.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(m.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    std::string date = xmp_date(m.date);
    x += "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += "<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    x += "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
    x += "<xmp:CreatorTool>" + xml_escape(m.creator) + "</xmp:CreatorTool>\n";
    x += "<pdf:Producer>" + xml_escape(m.producer) + "</pdf:Producer>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n";
    // Padding lets an editor update the packet in place, as XMP recommends.
    for (int i = 0; i < 8; ++i) x += std::string(99, ' ') + "\n";
    x += "<?xpacket end=\"w\"?>";
    return x;
}

}  // namespace docexport::pdf
