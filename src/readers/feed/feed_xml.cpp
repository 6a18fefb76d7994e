// RSS 0.9x/1.0/2.0 and Atom 1.0, parsed with pugixml: no DTD processing, no entities beyond the five of XML
// and numeric references (others are left as written, and HTML content decodes them later). Malformed XML is an
// error, or with --lenient a warning and what libxml2's recovery reads (xml_recovery.cpp), in the same tree.
#include "readers/feed/feed_reader.hpp"
#include "readers/feed/xml_recovery.hpp"

#include "readers/html/urls.hpp"
#include "readers/html/html_content.hpp"
#include "readers/common/utf8.hpp"
#include "support/ascii.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

namespace docexport::readers {

namespace {

constexpr std::string_view ns_atom = "http://www.w3.org/2005/Atom";
constexpr std::string_view ns_atom03 = "http://purl.org/atom/ns#";
constexpr std::string_view ns_rss10 = "http://purl.org/rss/1.0/";
constexpr std::string_view ns_rss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view ns_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view ns_content = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view ns_dc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view ns_dcterms = "http://purl.org/dc/terms/";
constexpr std::string_view ns_xml = "http://www.w3.org/XML/1998/namespace";

// Line starts of the parsed text, to turn pugixml's byte offsets into line:col.
class LineIndex {
public:
    LineIndex(std::string_view name, std::string_view text) : name_(name), text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    // Returns the position of byte offset off.
    SourcePos at(std::ptrdiff_t off) const {
        if (off < 0) return {name_, 0, 0};
        auto o = std::min(static_cast<std::size_t>(off), text_.size());
        auto it = std::upper_bound(starts_.begin(), starts_.end(), o);
        std::size_t line = static_cast<std::size_t>(it - starts_.begin());
        std::size_t start = starts_[line - 1];
        std::string_view rest = text_.substr(start);
        rest = rest.substr(0, rest.find('\n'));
        return {name_, static_cast<std::uint32_t>(line), column_of(rest, o - start)};
    }

private:
    std::string name_;
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

// Positions of nodes: from pugixml's offsets in a parsed document, from the recorded ones in a recovered one.
class NodePositions {
public:
    explicit NodePositions(const LineIndex& lines) : lines_(lines) {}

    // Returns the position of the node (its name, for an element); the file alone when it is unknown.
    SourcePos of(pugi::xml_node n) const {
        std::ptrdiff_t off = -1;
        if (recovered_ == nullptr) {
            off = n.offset_debug();
        } else if (auto it = recovered_->find(n.internal_object()); it != recovered_->end()) {
            off = static_cast<std::ptrdiff_t>(it->second);
        }
        return lines_.at(off < 0 ? off : off + static_cast<std::ptrdiff_t>(skip_));
    }
    // Returns the position of byte offset off of the parsed text.
    SourcePos at(std::ptrdiff_t off) const { return lines_.at(off + static_cast<std::ptrdiff_t>(skip_)); }

    void set_skip(std::size_t skip) { skip_ = skip; }
    void set_recovered(const std::unordered_map<const void*, std::size_t>* offsets) { recovered_ = offsets; }

private:
    const LineIndex& lines_;
    std::size_t skip_ = 0;  // bytes before the parsed text (white space before <?xml)
    const std::unordered_map<const void*, std::size_t>* recovered_ = nullptr;
};

// Namespace URIs of element names (pugixml does not do namespaces). Undeclared prefixes that feeds use
// by convention are read with their usual namespace and reported once.
class Namespaces {
public:
    Namespaces(std::string_view name, DiagnosticSink& sink, const NodePositions& positions)
        : name_(name), sink_(sink), positions_(positions) {}

    // Returns the namespace URI of the element's name.
    std::string ns_of(pugi::xml_node n) {
        std::string_view qname = n.name();
        auto colon = qname.find(':');
        std::string prefix(colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon));
        if (prefix == "xml") return std::string(ns_xml);
        for (pugi::xml_node x = n; x && x.type() == pugi::node_element; x = x.parent()) {
            const auto& decls = declarations(x);
            if (auto it = decls.find(prefix); it != decls.end()) return it->second;
        }
        if (prefix.empty()) return {};
        static const std::unordered_map<std::string, std::string> usual{
            {"content", std::string(ns_content)}, {"dc", std::string(ns_dc)},   {"dcterms", std::string(ns_dcterms)},
            {"atom", std::string(ns_atom)},       {"rdf", std::string(ns_rdf)}, {"atom10", std::string(ns_atom)}};
        auto it = usual.find(prefix);
        if (reported_.insert(prefix).second)
            sink_.warn(positions_.of(n),
                       "undeclared namespace prefix '" + prefix + "'" +
                           (it != usual.end() ? "; read with its usual namespace " + it->second : "; its elements are ignored"),
                       {"declare it on the root element, e.g. xmlns:" + prefix + "=\"...\""});
        return it != usual.end() ? it->second : "urn:undeclared:" + prefix;
    }

private:
    const std::unordered_map<std::string, std::string>& declarations(pugi::xml_node x) {
        auto [it, fresh] = cache_.try_emplace(x.internal_object());
        if (fresh)
            for (pugi::xml_attribute a : x.attributes()) {
                std::string_view n = a.name();
                if (n == "xmlns") it->second[""] = a.value();
                else if (n.substr(0, 6) == "xmlns:") it->second[std::string(n.substr(6))] = a.value();
            }
        return it->second;
    }

    std::string name_;
    DiagnosticSink& sink_;
    const NodePositions& positions_;
    std::unordered_map<const void*, std::unordered_map<std::string, std::string>> cache_;
    std::set<std::string> reported_;
};

std::string_view local_name(pugi::xml_node n) {
    std::string_view q = n.name();
    auto colon = q.find(':');
    return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// Returns the markup inside an element (for XHTML content and HTML written unescaped into RSS).
std::string inner_xml(pugi::xml_node n) {
    StringWriter w;
    for (pugi::xml_node c : n.children()) c.print(w, "", pugi::format_raw);
    return w.out;
}

// Returns the character data of an element: its text and CDATA sections, or its inner markup when it has
// element children.
std::string text_of(pugi::xml_node n) {
    std::string out;
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_element) return inner_xml(n);
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    }
    return out;
}

class XmlFeedReader {
public:
    XmlFeedReader(std::string_view name, std::string_view text, const ReadOptions& options, DiagnosticSink& sink)
        : name_(name), text_(text), options_(options), sink_(sink), lines_(name, text), positions_(lines_),
          ns_(name, sink, positions_) {}

    // Returns the feed; throws Error(input) when it is malformed (unless options.lenient) or not a feed.
    Feed read() {
        // White space (and a BOM that survived) before <?xml is tolerated.
        std::size_t skip = 0;
        while (skip < text_.size() && (text_[skip] == ' ' || text_[skip] == '\t' || text_[skip] == '\n' || text_[skip] == '\r'))
            ++skip;
        unsigned flags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol | pugi::parse_wconv_attribute |
                         pugi::parse_doctype;
        pugi::xml_parse_result r =
            doc_.load_buffer(text_.data() + skip, text_.size() - skip, flags, pugi::encoding_utf8);
        skip_ = skip;
        positions_.set_skip(skip);
        if (!r) {
            if (!options_.lenient) fail(r);
            recover(r);
        }
        Feed feed = read_document();
        if (malformed_) {
            malformed_->message += "; " + std::to_string(feed.entries.size()) +
                                   (feed.entries.size() == 1 ? " entry" : " entries") + " recovered" + lost_;
        }
        return feed;
    }

    // Returns the warning that the feed was malformed and recovered (after read), if it was.
    const std::optional<Diagnostic>& recovery_warning() const { return malformed_; }

private:
    Feed read_document() {
        for (pugi::xml_node n : doc_.children())
            if (n.type() == pugi::node_doctype)
                sink_.warn(pos(n), "the document type declaration is ignored: no DTD is read and no entity it "
                                   "declares is expanded",
                           {"feeds need no DTD; entities other than &lt; &gt; &amp; &quot; &apos; are left as written"});
        pugi::xml_node root = doc_.document_element();
        std::string ns = ns_.ns_of(root);
        std::string_view local = local_name(root);
        if (local == "rss") return read_rss(root, root.child("channel"), false);
        if (local == "RDF" && ns == ns_rdf) return read_rss(root, first_child(root, "channel"), true);
        if (local == "feed" && (ns == ns_atom || ns == ns_atom03 || ns.empty())) return read_atom(root, ns == ns_atom03);
        throw Error(ErrorCode::input, "not a feed: the root element is <" + std::string(root.name()) + ">", pos(root),
                    {"docexport reads RSS (<rss>, <rdf:RDF>), Atom (<feed>) and JSON Feed"});
    }

    SourcePos pos(pugi::xml_node n) const { return positions_.of(n); }

    // Returns the hints for a parse error: what it may come from, and whether it is at the end of the file.
    std::vector<std::string> parse_error_hints(const pugi::xml_parse_result& r) const {
        std::vector<std::string> hints;
        switch (r.status) {
        case pugi::status_end_element_mismatch:
            hints.push_back("an element is not closed or closed twice; the feed may be truncated");
            break;
        case pugi::status_bad_cdata:
            hints.push_back("a CDATA section is not closed with ]]>; the feed may be truncated");
            break;
        case pugi::status_no_document_element:
            hints.push_back("there is no root element; the file may be empty or truncated");
            break;
        case pugi::status_bad_doctype:
            hints.push_back("the document type declaration is malformed (it is never read, but must be well-formed)");
            break;
        default:
            hints.push_back("the XML is not well-formed; the feed may be truncated or damaged");
        }
        // pugixml puts an error at the end of the text on its last character.
        if (static_cast<std::size_t>(r.offset) + skip_ + 1 >= text_.size()) hints.push_back("the error is at the end of the file");
        return hints;
    }

    static std::string parse_error_text(const pugi::xml_parse_result& r) {
        std::string what = r.description();
        if (!what.empty()) what[0] = support::ascii_lower(what[0]);
        return "malformed XML: " + what;
    }

    [[noreturn]] void fail(const pugi::xml_parse_result& r) {
        std::vector<std::string> hints = parse_error_hints(r);
        hints.push_back("--lenient (in a manifest, 'lenient: true') reads what the feed holds, recovering from the error");
        throw Error(ErrorCode::input, parse_error_text(r), positions_.at(r.offset), hints);
    }

    // Reads the text again with libxml2's recovery, into doc_; the warning waits for the count of entries.
    // Throws the parse error when nothing could be recovered.
    void recover(const pugi::xml_parse_result& r) {
        recovered_ = recover_xml(text_.substr(skip_), doc_);
        positions_.set_recovered(&recovered_.offsets);
        if (!doc_.document_element()) {
            std::vector<std::string> hints = parse_error_hints(r);
            hints.push_back("nothing could be recovered: there is no element");
            throw Error(ErrorCode::input, parse_error_text(r), positions_.at(r.offset), hints);
        }
        std::vector<std::string> hints = parse_error_hints(r);
        hints.push_back("read on with libxml2's recovery: everything before the error is read as written; after it, "
                        "text or entries may be missing, cut short or misplaced");
        malformed_ = Diagnostic{Severity::warning, positions_.at(r.offset), parse_error_text(r), hints, false};
        lost_ = unclosed_to_end(r);
    }

    // Returns "; lines A–B (...) are left out" when the error is a CDATA section or comment that is never closed:
    // it runs to the end of the file, and libxml2's recovery leaves all of it out, markup and text. Empty otherwise.
    std::string unclosed_to_end(const pugi::xml_parse_result& r) const {
        std::string_view what, end;
        if (r.status == pugi::status_bad_cdata) {
            what = "an unclosed CDATA section", end = "]]>";
        } else if (r.status == pugi::status_bad_comment) {
            what = "an unclosed comment", end = "-->";
        } else {
            return {};
        }
        std::size_t from = skip_ + static_cast<std::size_t>(r.offset);
        if (from >= text_.size() || text_.find(end, from) != std::string_view::npos) return {};
        std::size_t last = text_.find_last_not_of(" \t\r\n");
        if (last == std::string_view::npos || last < from) return {};
        return "; lines " + std::to_string(positions_.at(r.offset).line) + "–" +
               std::to_string(positions_.at(last - skip_).line) + " (" + std::string(what) +
               " to the end of the file) are left out";
    }

    bool is(pugi::xml_node n, std::string_view ns, std::string_view local) {
        return n.type() == pugi::node_element && local_name(n) == local && ns_.ns_of(n) == ns;
    }
    // RSS's own elements: no namespace (0.9x/2.0) or the RSS 1.0 / 0.90 namespace.
    bool is_rss(pugi::xml_node n, std::string_view local) {
        if (n.type() != pugi::node_element || local_name(n) != local) return false;
        std::string ns = ns_.ns_of(n);
        return ns.empty() || ns == ns_rss10 || ns == ns_rss090;
    }
    pugi::xml_node first_child(pugi::xml_node parent, std::string_view local) {
        for (pugi::xml_node c : parent.children())
            if (is_rss(c, local)) return c;
        return {};
    }

    std::string base_of(pugi::xml_node n, const std::string& fallback) {
        std::vector<std::string_view> bases;
        for (pugi::xml_node x = n; x && x.type() == pugi::node_element; x = x.parent())
            if (pugi::xml_attribute a = x.attribute("xml:base")) bases.push_back(a.value());
        std::string base = fallback;
        for (auto it = bases.rbegin(); it != bases.rend(); ++it) base = resolve_url(base, *it);
        return base;
    }

    static bool has_xml_base(pugi::xml_node n) {
        for (pugi::xml_node x = n; x && x.type() == pugi::node_element; x = x.parent())
            if (x.attribute("xml:base")) return true;
        return false;
    }

    std::string language_of(pugi::xml_node n) {
        for (pugi::xml_node x = n; x && x.type() == pugi::node_element; x = x.parent())
            if (pugi::xml_attribute a = x.attribute("xml:lang")) return a.value();
        return {};
    }

    static std::string plain(const std::string& s) { return html_to_text(s); }

    Feed read_rss(pugi::xml_node root, pugi::xml_node channel, bool rdf) {
        Feed feed;
        feed.pos = pos(root);
        if (rdf) feed.kind = ns_.ns_of(channel) == ns_rss090 ? "RSS 0.90" : "RSS 1.0";
        else feed.kind = "RSS " + std::string(root.attribute("version").as_string("2.0"));
        if (!channel)
            throw Error(ErrorCode::input, "the RSS feed has no <channel>", pos(root), {"is the feed truncated?"});
        std::string self;
        for (pugi::xml_node c : channel.children()) {
            if (c.type() != pugi::node_element) continue;
            if (is_rss(c, "title")) feed.meta.title = plain(text_of(c));
            else if (is_rss(c, "link")) feed.url = std::string(trim(text_of(c)));
            else if (is_rss(c, "description")) feed.meta.subtitle = plain(text_of(c));
            else if (is_rss(c, "language") || is(c, ns_dc, "language")) feed.meta.language = std::string(trim(text_of(c)));
            else if ((is_rss(c, "pubDate") || is_rss(c, "lastBuildDate") || is(c, ns_dc, "date")) && feed.meta.date.empty())
                feed.meta.date = std::string(trim(text_of(c)));
            else if (is_rss(c, "managingEditor") || is(c, ns_dc, "creator")) feed.meta.authors.push_back(plain(text_of(c)));
            else if (is(c, ns_dc, "publisher")) feed.meta.publisher = plain(text_of(c));
            else if (is(c, ns_atom, "link") && std::string_view(c.attribute("rel").value()) == "self")
                self = c.attribute("href").value();
        }
        if (feed.url.empty()) feed.url = self;
        feed.meta.identifier = !self.empty() ? self : feed.url;
        feed.meta.source = feed.meta.title;
        pugi::xml_node item_parent = rdf ? root : channel;
        std::size_t count = 0;
        for (pugi::xml_node item : item_parent.children()) {
            if (!is_rss(item, "item")) continue;
            check_entry_count(++count, options_, pos(item));
            feed.entries.push_back(read_rss_item(item, feed));
        }
        if (!rdf)  // some RSS 0.9x feeds put items after the channel
            for (pugi::xml_node item : root.children()) {
                if (!is_rss(item, "item")) continue;
                check_entry_count(++count, options_, pos(item));
                feed.entries.push_back(read_rss_item(item, feed));
            }
        return feed;
    }

    FeedEntry read_rss_item(pugi::xml_node item, const Feed& feed) {
        EntryFields f;
        f.pos = pos(item);
        f.content_pos = f.pos;
        std::string description, guid;
        bool guid_permalink = true;
        SourcePos description_pos = f.pos;
        for (pugi::xml_node c : item.children()) {
            if (c.type() != pugi::node_element) continue;
            if (is_rss(c, "title")) f.title = text_of(c);
            else if (is_rss(c, "link")) f.link = std::string(trim(text_of(c)));
            else if (is_rss(c, "description")) {
                description = text_of(c);
                description_pos = pos(c);
            } else if (is(c, ns_content, "encoded")) {
                f.content = text_of(c);
                f.content_pos = pos(c);
            } else if (is_rss(c, "pubDate") || is(c, ns_dc, "date") || is(c, ns_dcterms, "created") ||
                       is(c, ns_dcterms, "issued")) {
                if (f.published.empty()) f.published = std::string(trim(text_of(c)));
            } else if (is(c, ns_dcterms, "modified")) {
                f.updated = std::string(trim(text_of(c)));
            } else if (is_rss(c, "author") || is(c, ns_dc, "creator") || is(c, ns_dc, "contributor")) {
                std::string a = plain(text_of(c));
                if (!a.empty()) f.authors.push_back(a);
            } else if (is_rss(c, "guid")) {
                guid = std::string(trim(text_of(c)));
                guid_permalink = std::string_view(c.attribute("isPermaLink").value()) != "false";
            } else if (is_rss(c, "category") || is(c, ns_dc, "subject")) {
                std::string cat = plain(text_of(c));
                if (!cat.empty()) f.categories.push_back(cat);
            } else if (is_rss(c, "source") || is(c, ns_dc, "source")) {
                f.source = plain(text_of(c));
            } else if (is(c, ns_dc, "language")) {
                f.language = std::string(trim(text_of(c)));
            }
        }
        if (std::string_view about = item.attribute("rdf:about").value(); guid.empty() && !about.empty()) guid = about;
        f.id = guid;
        if (f.link.empty() && !guid.empty() && guid_permalink &&
            (guid.starts_with("http://") || guid.starts_with("https://")))
            f.link = guid;
        if (!f.link.empty()) f.link = resolve_url(base_of(item, feed.url), f.link);
        if (f.content.empty()) {
            f.content = std::move(description);
            f.content_pos = description_pos;
        } else {
            f.summary = std::move(description);
        }
        f.base_url = base_of(item, !f.link.empty() ? f.link : feed.url);
        return make_entry(f, feed.meta.title, sink_);
    }

    // Reads an Atom text construct (text, html, xhtml) into *out and its type.
    void text_construct(pugi::xml_node n, std::string* out, EntryFields::Type* type) {
        std::string_view t = n.attribute("type").value();
        if (t.empty() || t == "text" || t == "text/plain") {
            *out = text_of(n);
            *type = EntryFields::Type::text;
        } else if (t == "html" || t == "text/html") {
            *out = text_of(n);
            *type = EntryFields::Type::html;
        } else if (t == "xhtml" || t.find("xml") != std::string_view::npos) {
            pugi::xml_node div;
            for (pugi::xml_node c : n.children())
                if (c.type() == pugi::node_element) {
                    div = c;
                    break;
                }
            *out = div && local_name(div) == "div" ? inner_xml(div) : inner_xml(n);
            *type = EntryFields::Type::html;
        } else if (t.substr(0, 5) == "text/") {
            *out = text_of(n);
            *type = EntryFields::Type::text;
        } else {
            sink_.note(pos(n), "content of type " + std::string(t) + " is left out", false);
            out->clear();
        }
    }

    std::vector<std::string> atom_people(pugi::xml_node parent, std::string_view ns, std::string_view what) {
        std::vector<std::string> names;
        for (pugi::xml_node c : parent.children())
            if (is(c, ns, what))
                for (pugi::xml_node p : c.children())
                    if (is(p, ns, "name")) {
                        std::string n = collapse_text(text_of(p));
                        if (!n.empty()) names.push_back(n);
                    }
        return names;
    }

    static std::string collapse_text(const std::string& s) { return html_to_text(s); }

    std::string atom_link(pugi::xml_node parent, std::string_view ns, std::string_view rel, const std::string& base) {
        for (pugi::xml_node c : parent.children()) {
            if (!is(c, ns, "link")) continue;
            std::string_view r = c.attribute("rel").value();
            if (r == rel || (rel == "alternate" && r.empty())) {
                std::string_view href = c.attribute("href").value();
                if (href.empty()) continue;
                return resolve_url(base_of(c, base), href);
            }
        }
        return {};
    }

    static std::string atom_text(const std::string& s, EntryFields::Type type) {
        return type == EntryFields::Type::text ? html_to_text(escape_amp(s)) : html_to_text(s);
    }
    // Plain text read by the HTML text function: only & and < need escaping.
    static std::string escape_amp(const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '&') out += "&amp;";
            else if (c == '<') out += "&lt;";
            else out += c;
        }
        return out;
    }

    Feed read_atom(pugi::xml_node root, bool atom03) {
        std::string ns(atom03 ? ns_atom03 : ns_.ns_of(root));
        Feed feed;
        feed.pos = pos(root);
        feed.kind = atom03 ? "Atom 0.3" : "Atom 1.0";
        feed.meta.language = language_of(root);
        std::string base = base_of(root, "");
        for (pugi::xml_node c : root.children()) {
            if (c.type() != pugi::node_element) continue;
            std::string s;
            EntryFields::Type type = EntryFields::Type::text;
            if (is(c, ns, "title")) {
                text_construct(c, &s, &type);
                feed.meta.title = atom_text(s, type);
            } else if (is(c, ns, "subtitle") || is(c, ns, "tagline")) {
                text_construct(c, &s, &type);
                feed.meta.subtitle = atom_text(s, type);
            } else if (is(c, ns, "updated") || is(c, ns, "modified")) {
                feed.meta.date = std::string(trim(text_of(c)));
            } else if (is(c, ns, "id")) {
                feed.meta.identifier = std::string(trim(text_of(c)));
            }
        }
        feed.meta.authors = atom_people(root, ns, "author");
        feed.url = atom_link(root, ns, "alternate", base);
        if (feed.url.empty()) feed.url = atom_link(root, ns, "self", base);
        if (feed.meta.identifier.empty()) feed.meta.identifier = feed.url;
        feed.meta.source = feed.meta.title;
        std::size_t count = 0;
        for (pugi::xml_node e : root.children()) {
            if (!is(e, ns, "entry")) continue;
            check_entry_count(++count, options_, pos(e));
            feed.entries.push_back(read_atom_entry(e, ns, feed));
        }
        return feed;
    }

    FeedEntry read_atom_entry(pugi::xml_node e, const std::string& ns, const Feed& feed) {
        EntryFields f;
        f.pos = pos(e);
        f.content_pos = f.pos;
        pugi::xml_node content_node = e;
        f.language = language_of(e);
        if (f.language == feed.meta.language) f.language.clear();
        for (pugi::xml_node c : e.children()) {
            if (c.type() != pugi::node_element) continue;
            if (is(c, ns, "title")) {
                text_construct(c, &f.title, &f.title_type);
            } else if (is(c, ns, "id")) {
                f.id = std::string(trim(text_of(c)));
            } else if (is(c, ns, "published") || is(c, ns, "issued") || is(c, ns, "created")) {
                if (f.published.empty()) f.published = std::string(trim(text_of(c)));
            } else if (is(c, ns, "updated") || is(c, ns, "modified")) {
                f.updated = std::string(trim(text_of(c)));
            } else if (is(c, ns, "summary")) {
                text_construct(c, &f.summary, &f.summary_type);
            } else if (is(c, ns, "content")) {
                f.content_pos = pos(c);
                if (std::string_view src = c.attribute("src").value(); !src.empty()) {
                    std::string url = resolve_url(base_of(c, feed.url), src);
                    if (safe_link(url)) {
                        f.content = "<p><a href=\"" + escape_amp(url) + "\">" + escape_amp(url) + "</a></p>";
                        f.content_type = EntryFields::Type::html;
                    }
                } else {
                    text_construct(c, &f.content, &f.content_type);
                }
                content_node = c;
            } else if (is(c, ns, "category")) {
                std::string_view label = c.attribute("label").value();
                std::string cat = html_to_text(escape_amp(std::string(label.empty() ? c.attribute("term").value() : label)));
                if (!cat.empty()) f.categories.push_back(cat);
            } else if (is(c, ns, "source")) {
                for (pugi::xml_node s : c.children())
                    if (is(s, ns, "title")) f.source = html_to_text(text_of(s));
            }
        }
        f.authors = atom_people(e, ns, "author");
        if (f.authors.empty()) f.authors = feed.meta.authors;
        f.link = atom_link(e, ns, "alternate", feed.url);
        // Relative links in the content: xml:base (on the content or above), else the entry's link, else the feed's.
        if (!has_xml_base(content_node)) f.base_url = !f.link.empty() ? f.link : feed.url;
        else f.base_url = base_of(content_node, feed.url);
        return make_entry(f, feed.meta.title, sink_);
    }

    std::string name_;
    std::string_view text_;
    const ReadOptions& options_;
    DiagnosticSink& sink_;
    LineIndex lines_;
    NodePositions positions_;
    Namespaces ns_;
    pugi::xml_document doc_;
    std::size_t skip_ = 0;
    RecoveredXml recovered_;
    std::optional<Diagnostic> malformed_;  // the parse error that recovery read past
    std::string lost_;                     // what recovery left out, for malformed_ (see unclosed_to_end)
};

}  // namespace

Feed read_xml_feed(std::string_view name, std::string_view text, const ReadOptions& options, DiagnosticSink& sink) {
    if (!options.lenient) return XmlFeedReader(name, text, options, sink).read();
    // The feed's own diagnostics wait, so that the warning that it was recovered comes first.
    DiagnosticSink held;
    auto release = [&] {
        for (const Diagnostic& d : held.diagnostics()) sink.report(d);
    };
    XmlFeedReader reader(name, text, options, held);
    Feed feed;
    try {
        feed = reader.read();
    } catch (...) {
        release();
        throw;
    }
    if (reader.recovery_warning()) sink.report(*reader.recovery_warning());
    release();
    return feed;
}

}  // namespace docexport::readers
