#include "layout/fragment.hpp"

#include <iterator>

namespace docexport::layout {

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
}

void Fragment::append(Fragment&& other, double dx, double dy) {
    other.translate(dx, dy);
    auto move_all = [](auto& to, auto& from) {
        if (to.empty()) to = std::move(from);
        else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        from.clear();
    };
    move_all(runs, other.runs);
    move_all(rects, other.rects);
    move_all(images, other.images);
    move_all(links, other.links);
}

}  // namespace docexport::layout
