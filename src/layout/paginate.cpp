#include "layout/paginate.hpp"

#include <iterator>

namespace docexport::layout {

namespace {

constexpr double epsilon = 1e-6;

void move_into(Page& page, Fragment&& f) {
    auto move_all = [](auto& to, auto& from) {
        if (to.empty()) to = std::move(from);
        else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    };
    move_all(page.runs, f.runs);
    move_all(page.rects, f.rects);
    move_all(page.images, f.images);
    move_all(page.links, f.links);
}

}  // namespace

std::vector<Page> paginate(std::vector<Slice>& slices, const std::vector<RepeatedHeader>& headers, const PageFrame& frame,
                           std::vector<PlacedAnchor>& anchors, DiagnosticSink& sink) {
    std::vector<Page> pages;
    std::size_t n = slices.size();
    std::size_t i = 0;
    while (i < n) {
        std::size_t first = i;
        double header = slices[first].table >= 0 ? headers[static_cast<std::size_t>(slices[first].table)].height : 0;
        // How far the page could go.
        double y = header;
        std::size_t k = first;
        for (; k < n; ++k) {
            const Slice& s = slices[k];
            if (k > first && s.page_break_before) break;
            double before = k == first ? 0 : s.space_before;
            if (k > first && y + before + s.height > frame.body_height + epsilon) break;
            y += before + s.height;
        }
        // Where it may end: not inside a keep-with-next chain, unless the chain fills the whole page.
        std::size_t end = k;
        if (k < n && !slices[k].page_break_before) {
            std::size_t j = k;
            while (j > first && slices[j - 1].keep_with_next) --j;
            if (j > first) end = j;
        }
        if (end == first) end = first + 1;
        if (end == first + 1 && slices[first].height > frame.body_height + epsilon)
            sink.warn({}, "a block taller than the page body (" + std::to_string(static_cast<int>(slices[first].height)) +
                              " pt) is placed overfull on page " + std::to_string(pages.size() + 1),
                      {"split the table row or make the image smaller"});

        Page& page = pages.emplace_back();
        page.width = frame.width;
        page.height = frame.height;
        double top = frame.top;
        if (header > 0) {
            Fragment copy = headers[static_cast<std::size_t>(slices[first].table)].content;
            copy.translate(frame.left, top);
            move_into(page, std::move(copy));
            top += header;
        }
        for (std::size_t m = first; m < end; ++m) {
            Slice& s = slices[m];
            if (m > first) top += s.space_before;
            for (const Anchor& a : s.anchors) anchors.push_back(PlacedAnchor{a, pages.size() - 1, top + a.y});
            s.content.translate(frame.left, top);
            move_into(page, std::move(s.content));
            top += s.height;
        }
        i = end;
    }
    return pages;
}

}  // namespace docexport::layout
