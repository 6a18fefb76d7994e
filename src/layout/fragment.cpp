#include "layout/fragment.hpp"

#include <iterator>

namespace docexport::layout {

void ClusterText::release() {
    if (size_ == on_heap) {
        char* p = nullptr;
        std::memcpy(&p, bytes_, sizeof p);
        delete[] p;
    }
    size_ = 0;
}

void ClusterText::assign(std::string_view s) {
    release();
    if (s.size() <= inline_capacity) {
        std::memcpy(bytes_, s.data(), s.size());
        size_ = static_cast<std::uint8_t>(s.size());
        return;
    }
    auto length = static_cast<std::uint32_t>(s.size());
    char* p = new char[sizeof length + s.size()];
    std::memcpy(p, &length, sizeof length);
    std::memcpy(p + sizeof length, s.data(), s.size());
    std::memcpy(bytes_, &p, sizeof p);
    size_ = on_heap;
}

std::string_view ClusterText::view() const {
    if (size_ != on_heap) return std::string_view(bytes_, size_);
    const char* p = nullptr;
    std::memcpy(&p, bytes_, sizeof p);
    std::uint32_t length = 0;
    std::memcpy(&length, p, sizeof length);
    return std::string_view(p + sizeof length, length);
}

void Fragment::translate(double dx, double dy) {
    for (auto& run : runs)
        for (auto& g : run.glyphs) {
            g.x += dx;
            g.y += dy;
        }
    for (auto& r : rects) {
        r.x += dx;
        r.y += dy;
    }
    for (auto& im : images) {
        im.x += dx;
        im.y += dy;
    }
    for (auto& l : links) {
        l.x += dx;
        l.y += dy;
    }
    for (auto& l : note_links) {
        l.area.x += dx;
        l.area.y += dy;
    }
}

void Fragment::append(Fragment&& other, double dx, double dy) {
    other.translate(dx, dy);
    auto move_all = [](auto& to, auto& from) {
        if (to.empty()) to = std::move(from);
        else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        from.clear();
    };
    // other's images come after this fragment's runs in reading order.
    for (ImageBox& image : other.images) image.after_runs += static_cast<std::uint32_t>(runs.size());
    move_all(runs, other.runs);
    move_all(rects, other.rects);
    move_all(images, other.images);
    move_all(links, other.links);
    move_all(note_links, other.note_links);
}

void Fragment::prepend_runs(Fragment&& other) {
    auto count = static_cast<std::uint32_t>(other.runs.size());
    for (ImageBox& image : images) image.after_runs += count;
    runs.insert(runs.begin(), std::make_move_iterator(other.runs.begin()), std::make_move_iterator(other.runs.end()));
    other.runs.clear();
}

void Fragment::untag() {
    for (GlyphRun& run : runs) run.tag = untagged;
    for (ImageBox& image : images) image.tag = untagged;
    for (LinkArea& link : links) link.tag = untagged;
    for (NoteLink& link : note_links) link.area.tag = untagged;
}

}  // namespace docexport::layout
