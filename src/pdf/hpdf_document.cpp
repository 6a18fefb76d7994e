// The adapter to libharu 2.3.0: the only file that uses its object layer and internal structures (see the header).
#include "pdf/hpdf_document.hpp"

#include "pdf/text.hpp"
#include "support/parallel.hpp"

#include <docexport/diagnostics.hpp>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <cstdio>
#include <memory>

namespace docexport::pdf {

namespace {

// Names the filter of a stream whose bytes are already Flate-compressed: libharu writes the bytes as they are
// (filter NONE) and calls this while writing the stream's dictionary.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

// Returns a new direct string object written as <hex>. HPDF_Binary_New copies the bytes; its parameter is not
// const.
HPDF_Binary new_binary(HPDF_MMgr mmgr, std::string_view bytes) {
    std::string copy(bytes);
    return HPDF_Binary_New(mmgr, reinterpret_cast<HPDF_BYTE*>(copy.data()), static_cast<HPDF_UINT>(copy.size()));
}

// Writes the entries of a new_raw_dict dictionary, which its attr points at.
HPDF_STATUS write_raw_entries(HPDF_Dict dict, HPDF_Stream stream) {
    const auto* entries = static_cast<const std::string*>(dict->attr);
    if (!entries || entries->empty()) return HPDF_OK;
    return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(entries->data()), static_cast<HPDF_UINT>(entries->size()));
}

HPDF_STATUS read_content(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* size) {
    auto* c = static_cast<ContentBytes*>(stream->attr);
    std::size_t n = std::min<std::size_t>(*size, c->bytes.size() - c->read);
    std::copy_n(c->bytes.data() + c->read, n, ptr);
    c->read += n;
    *size = static_cast<HPDF_UINT>(n);
    return c->read == c->bytes.size() ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS seek_content(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
    auto* c = static_cast<ContentBytes*>(stream->attr);
    if (mode != HPDF_SEEK_SET || pos < 0 || static_cast<std::size_t>(pos) > c->bytes.size()) return HPDF_STREAM_EOF;
    c->read = static_cast<std::size_t>(pos);
    return HPDF_OK;
}

HPDF_INT32 tell_content(HPDF_Stream stream) { return static_cast<HPDF_INT32>(static_cast<ContentBytes*>(stream->attr)->read); }

HPDF_UINT32 content_size(HPDF_Stream stream) {
    return static_cast<HPDF_UINT32>(static_cast<ContentBytes*>(stream->attr)->bytes.size());
}

std::string status_hex(HPDF_STATUS s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04X", static_cast<unsigned>(s));
    return buf;
}
}  // namespace

void HpdfDocument::on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
    // Called from C: record the first error only, never throw or longjmp through libharu.
    auto* recorded = static_cast<Recorded*>(user_data);
    if (recorded->error == 0) {
        recorded->error = error;
        recorded->detail = detail;
    }
}

HpdfDocument::HpdfDocument() {
    doc_ = HPDF_New(&HpdfDocument::on_error, &recorded_);
    if (!doc_) throw Error(ErrorCode::internal, "libharu could not create a PDF document (out of memory?)");
    HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
    check("setting compression");
}

HpdfDocument::~HpdfDocument() {
    if (doc_) HPDF_Free(doc_);
}

void HpdfDocument::check(std::string_view what) const {
    HPDF_STATUS s = HPDF_GetError(doc_);
    if (s == HPDF_OK && recorded_.error == 0) return;
    HPDF_STATUS error = recorded_.error ? recorded_.error : s;
    HPDF_STATUS detail = recorded_.error ? recorded_.detail : HPDF_GetErrorDetail(doc_);
    throw Error(ErrorCode::internal,
                "libharu failed while " + std::string(what) + " (error " + status_hex(error) + ", detail " +
                    std::to_string(detail) + ")",
                {}, {"this is a bug in docexport or libharu; please report it with the input"});
}

HPDF_STATUS HpdfDocument::reset_error() {
    HPDF_STATUS s = recorded_.error ? recorded_.error : HPDF_GetError(doc_);
    HPDF_ResetError(doc_);
    recorded_ = Recorded{};
    return s;
}

PdfDict& PdfDict::set_name(const char* key, std::string_view name) {
    HPDF_Dict_AddName(handle_, key, std::string(name).c_str());
    return *this;
}

PdfDict& PdfDict::set_number(const char* key, std::int32_t value) {
    HPDF_Dict_AddNumber(handle_, key, value);
    return *this;
}

PdfDict& PdfDict::set_boolean(const char* key, bool value) {
    HPDF_Dict_AddBoolean(handle_, key, value ? HPDF_TRUE : HPDF_FALSE);
    return *this;
}

PdfDict& PdfDict::set_text(const char* key, std::string_view utf8) {
    if (is_printable_ascii(utf8)) return set_ascii(key, utf8);
    HPDF_Dict_Add(handle_, key, new_binary(handle_->mmgr, std::string("\xFE\xFF", 2) + utf16be(utf8::decode(utf8))));
    return *this;
}

PdfDict& PdfDict::set_ascii(const char* key, std::string_view ascii) {
    HPDF_Dict_Add(handle_, key, HPDF_String_New(handle_->mmgr, std::string(ascii).c_str(), nullptr));
    return *this;
}

PdfDict& PdfDict::set(const char* key, PdfDict value) {
    HPDF_Dict_Add(handle_, key, value.get());
    return *this;
}

PdfDict& PdfDict::set(const char* key, PdfArray value) {
    HPDF_Dict_Add(handle_, key, value.get());
    return *this;
}

PdfDict& PdfDict::remove(const char* key) {
    HPDF_Dict_RemoveElement(handle_, key);  // records no error; HPDF_DICT_ITEM_NOT_FOUND is fine here
    return *this;
}

PdfArray& PdfArray::add_number(std::int32_t value) {
    HPDF_Array_AddNumber(handle_, value);
    return *this;
}

PdfArray& PdfArray::add_real(double value) {
    HPDF_Array_AddReal(handle_, static_cast<HPDF_REAL>(value));
    return *this;
}

PdfArray& PdfArray::add_name(std::string_view name) {
    HPDF_Array_AddName(handle_, std::string(name).c_str());
    return *this;
}

PdfArray& PdfArray::add_null() {
    HPDF_Array_Add(handle_, HPDF_Null_New(handle_->mmgr));
    return *this;
}

PdfArray& PdfArray::add_binary(std::string_view bytes) {
    HPDF_Array_Add(handle_, new_binary(handle_->mmgr, bytes));
    return *this;
}

PdfArray& PdfArray::add(PdfDict value) {
    HPDF_Array_Add(handle_, value.get());
    return *this;
}

PdfArray& PdfArray::add(PdfArray value) {
    HPDF_Array_Add(handle_, value.get());
    return *this;
}

PdfDict HpdfDocument::new_dict() {
    HPDF_Dict d = HPDF_Dict_New(doc_->mmgr);
    if (d) HPDF_Xref_Add(doc_->xref, d);
    check("creating a dictionary");
    return PdfDict(d);
}

PdfDict HpdfDocument::new_direct_dict() {
    HPDF_Dict d = HPDF_Dict_New(doc_->mmgr);
    check("creating a dictionary");
    return PdfDict(d);
}

PdfDict HpdfDocument::new_stream(std::string_view data, bool compress) {
    if (compress) return new_deflated_stream(deflate(data));
    HPDF_Dict s = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
    check("creating a stream");
    s->filter = HPDF_STREAM_FILTER_NONE;
    if (!data.empty())
        HPDF_Stream_Write(s->stream, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                          static_cast<HPDF_UINT>(data.size()));
    check("writing a stream");
    return PdfDict(s);
}

PdfDict HpdfDocument::new_deflated_stream(std::string_view deflated) {
    HPDF_Dict s = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
    check("creating a stream");
    s->filter = HPDF_STREAM_FILTER_NONE;
    s->write_fn = &write_flate_filter;
    if (!deflated.empty())
        HPDF_Stream_Write(s->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                          static_cast<HPDF_UINT>(deflated.size()));
    check("writing a stream");
    return PdfDict(s);
}

PdfArray HpdfDocument::new_array() {
    HPDF_Array a = HPDF_Array_New(doc_->mmgr);
    check("creating an array");
    return PdfArray(a);
}

PdfArray HpdfDocument::new_indirect_array() {
    HPDF_Array a = HPDF_Array_New(doc_->mmgr);
    if (a) HPDF_Xref_Add(doc_->xref, a);
    check("creating an array");
    return PdfArray(a);
}

PdfDict HpdfDocument::new_raw_dict() {
    PdfDict dict = new_dict();
    // libharu never frees a plain dictionary's attr (only its free_fn would, and it has none).
    dict.get()->attr = &raw_entries_.emplace_back();
    dict.get()->write_fn = &write_raw_entries;
    return dict;
}

// Raw entries wait in memory until the document is saved, tens of thousands of them: each in a block of its own
// size (a string built by appending has up to twice the room it needs).
void HpdfDocument::set_raw_entries(PdfDict dict, std::string entries) {
    auto* raw = static_cast<std::string*>(dict.get()->attr);
    *raw = std::move(entries);
    raw->shrink_to_fit();
}

void HpdfDocument::append_raw_entries(PdfDict dict, std::string_view entries) {
    auto* raw = static_cast<std::string*>(dict.get()->attr);
    std::string joined;
    joined.reserve(raw->size() + entries.size());
    joined.append(*raw).append(entries);
    *raw = std::move(joined);
}

std::string HpdfDocument::real(double value) {
    // libharu keeps a real as a float, clamps it to ±32767, and writes its whole part and five decimals, each
    // found by adding 0.000005 and cutting off, then drops the trailing zeros (and the point).
    auto v = static_cast<HPDF_REAL>(std::isfinite(value) ? value : 0.0);
    v = std::clamp<HPDF_REAL>(v, -32767.0f, 32767.0f);
    std::string out;
    if (v < 0) {
        out += '-';
        v = -v;
    }
    auto whole = static_cast<std::int32_t>(v + 0.000005);
    HPDF_REAL rest = v - static_cast<HPDF_REAL>(whole);   // in float, then in double with the half step
    auto fraction = static_cast<std::int32_t>(static_cast<HPDF_REAL>(rest + 0.000005) * 100000.0f);
    out += std::to_string(whole);
    char digits[6] = {};
    for (int i = 4; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    std::string_view decimals(digits, 5);
    while (!decimals.empty() && decimals.back() == '0') decimals.remove_suffix(1);
    if (!decimals.empty()) out.append(".").append(decimals);
    else if (out == "-0") out = "0";
    return out;
}

std::string HpdfDocument::literal(std::string_view bytes) {
    std::string out = "(";
    for (unsigned char c : bytes) {
        bool escape = c < 0x20 || c > 0x7E || std::string_view("\\%#/()<>[]{}").find(static_cast<char>(c)) != std::string_view::npos;
        if (!escape) {
            out += static_cast<char>(c);
            continue;
        }
        out += '\\';
        out += static_cast<char>('0' + (c >> 6));
        out += static_cast<char>('0' + ((c >> 3) & 7));
        out += static_cast<char>('0' + (c & 7));
    }
    return out + ")";
}

std::string HpdfDocument::text(std::string_view utf8) {
    if (is_printable_ascii(utf8)) return literal(utf8);
    return "<FEFF" + hex(utf16be(utf8::decode(utf8))) + ">";
}

HpdfDocument::PageRecord& HpdfDocument::page_record(HPDF_Page page) {
    auto it = pages_.find(page);
    if (it == pages_.end()) throw Error(ErrorCode::internal, "a PDF page that new_page did not make");
    return it->second;
}

HPDF_Page HpdfDocument::new_page(double width, double height) {
    if (!(width >= 3 && width <= 14400 && height >= 3 && height <= 14400))
        throw Error(ErrorCode::internal, "page size " + format_number(width) + " x " + format_number(height) +
                                             " pt is outside what PDF allows (3 to 14400 pt)");
    // As HPDF_Page_New: the page first, then its content stream (which makes its /Length object).
    PdfDict page = new_raw_dict();
    page.get()->header.obj_class |= HPDF_OSUBCLASS_PAGE;   // what the page tree's /Count counts
    HPDF_Dict contents = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
    check("adding a page");
    PageRecord& r = pages_[page.get()];
    r.width = static_cast<HPDF_REAL>(width);
    r.height = static_cast<HPDF_REAL>(height);
    r.contents = contents;
    return page.get();
}

void HpdfDocument::add_annotation(HPDF_Page page, PdfDict annotation) {
    page_record(page).annotations.push_back(annotation.get());
}

void HpdfDocument::set_page_structure(HPDF_Page page, std::int32_t key) {
    PageRecord& r = page_record(page);
    r.tabs = true;
    r.struct_parents = key;
}

void HpdfDocument::finish_pages(const std::vector<HPDF_Page>& pages) {
    auto kids = static_cast<HPDF_Array>(HPDF_Dict_GetItem(doc_->root_pages, "Kids", HPDF_OCLASS_ARRAY));
    if (!kids) throw Error(ErrorCode::internal, "libharu's page tree has no /Kids");
    const std::string parent = reference(doc_->root_pages);
    auto names = [](std::string& e, const char* key, char prefix, const std::vector<HPDF_Dict>& objects) {
        e += key;
        e += " <<\n";
        for (std::size_t k = 0; k < objects.size(); ++k) e += '/' + (prefix + std::to_string(k + 1)) + ' ' + reference(objects[k]) + '\n';
        e += ">>\n";
    };
    for (HPDF_Page page : pages) {
        PageRecord& r = page_record(page);
        std::string e = "/Type /Page\n/MediaBox [ 0 0 " + real(r.width) + ' ' + real(r.height) + " ]\n/Contents " +
                        reference(r.contents) + "\n/Resources <<\n/ProcSet [ /PDF /Text /ImageB /ImageC /ImageI ]\n";
        if (r.images_first && !r.images.empty()) names(e, "/XObject", 'X', r.images);
        if (!r.fonts.empty()) names(e, "/Font", 'F', r.fonts);
        if (!r.images_first && !r.images.empty()) names(e, "/XObject", 'X', r.images);
        e += ">>\n/Parent " + parent + '\n';
        if (!r.annotations.empty()) {
            e += "/Annots [ ";
            for (HPDF_Dict a : r.annotations) e += reference(a) + ' ';
            e += "]\n";
        }
        if (r.tabs) e += "/Tabs /S\n";
        if (r.struct_parents >= 0) e += "/StructParents " + std::to_string(r.struct_parents) + '\n';
        set_raw_entries(PdfDict(page), std::move(e));
        HPDF_Array_Add(kids, page);
        pages_.erase(page);
    }
    check("writing the page tree");
}

std::string HpdfDocument::reference(HPDF_Dict object) {
    return std::to_string(object->header.obj_id & 0x00FFFFFF) + ' ' + std::to_string(object->header.gen_no) + " R";
}

std::string HpdfDocument::reference(HPDF_Array object) {
    return std::to_string(object->header.obj_id & 0x00FFFFFF) + ' ' + std::to_string(object->header.gen_no) + " R";
}

PdfDict HpdfDocument::catalog() const { return PdfDict(doc_->catalog); }
PdfDict HpdfDocument::info() const { return PdfDict(doc_->info); }
PdfDict HpdfDocument::trailer() const { return PdfDict(doc_->trailer); }

void HpdfDocument::set_version(HPDF_PDFVer version) { doc_->pdf_version = version; }

void HpdfDocument::add_page_label(std::size_t first, PageNumbering numbering, std::string_view prefix, int start) {
    auto page = static_cast<HPDF_UINT>(first);
    // /St is left out for 1, the default (HPDF_AddPageLabel leaves it out for 0).
    auto st = static_cast<HPDF_UINT>(start != 1 ? std::max(1, start) : 0);
    if (numbering != PageNumbering::none && is_printable_ascii(prefix)) {
        // libharu writes a prefix as a literal string (no encoder is set), which is what set_text() writes for
        // printable ASCII.
        std::string p(prefix);
        HPDF_AddPageLabel(doc_, page,
                          numbering == PageNumbering::decimal ? HPDF_PAGE_NUM_STYLE_DECIMAL : HPDF_PAGE_NUM_STYLE_LOWER_ROMAN,
                          st, p.empty() ? nullptr : p.c_str());
        check("writing page labels");
        return;
    }
    // No numbering (libharu requires a style) or a prefix beyond ASCII (libharu's string loses it): the same
    // entry, built here, in the number tree HPDF_AddPageLabel uses.
    HPDF_Dict root = doc_->catalog;
    auto labels = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(root, "PageLabels", HPDF_OCLASS_DICT));
    if (!labels) {
        labels = new_direct_dict().get();
        PdfDict(root).set("PageLabels", PdfDict(labels));
    }
    auto nums = static_cast<HPDF_Array>(HPDF_Dict_GetItem(labels, "Nums", HPDF_OCLASS_ARRAY));
    if (!nums) {
        nums = new_array().get();
        PdfDict(labels).set("Nums", PdfArray(nums));
    }
    PdfDict label = new_direct_dict();
    if (numbering == PageNumbering::decimal) label.set_name("S", "D");
    if (numbering == PageNumbering::roman_lower) label.set_name("S", "r");
    if (!prefix.empty()) label.set_text("P", prefix);
    if (st != 0) label.set_number("St", static_cast<std::int32_t>(st));
    PdfArray(nums).add_number(static_cast<std::int32_t>(page)).add(label);
    check("writing page labels");
}

void HpdfDocument::set_deflated_content(HPDF_Page page, std::string_view deflated) {
    PageRecord& r = page_record(page);
    if (r.has_content) throw Error(ErrorCode::internal, "PDF page content set twice");
    HPDF_Dict contents = r.contents;
    contents->filter = HPDF_STREAM_FILTER_NONE;
    contents->write_fn = &write_flate_filter;
    // The bytes in one block of their own size, read by libharu through a callback stream when it saves (its
    // memory streams grow by 4 KB blocks and keep a list of them: a few hundred bytes a page more).
    ContentBytes& content = contents_.emplace_back();
    content.bytes.assign(deflated);
    HPDF_Stream reader = HPDF_CallbackReader_New(doc_->mmgr, &read_content, &seek_content, &tell_content, &content_size,
                                                 &content);
    check("making page content");
    HPDF_Stream_Free(contents->stream);   // empty: nothing was written to it
    contents->stream = reader;
    r.has_content = true;
}

std::string HpdfDocument::font_name(HPDF_Page page, PdfDict font) {
    PageRecord& r = page_record(page);
    auto it = std::find(r.fonts.begin(), r.fonts.end(), font.get());
    if (it == r.fonts.end()) {
        if (r.fonts.empty() && !r.images.empty()) r.images_first = true;
        it = r.fonts.insert(r.fonts.end(), font.get());
    }
    return "F" + std::to_string(it - r.fonts.begin() + 1);
}

std::string HpdfDocument::image_name(HPDF_Page page, HPDF_Image image) {
    PageRecord& r = page_record(page);
    auto it = std::find(r.images.begin(), r.images.end(), image);
    if (it == r.images.end()) it = r.images.insert(r.images.end(), image);
    return "X" + std::to_string(it - r.images.begin() + 1);
}

namespace {

constexpr std::size_t objects_per_stream = 200;
// Full object streams deflated together (on several threads).
constexpr std::size_t deflate_batch = 32;

}  // namespace

std::uint32_t HpdfDocument::pack_objects(std::size_t count) {
    if (packed_.count != 0 || count == 0) throw Error(ErrorCode::internal, "objects packed twice, or none");
    auto new_stream = [&] {
        HPDF_Dict s = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
        check("creating an object stream");
        s->filter = HPDF_STREAM_FILTER_NONE;   // deflated here
        s->write_fn = &write_flate_filter;
        return s;
    };
    for (std::size_t k = 0; k < count; k += objects_per_stream) packed_.streams.push_back(new_stream());
    // A cross-reference stream's /Length must be direct (a reader needs it before it knows where objects are),
    // and libharu writes every stream's as a reference: this one is a dictionary whose entries, written here,
    // end with the stream itself; libharu's closing ">>" then follows in a comment.
    packed_.xref_stream = new_raw_dict().get();
    packed_.first = doc_->xref->start_offset + doc_->xref->entries->count;   // the next object number
    packed_.count = count;
    doc_->trailer->attr = this;   // a plain dictionary: libharu neither uses nor frees its attr
    doc_->trailer->before_write_fn = &on_trailer;
    return packed_.first;
}

void HpdfDocument::set_packed(std::size_t index, std::string value) {
    if (index != packed_.next || index >= packed_.count)
        throw Error(ErrorCode::internal, "packed object " + std::to_string(index) + " given out of order (expected " +
                                             std::to_string(packed_.next) + " of " + std::to_string(packed_.count) + ")");
    Packed::Filling& f = packed_.filling;
    f.header += std::to_string(packed_.first + index) + ' ' + std::to_string(f.body.size()) + ' ';
    f.body += value;
    f.body += '\n';
    ++packed_.next;
    if (packed_.next % objects_per_stream == 0 || packed_.next == packed_.count) {
        packed_.full.push_back(Packed::Full{f.header.size(), f.header + f.body});
        f = {};
        // Enough streams to keep the threads busy, or the last: deflated now, so that the objects never wait whole.
        if (packed_.full.size() >= deflate_batch || packed_.next == packed_.count) deflate_packed();
    }
}

void HpdfDocument::deflate_packed() {
    std::size_t n = packed_.full.size();
    std::size_t workers = worker_count(n / 8 + 1);
    std::vector<std::unique_ptr<Deflater>> deflaters(workers);
    std::vector<std::string> deflated(n);
    parallel_for(n, workers, [&](std::size_t w, std::size_t k) {
        if (!deflaters[w]) deflaters[w] = std::make_unique<Deflater>();
        deflated[k] = deflaters[w]->deflate(packed_.full[k].data);
    });
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t s = packed_.done++;
        std::size_t begin = s * objects_per_stream, end = std::min(begin + objects_per_stream, packed_.count);
        HPDF_Dict stream = packed_.streams.at(s);
        HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(deflated[k].data()),
                          static_cast<HPDF_UINT>(deflated[k].size()));
        PdfDict(stream).set_name("Type", "ObjStm").set_number("N", static_cast<std::int32_t>(end - begin))
            .set_number("First", static_cast<std::int32_t>(packed_.full[k].first_offset));
    }
    packed_.full.clear();
    check("writing the object streams");
}

void HpdfDocument::write_packed() {
    if (packed_.next != packed_.count)
        throw Error(ErrorCode::internal, "only " + std::to_string(packed_.next) + " of " + std::to_string(packed_.count) +
                                             " packed objects were given");
    std::string xref;   // type 2 entries: /W [1 3 2]
    for (std::size_t s = 0; s < packed_.streams.size(); ++s) {
        std::size_t begin = s * objects_per_stream, end = std::min(begin + objects_per_stream, packed_.count);
        std::uint32_t number = packed_.streams[s]->header.obj_id & 0x00FFFFFF;
        for (std::size_t k = begin; k < end; ++k) {
            xref += '\x02';
            for (int shift : {16, 8, 0}) xref += static_cast<char>((number >> shift) & 0xFF);
            xref += static_cast<char>(((k - begin) >> 8) & 0xFF);
            xref += static_cast<char>((k - begin) & 0xFF);
        }
    }
    std::string deflated = deflate(xref);
    set_raw_entries(PdfDict(packed_.xref_stream),
                    "/Type /XRef /Size " + std::to_string(packed_.first + packed_.count) + " /W [1 3 2] /Index [" +
                        std::to_string(packed_.first) + ' ' + std::to_string(packed_.count) +
                        "] /Filter /FlateDecode /Length " + std::to_string(deflated.size()) + ">>\nstream\n" + deflated +
                        "\nendstream\n%");
    check("writing the object streams");
    packed_.written = true;
}

HPDF_STATUS HpdfDocument::on_trailer(HPDF_Dict trailer) {
    const auto* self = static_cast<const HpdfDocument*>(trailer->attr);
    HPDF_Dict stream = self->packed_.xref_stream;
    HPDF_Xref xref = self->doc_->xref;
    HPDF_UINT number = stream->header.obj_id & 0x00FFFFFF;
    HPDF_XrefEntry entry = number >= xref->start_offset ? HPDF_Xref_GetEntry(xref, number - xref->start_offset) : nullptr;
    if (!entry) return HPDF_INVALID_OBJ_ID;
    HPDF_STATUS s = HPDF_Dict_AddNumber(trailer, "XRefStm", static_cast<HPDF_INT32>(entry->byte_offset));
    if (s != HPDF_OK) return s;
    return HPDF_Dict_AddNumber(trailer, "Size", static_cast<HPDF_INT32>(self->packed_.first + self->packed_.count));
}

namespace {

// Where libharu's serialiser writes (a callback stream's attr): pieces gathered into a buffer and handed on when
// it is full. An exception from put is kept for save() to rethrow (it must not cross libharu's C frames).
struct SaveTarget {
    static constexpr std::size_t piece = 1 << 20;
    const std::function<void(std::string_view)>* put = nullptr;
    std::string buffer;
    std::exception_ptr failure;

    bool flush() {
        if (failure) return false;
        try {
            if (!buffer.empty()) (*put)(buffer);
            buffer.clear();
            return true;
        } catch (...) {
            failure = std::current_exception();
            return false;
        }
    }

    static HPDF_STATUS write(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
        auto* self = static_cast<SaveTarget*>(stream->attr);
        self->buffer.append(reinterpret_cast<const char*>(ptr), size);
        if (self->buffer.size() >= piece && !self->flush()) return HPDF_FILE_IO_ERROR;
        return HPDF_OK;
    }
};

}  // namespace

void HpdfDocument::save(const std::function<void(std::string_view)>& put) {
    if (!packed_.streams.empty() && !packed_.written) write_packed();   // once: save() may run again
    // HPDF_SaveToStream serialises into the document's stream, a memory stream unless one is set: this one hands
    // the bytes on as they come.
    SaveTarget target;
    target.put = &put;
    target.buffer.reserve(2 * SaveTarget::piece);
    if (doc_->stream) HPDF_Stream_Free(doc_->stream);
    doc_->stream = HPDF_CallbackWriter_New(doc_->mmgr, &SaveTarget::write, &target);
    check("creating the output stream");
    HPDF_SaveToStream(doc_);
    HPDF_Stream_Free(doc_->stream);   // it points at target
    doc_->stream = nullptr;
    if (target.failure) std::rethrow_exception(target.failure);
    check("serialising the document");
    if (!target.flush()) std::rethrow_exception(target.failure);
}

}  // namespace docexport::pdf
