// libxml2's recovery for ill-formed feeds (--lenient), set up to read nothing but the text: no DTD is loaded,
// no entity declaration is kept and no reference to one reaches libxml2, XML_PARSE_NONET, no external entity
// resolved. What it recovers is copied into a pugixml document, the one tree the feed reader knows.
#include "readers/feed/xml_recovery.hpp"

#include <docexport/diagnostics.hpp>

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace docexport::readers {

namespace {

// Returns true when text[i], an '&', begins &lt; &gt; &amp; &quot; &apos; or a numeric character reference.
bool xml_reference_at(std::string_view text, std::size_t i) {
    std::string_view rest = text.substr(i + 1);
    for (std::string_view name : {"lt;", "gt;", "amp;", "quot;", "apos;"})
        if (rest.starts_with(name)) return true;
    if (!rest.starts_with('#')) return false;
    bool hex = rest.starts_with("#x");
    std::size_t k = hex ? 2 : 1, digits = 0;
    auto digit = [hex](char c) {
        return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    };
    while (k < rest.size() && digit(rest[k])) ++k, ++digits;
    return digits > 0 && k < rest.size() && rest[k] == ';';
}

// The text libxml2 reads: each '&' that does not begin one of the references above is written &amp;, outside
// CDATA sections, comments and processing instructions. The strict reader (pugixml) reads such an '&' as a
// character and leaves other references (&nbsp;, &name; of a DTD) as written; libxml2 would drop them, and
// with them the name after a bare '&' (a link's "?a=1&b=2" would become "?a=1=2"). So both read the same
// characters, and no entity reference but the five of XML ever reaches libxml2.
struct EscapedText {
    std::string text;
    std::vector<std::size_t> escaped;  // the offsets in text of the '&' written as &amp;, ascending

    // Returns the offset in the original text of offset off in text.
    std::size_t original(std::size_t off) const {
        // Each escape before off added "amp;" (4 bytes) after its '&'.
        auto before = std::lower_bound(escaped.begin(), escaped.end(), off, [](std::size_t e, std::size_t o) {
            return e + 4 < o;
        });
        return off - 4 * static_cast<std::size_t>(before - escaped.begin());
    }
};

EscapedText escape_stray_ampersands(std::string_view text) {
    EscapedText out;
    out.text.reserve(text.size() + text.size() / 64);
    std::size_t i = 0;
    // Copies text from i through the end of a construct that opens at i with open and ends with close.
    auto copy_construct = [&](std::string_view open, std::string_view close) {
        std::size_t end = text.find(close, i + open.size());
        end = end == std::string_view::npos ? text.size() : end + close.size();
        out.text.append(text.substr(i, end - i));
        i = end;
    };
    while (i < text.size()) {
        std::size_t next = text.find_first_of("<&", i);
        if (next == std::string_view::npos) next = text.size();
        out.text.append(text.substr(i, next - i));
        i = next;
        if (i == text.size()) break;
        std::string_view rest = text.substr(i);
        if (rest[0] == '&') {
            if (xml_reference_at(text, i)) {
                out.text += '&';
            } else {
                out.escaped.push_back(out.text.size());
                out.text += "&amp;";
            }
            ++i;
        } else if (rest.starts_with("<![CDATA[")) {
            copy_construct("<![CDATA[", "]]>");
        } else if (rest.starts_with("<!--")) {
            copy_construct("<!--", "-->");
        } else if (rest.starts_with("<?")) {
            copy_construct("<?", "?>");
        } else {
            out.text += '<';
            ++i;
        }
    }
    return out;
}

// What the SAX callbacks record while libxml2 reads (reached through the parser context's _private).
struct Recovery {
    std::string_view text;                                      // what libxml2 reads
    std::unordered_map<const xmlNode*, std::size_t> starts;     // element -> offset in text of its '<'
    std::size_t errors = 0;
};

Recovery& recovery_of(void* ctx) {
    return *static_cast<Recovery*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void count_error(void* ctx, xmlErrorPtr error) {
    if (error != nullptr && error->level >= XML_ERR_ERROR) ++recovery_of(ctx).errors;
}

// Builds the element as libxml2 does, and records where its start tag begins: the parser has just read the tag's
// name and attributes, so the last '<' before the reading position opens it.
void start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri, int nb_namespaces,
                   const xmlChar** namespaces, int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    xmlNodePtr parent = ctxt->node;
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted, attributes);
    Recovery& r = recovery_of(ctx);
    if (ctxt->node == nullptr || ctxt->node == parent || ctxt->input == nullptr || r.text.empty()) return;
    auto at = static_cast<std::size_t>(ctxt->input->consumed) + static_cast<std::size_t>(ctxt->input->cur - ctxt->input->base);
    std::size_t open = r.text.rfind('<', std::min(at, r.text.size() - 1));
    if (open != std::string_view::npos) r.starts.emplace(ctxt->node, open);
}

// Returns the entity a reference names: only the five of XML reach here (see EscapedText). libxml2 2.9 drops
// every reference met after an error (xmlParseReference checks wellFormed, which recovery does not restore);
// XML_PARSE_OLDSAX sends those five here too, where reading goes on as after no error (count_error counts them).
xmlEntityPtr get_entity(void* ctx, const xmlChar* name) {
    static_cast<xmlParserCtxtPtr>(ctx)->wellFormed = 1;
    return xmlGetPredefinedEntity(name);
}

xmlEntityPtr no_parameter_entity(void*, const xmlChar*) { return nullptr; }
void ignore_entity_decl(void*, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {}
void ignore_unparsed_entity_decl(void*, const xmlChar*, const xmlChar*, const xmlChar*, const xmlChar*) {}
xmlParserInputPtr no_external_entity(void*, const xmlChar*, const xmlChar*) { return nullptr; }

std::string qualified_name(const xmlNs* ns, const xmlChar* name) {
    std::string local = name != nullptr ? reinterpret_cast<const char*>(name) : "";
    if (ns == nullptr || ns->prefix == nullptr) return local;
    return std::string(reinterpret_cast<const char*>(ns->prefix)) + ":" + local;
}

// Returns true for text that pugixml leaves out by default (white space only).
bool blank(const xmlChar* s) {
    if (s == nullptr) return true;
    for (; *s; ++s)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

const char* chars(const xmlChar* s) { return s != nullptr ? reinterpret_cast<const char*>(s) : ""; }

// Copies libxml2's tree into doc (without recursion: libxml2 allows 256 levels, the copy any number).
void copy_tree(xmlDocPtr from, const Recovery& r, const EscapedText& input, pugi::xml_document& doc, RecoveredXml& out) {
    struct Frame {
        xmlNodePtr next;
        pugi::xml_node into;
    };
    std::vector<Frame> stack{{from->children, doc}};
    while (!stack.empty()) {
        xmlNodePtr n = stack.back().next;
        pugi::xml_node into = stack.back().into;
        if (n == nullptr) {
            stack.pop_back();
            continue;
        }
        stack.back().next = n->next;
        switch (n->type) {
        case XML_ELEMENT_NODE: {
            pugi::xml_node e = into.append_child(pugi::node_element);
            e.set_name(qualified_name(n->ns, n->name).c_str());
            for (xmlNsPtr d = n->nsDef; d != nullptr; d = d->next)
                e.append_attribute(d->prefix != nullptr ? ("xmlns:" + std::string(chars(d->prefix))).c_str() : "xmlns")
                    .set_value(chars(d->href));
            for (xmlAttrPtr a = n->properties; a != nullptr; a = a->next) {
                std::unique_ptr<xmlChar, void (*)(void*)> value(xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(a)), xmlFree);
                e.append_attribute(qualified_name(a->ns, a->name).c_str()).set_value(chars(value.get()));
            }
            if (auto it = r.starts.find(n); it != r.starts.end()) out.offsets[e.internal_object()] = input.original(it->second) + 1;
            stack.push_back({n->children, e});
            break;
        }
        case XML_TEXT_NODE:
            if (!blank(n->content)) into.append_child(pugi::node_pcdata).set_value(chars(n->content));
            break;
        case XML_CDATA_SECTION_NODE:
            into.append_child(pugi::node_cdata).set_value(chars(n->content));
            break;
        case XML_DTD_NODE:
            if (into == doc) {
                pugi::xml_node d = doc.append_child(pugi::node_doctype);
                d.set_value(chars(n->name));
                // At its name, as pugixml gives it.
                if (std::size_t at = input.text.find("<!DOCTYPE"); at != std::string::npos) {
                    at = input.text.find_first_not_of(" \t\n\r", at + 9);
                    if (at != std::string::npos) out.offsets[d.internal_object()] = input.original(at);
                }
            }
            break;
        default:  // comments and processing instructions, as pugixml's parse options leave them out
            break;
        }
    }
}

}  // namespace

RecoveredXml recover_xml(std::string_view text, pugi::xml_document& doc) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { xmlInitParser(); });
    doc.reset();
    RecoveredXml out;
    EscapedText input = escape_stray_ampersands(text);
    if (input.text.empty() || input.text.size() > static_cast<std::size_t>(INT_MAX)) return out;
    Recovery r{input.text, {}, 0};
    std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(
        xmlCreateMemoryParserCtxt(input.text.data(), static_cast<int>(input.text.size())), xmlFreeParserCtxt);
    if (!ctxt || ctxt->sax == nullptr) throw Error(ErrorCode::internal, "libxml2 cannot make a parser");
    // No XML_PARSE_HUGE: libxml2's limits (256 levels of nesting, 10 MB in a CDATA section) bound what a hostile
    // file costs; recovery stops where one is passed.
    xmlCtxtUseOptions(ctxt.get(), XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_IGNORE_ENC | XML_PARSE_OLDSAX);
    xmlSwitchEncoding(ctxt.get(), XML_CHAR_ENCODING_UTF8);
    ctxt->_private = &r;
    xmlSAXHandler* sax = ctxt->sax;
    sax->serror = count_error;
    sax->startElementNs = start_element;
    sax->getEntity = get_entity;
    sax->getParameterEntity = no_parameter_entity;
    sax->entityDecl = ignore_entity_decl;
    sax->unparsedEntityDecl = ignore_unparsed_entity_decl;
    sax->resolveEntity = no_external_entity;
    sax->externalSubset = nullptr;
    xmlParseDocument(ctxt.get());
    std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> recovered(ctxt->myDoc, xmlFreeDoc);
    ctxt->myDoc = nullptr;
    out.errors = r.errors;
    if (recovered) copy_tree(recovered.get(), r, input, doc, out);
    return out;
}

}  // namespace docexport::readers
