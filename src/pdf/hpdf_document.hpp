// A libharu document in RAII, with its error state checked from C++, and the few object-level operations
// the writer needs. hpdf_document.cpp is the ONE file that reaches into libharu 2.3.0's internal structures
// (HPDF_Doc_Rec: mmgr, xref, catalog, info, trailer, pdf_version; HPDF_PageAttr_Rec: stream; HPDF_Dict_Rec:
// stream, filter, write_fn). If libharu changes (e.g. 2.4), recheck that file only.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace docexport::pdf {

// Owns an HPDF_Doc. libharu's error handler only records; check() turns a recorded error into an Error.
class HpdfDocument {
public:
    // Creates a document with compression of every stream on (before any page exists).
    HpdfDocument();
    ~HpdfDocument();
    HpdfDocument(const HpdfDocument&) = delete;
    HpdfDocument& operator=(const HpdfDocument&) = delete;

    // Returns the handle for HPDF_* calls; owned by this object.
    HPDF_Doc get() const { return doc_; }
    // Throws Error(internal) naming `what` when libharu has recorded an error since the last reset.
    void check(std::string_view what) const;
    // Forgets a recorded error (libharu's error state is sticky); returns its code.
    HPDF_STATUS reset_error();

    // Returns a new empty dictionary registered as an indirect object.
    HPDF_Dict new_dict();
    // Returns a new indirect stream object holding data, Flate-compressed when compress.
    HPDF_Dict new_stream(std::string_view data, bool compress);
    // Returns a new indirect stream object holding data that deflate() already compressed.
    HPDF_Dict new_deflated_stream(std::string_view deflated);
    // Returns a new direct (not indirect) dictionary.
    HPDF_Dict new_direct_dict();
    // Returns a new direct array.
    HPDF_Array new_array();
    // Returns a direct string object written as <hex> (binary data, UTF-16BE text).
    HPDF_Binary new_binary(std::string_view bytes);
    // Returns a direct text string: a literal for printable ASCII, else <FEFF…> UTF-16BE (non-BMP safe).
    void* new_text_string(std::string_view utf8);
    // Returns a direct literal string of bytes (ASCII).
    HPDF_String new_ascii_string(std::string_view ascii);
    // Returns a direct null object.
    HPDF_Null new_null();

    // Returns the document catalog, the Info dictionary and the trailer.
    HPDF_Dict catalog() const;
    HPDF_Dict info() const;
    HPDF_Dict trailer() const;
    // Sets the version written in the header.
    void set_version(HPDF_PDFVer version);

    // Sets page's whole content stream to operators that deflate() already compressed (nothing may have
    // been written to the page before).
    void set_deflated_content(HPDF_Page page, std::string_view deflated);
    // Returns the name under which page's resources know image (e.g. "X1"), adding it if needed.
    std::string image_name(HPDF_Page page, HPDF_Image image);

    // Returns the serialised document.
    std::string save();

private:
    HPDF_Doc doc_ = nullptr;
    struct Recorded {
        HPDF_STATUS error = 0;
        HPDF_STATUS detail = 0;
    } recorded_;
    static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data);
};

}  // namespace docexport::pdf
