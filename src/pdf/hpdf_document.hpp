// A libharu document in RAII, with its error state checked from C++, and typed handles (PdfDict, PdfArray) for
// the objects the writer builds itself. hpdf_document.cpp is the ONE file that uses libharu 2.3.0's object layer
// (HPDF_Dict_*, HPDF_Array_*, HPDF_Xref_Add, HPDF_Xref_GetEntry, HPDF_*_New, HPDF_CallbackReader_New) and its
// internal structures (HPDF_Doc_Rec: mmgr, xref, catalog, info, trailer, pdf_version, root_pages; HPDF_Xref_Rec:
// start_offset, entries, and an entry's byte_offset; HPDF_Dict_Rec: stream, filter, attr, write_fn,
// before_write_fn; HPDF_Stream_Rec: attr, size; an object header's id, generation and class (a page's subclass,
// which the page tree's /Count counts); HPDF_Doc_Rec's stream, which save() points at its own writer). The rest of
// src/pdf calls libharu's public API (hpdf.h) and these handles only. If libharu changes (e.g. 2.4), recheck that
// file; pages, link annotations and the outline are raw dictionaries laid out as libharu 2.3.0 lays out its own
// (real(), text()), so another version may write other bytes for the same meaning.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>
#include <string>
#include <string_view>
#include <unordered_map>

namespace docexport::pdf {

class PdfArray;

// A dictionary of the document, direct or indirect: a handle; the document owns the object. Pages, outline items,
// annotations and fonts are dictionaries too. A setter replaces an existing key where it stands (libharu writes
// keys in the order they were first set). libharu records failures in the document: call HpdfDocument::check()
// after a group of calls.
class PdfDict {
public:
    PdfDict() = default;
    explicit PdfDict(HPDF_Dict handle) : handle_(handle) {}

    // Returns the libharu handle (null for a default-constructed PdfDict).
    HPDF_Dict get() const { return handle_; }
    explicit operator bool() const { return handle_ != nullptr; }

    // Each setter returns *this.
    PdfDict& set_name(const char* key, std::string_view name);
    PdfDict& set_number(const char* key, std::int32_t value);
    PdfDict& set_boolean(const char* key, bool value);
    // Sets a text string: a literal for printable ASCII, else <FEFF…> UTF-16BE (libharu's own encoder turns
    // characters beyond the BMP into spaces).
    PdfDict& set_text(const char* key, std::string_view utf8);
    // Sets a literal string of bytes (ASCII).
    PdfDict& set_ascii(const char* key, std::string_view ascii);
    // Sets a dictionary or an array: written in place when direct, as a reference when indirect.
    PdfDict& set(const char* key, PdfDict value);
    PdfDict& set(const char* key, PdfArray value);
    // Removes key (nothing happens when it is absent).
    PdfDict& remove(const char* key);

private:
    HPDF_Dict handle_ = nullptr;
};

// An array of the document (direct, or indirect when made by new_indirect_array): a handle, like PdfDict.
class PdfArray {
public:
    PdfArray() = default;
    explicit PdfArray(HPDF_Array handle) : handle_(handle) {}

    // Returns the libharu handle.
    HPDF_Array get() const { return handle_; }
    explicit operator bool() const { return handle_ != nullptr; }

    // Each adder appends one item and returns *this.
    PdfArray& add_number(std::int32_t value);
    PdfArray& add_real(double value);
    PdfArray& add_name(std::string_view name);
    PdfArray& add_null();
    // Appends a string written as <hex> (binary data).
    PdfArray& add_binary(std::string_view bytes);
    // Appends a dictionary or an array: in place when direct, as a reference when indirect (a page).
    PdfArray& add(PdfDict value);
    PdfArray& add(PdfArray value);

private:
    HPDF_Array handle_ = nullptr;
};

// A page's deflated content, which libharu reads through a callback stream when it saves the document: the bytes,
// in one block of their own size, and where the reading is.
struct ContentBytes {
    std::string bytes;
    std::size_t read = 0;
};

// How the labels of a page range are numbered (/S); none: the prefix alone.
enum class PageNumbering { decimal, roman_lower, none };

// Owns an HPDF_Doc. libharu's error handler only records; check() turns a recorded error into an Error.
class HpdfDocument {
public:
    // Creates a document with compression of every stream on (before any page exists).
    HpdfDocument();
    ~HpdfDocument();
    HpdfDocument(const HpdfDocument&) = delete;
    HpdfDocument& operator=(const HpdfDocument&) = delete;

    // Returns the handle for the public HPDF_* calls (pages, images, annotations, outline); owned by this object.
    HPDF_Doc get() const { return doc_; }
    // Throws Error(internal) naming `what` when libharu has recorded an error since the last reset.
    void check(std::string_view what) const;
    // Forgets a recorded error (libharu's error state is sticky); returns its code.
    HPDF_STATUS reset_error();

    // Returns a new empty dictionary registered as an indirect object.
    PdfDict new_dict();
    // Returns a new indirect stream object holding data, Flate-compressed when compress.
    PdfDict new_stream(std::string_view data, bool compress);
    // Returns a new indirect stream object holding data that deflate() already compressed.
    PdfDict new_deflated_stream(std::string_view deflated);
    // Returns a new direct (not indirect) dictionary.
    PdfDict new_direct_dict();
    // Returns a new direct array.
    PdfArray new_array();
    // Returns a new array registered as an indirect object (a parent tree's arrays).
    PdfArray new_indirect_array();
    // Returns a new indirect dictionary whose entries are written as set_raw_entries gives them (after any set
    // through PdfDict): a structure tree has tens of thousands of elements, and libharu's own dictionaries take
    // a kilobyte each. Its object number is known at once (reference()), so that entries can point at objects
    // made after it.
    PdfDict new_raw_dict();
    // Sets the serialised entries (e.g. "/S /P /K 0") of a dictionary made by new_raw_dict.
    void set_raw_entries(PdfDict dict, std::string entries);
    // Adds entries after those a dictionary made by new_raw_dict has.
    void append_raw_entries(PdfDict dict, std::string_view entries);
    // Return what libharu writes for a real number (the float it keeps, at most five decimals, within ±32767),
    // for a text string set with PdfDict::set_text, and for a literal string of bytes (its escapes), so that
    // raw entries read as libharu's own.
    static std::string real(double value);
    static std::string text(std::string_view utf8);
    static std::string literal(std::string_view bytes);
    // Returns "N G R", the reference to an indirect object (a dictionary, a page, an annotation).
    static std::string reference(HPDF_Dict object);
    static std::string reference(HPDF_Array object);
    // Reserves count objects that save() writes compressed in object streams (ISO 32000-1, 7.5.7), listed in a
    // cross-reference stream that the trailer's /XRefStm points to (a hybrid-reference file, 7.5.8.4): tens of
    // thousands of small objects (a structure tree's elements) then take neither libharu's memory nor many bytes.
    // Returns the number of the first; the others follow it. Call it once, after every other indirect object
    // exists (their numbers come before these), and give each object's value (e.g. "<</S /P /K 0>>") with
    // set_packed, in order of index (each object stream is deflated as soon as it is full). Only objects that are
    // not streams; only reading applications of PDF 1.5 or later find them.
    std::uint32_t pack_objects(std::size_t count);
    // Sets the serialised value of packed object index (0 = the first pack_objects returned); indexes come in order.
    void set_packed(std::size_t index, std::string value);

    // Returns the document catalog, the Info dictionary and the trailer.
    PdfDict catalog() const;
    PdfDict info() const;
    PdfDict trailer() const;
    // Sets the version written in the header.
    void set_version(HPDF_PDFVer version);

    // Adds a range to the catalog's /PageLabels (ranges in increasing order of first): from page `first` (from 0)
    // on, prefix + numbers in numbering from start. Through HPDF_AddPageLabel where that writes the same entry
    // (a numbering style, an empty or printable ASCII prefix); else the entry is built here.
    void add_page_label(std::size_t first, PageNumbering numbering, std::string_view prefix, int start);

    // Pages are dictionaries of raw entries too (libharu's own page takes about 4 KB, and a book has tens of
    // thousands), what each needs kept in a few dozen bytes until finish_pages writes them as libharu 2.3.0 writes
    // its pages: /Type, /MediaBox, /Contents, /Resources (/ProcSet, then /Font and /XObject in the order of their
    // first entry, named F1, F2, … and X1, … on each page), /Parent, /Annots, /Tabs, /StructParents. The objects
    // are numbered as libharu numbers a page's: the page, then its content stream and the stream's length.
    // Returns a new page of width × height points (3 to 14,400) with an empty content stream.
    HPDF_Page new_page(double width, double height);
    // Adds annotation (an indirect dictionary, e.g. one made by new_raw_dict) to page's /Annots.
    void add_annotation(HPDF_Page page, PdfDict annotation);
    // Sets page's whole content stream to operators that deflate() already compressed (once).
    void set_deflated_content(HPDF_Page page, std::string_view deflated);
    // Returns the name under which page's resources know font (a Type0 dictionary, e.g. "F1"), adding it if needed.
    std::string font_name(HPDF_Page page, PdfDict font);
    // Returns the name under which page's resources know image (e.g. "X1"), adding it if needed.
    std::string image_name(HPDF_Page page, HPDF_Image image);
    // Sets page's tab order to the structure's (/Tabs /S) and, when key >= 0, its key in the parent tree
    // (/StructParents).
    void set_page_structure(HPDF_Page page, std::int32_t key);
    // Puts pages (made by new_page) into the page tree in this order and writes their entries; once, after
    // everything else about them is set.
    void finish_pages(const std::vector<HPDF_Page>& pages);

    // Serialises the document into put, in pieces of about a megabyte (never the whole file in memory at once);
    // what put throws comes out of save.
    void save(const std::function<void(std::string_view)>& put);

private:
    HPDF_Doc doc_ = nullptr;
    struct Recorded {
        HPDF_STATUS error = 0;
        HPDF_STATUS detail = 0;
    } recorded_;
    static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data);
    std::deque<std::string> raw_entries_;   // of the new_raw_dict dictionaries (stable addresses)
    // What a page made by new_page holds until finish_pages writes it.
    struct PageRecord {
        HPDF_REAL width = 0, height = 0;
        HPDF_Dict contents = nullptr;
        bool has_content = false;
        std::vector<HPDF_Dict> fonts, images, annotations;   // F1…, X1…, /Annots, in order
        bool images_first = false;                           // /XObject was made before /Font
        bool tabs = false;
        std::int32_t struct_parents = -1;
    };
    std::unordered_map<HPDF_Dict, PageRecord> pages_;
    std::deque<ContentBytes> contents_;   // of the pages, until the document is saved (stable addresses)
    PageRecord& page_record(HPDF_Page page);
    struct Packed {
        std::uint32_t first = 0;
        std::size_t count = 0;
        std::size_t next = 0;               // the index set_packed expects next
        struct Filling {
            std::string header, body;       // "number offset" pairs, the objects
        } filling;                          // the object stream being filled
        struct Full {
            std::size_t first_offset = 0;   // /First: where the objects start
            std::string data;
        };
        std::vector<Full> full;             // full streams waiting to be deflated
        std::size_t done = 0;               // streams deflated into their objects
        bool written = false;               // the cross-reference stream is made
        std::vector<HPDF_Dict> streams;     // the object streams (libharu's objects)
        HPDF_Dict xref_stream = nullptr;    // the cross-reference stream of the packed objects
    } packed_;
    // Deflates the full object streams into their objects.
    void deflate_packed();
    // Makes the cross-reference stream of the packed objects (at save).
    void write_packed();
    // Adds /XRefStm and the whole /Size to the trailer as libharu writes it.
    static HPDF_STATUS on_trailer(HPDF_Dict trailer);
};

}  // namespace docexport::pdf
