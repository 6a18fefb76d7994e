// The adapter to libharu 2.3.0: the only file that touches its internal structures (see the header).
#include "pdf/hpdf_document.hpp"

#include "pdf/text.hpp"

#include <docexport/diagnostics.hpp>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <cstdio>

namespace docexport::pdf {

namespace {

// Names the filter of a stream whose bytes are already Flate-compressed: libharu writes the bytes as they are
// (filter NONE) and calls this while writing the stream's dictionary.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
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

HPDF_Dict HpdfDocument::new_dict() {
    HPDF_Dict d = HPDF_Dict_New(doc_->mmgr);
    if (d) HPDF_Xref_Add(doc_->xref, d);
    check("creating a dictionary");
    return d;
}

HPDF_Dict HpdfDocument::new_direct_dict() {
    HPDF_Dict d = HPDF_Dict_New(doc_->mmgr);
    check("creating a dictionary");
    return d;
}

HPDF_Dict HpdfDocument::new_stream(std::string_view data, bool compress) {
    if (compress) return new_deflated_stream(deflate(data));
    HPDF_Dict s = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
    check("creating a stream");
    s->filter = HPDF_STREAM_FILTER_NONE;
    if (!data.empty())
        HPDF_Stream_Write(s->stream, reinterpret_cast<const HPDF_BYTE*>(data.data()),
                          static_cast<HPDF_UINT>(data.size()));
    check("writing a stream");
    return s;
}

HPDF_Dict HpdfDocument::new_deflated_stream(std::string_view deflated) {
    HPDF_Dict s = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
    check("creating a stream");
    s->filter = HPDF_STREAM_FILTER_NONE;
    s->write_fn = &write_flate_filter;
    if (!deflated.empty())
        HPDF_Stream_Write(s->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                          static_cast<HPDF_UINT>(deflated.size()));
    check("writing a stream");
    return s;
}

HPDF_Array HpdfDocument::new_array() {
    HPDF_Array a = HPDF_Array_New(doc_->mmgr);
    check("creating an array");
    return a;
}

HPDF_Binary HpdfDocument::new_binary(std::string_view bytes) {
    // HPDF_Binary_New copies the bytes; its parameter is not const.
    std::string copy(bytes);
    HPDF_Binary b = HPDF_Binary_New(doc_->mmgr, reinterpret_cast<HPDF_BYTE*>(copy.data()),
                                    static_cast<HPDF_UINT>(copy.size()));
    check("creating a binary string");
    return b;
}

void* HpdfDocument::new_text_string(std::string_view utf8) {
    if (is_printable_ascii(utf8)) return new_ascii_string(utf8);
    return new_binary(std::string("\xFE\xFF", 2) + utf16be(utf8::decode(utf8)));
}

HPDF_String HpdfDocument::new_ascii_string(std::string_view ascii) {
    std::string copy(ascii);
    HPDF_String s = HPDF_String_New(doc_->mmgr, copy.c_str(), nullptr);
    check("creating a string");
    return s;
}

HPDF_Null HpdfDocument::new_null() {
    HPDF_Null n = HPDF_Null_New(doc_->mmgr);
    check("creating a null object");
    return n;
}

HPDF_Dict HpdfDocument::catalog() const { return doc_->catalog; }
HPDF_Dict HpdfDocument::info() const { return doc_->info; }
HPDF_Dict HpdfDocument::trailer() const { return doc_->trailer; }

void HpdfDocument::set_version(HPDF_PDFVer version) { doc_->pdf_version = version; }

void HpdfDocument::set_deflated_content(HPDF_Page page, std::string_view deflated) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    if (attr->stream->size != 0) throw Error(ErrorCode::internal, "PDF page content set twice");
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = &write_flate_filter;
    HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                      static_cast<HPDF_UINT>(deflated.size()));
    check("writing page content");
}

std::string HpdfDocument::image_name(HPDF_Page page, HPDF_Image image) {
    const char* name = HPDF_Page_GetXObjectName(page, image);
    check("adding an image to a page");
    if (!name) throw Error(ErrorCode::internal, "libharu gave no resource name for an image");
    return name;
}

std::string HpdfDocument::save() {
    HPDF_SaveToStream(doc_);
    check("serialising the document");
    HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
    std::string bytes(size, '\0');
    HPDF_UINT32 read = size;
    if (size > 0) {
        HPDF_STATUS s = HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
        // Reading up to the end reports HPDF_STREAM_EOF, which is success here.
        if (s == HPDF_STREAM_EOF && read == size) reset_error();
    }
    check("reading the serialised document");
    if (read != size) throw Error(ErrorCode::internal, "libharu returned a short PDF stream");
    return bytes;
}

}  // namespace docexport::pdf
