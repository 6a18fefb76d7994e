#include "layout/paginate.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>

namespace docexport::layout {

namespace {

constexpr double epsilon = 1e-6;

void move_into(Page& page, Fragment&& f) {
    auto move_all = [](auto& to, auto& from) {
        if (to.empty()) to = std::move(from);
        else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    };
    for (ImageBox& image : f.images) image.after_runs += static_cast<std::uint32_t>(page.runs.size());
    move_all(page.runs, f.runs);
    move_all(page.rects, f.rects);
    move_all(page.images, f.images);
    move_all(page.links, f.links);
}

}  // namespace

Paginator::Paginator(const std::vector<RepeatedHeader>& headers, const PageFrame& frame, DiagnosticSink& sink,
                     std::vector<Footnote>* notes, Emit emit)
    : headers_(headers), frame_(frame), sink_(sink), notes_(notes), emit_(std::move(emit)) {}

double Paginator::line_height(const NoteLine& l) const { return (*notes_)[l.note].lines[l.line].height; }

double Paginator::note_height(std::int32_t k) const {
    double h = 0;
    for (const Slice& line : (*notes_)[static_cast<std::size_t>(k)].lines) h += line.height;
    return h;
}

double Paginator::first_line(std::int32_t k) const {
    const auto& lines = (*notes_)[static_cast<std::size_t>(k)].lines;
    return lines.empty() ? 0.0 : lines.front().height;
}

void Paginator::run(bool final) {
    const PageFrame& frame = frame_;
    std::vector<Slice>& slices = slices_;
    std::size_t n = slices.size();
    if (notes_) {
        note_at_.resize(notes_->size(), {SIZE_MAX, 0});
        reference_at_.resize(notes_->size(), {SIZE_MAX, 0});
    }
    while (next_ < n || (final && !carry_.empty())) {
        std::size_t first = next_;
        double header = first < n && slices[first].table >= 0 ? headers_[static_cast<std::size_t>(slices[first].table)].height : 0;
        // Notes continued from the last page: at most half the body before they continue again.
        double carried = 0, queued = 0;
        for (const NoteLine& l : carry_) {
            if (carried > 0 && carried + line_height(l) > frame.body_height / 2) break;
            carried += line_height(l);
        }
        for (const NoteLine& l : carry_) queued += line_height(l);
        double needed = carried;   // note lines this page must hold
        // How far the page could go.
        double y = header;
        std::size_t k = first;
        for (; k < n; ++k) {
            const Slice& s = slices[k];
            if (k > first && (s.page_break_before || s.column_break_before)) break;
            double before = k == first ? 0 : s.space_before;
            double need = needed, queue = queued;
            for (std::size_t m = 0; m < s.notes.size(); ++m) {
                // All notes before this one whole, this one's first line at least.
                need = queue + (m + 1 == s.notes.size() ? first_line(s.notes[m]) : note_height(s.notes[m]));
                queue += note_height(s.notes[m]);
            }
            double feet = need > 0 ? need + frame.note_gap : 0;
            if (k > first && y + before + s.height + feet > frame.body_height + epsilon) break;
            y += before + s.height;
            needed = need;
            queued = queue;
        }
        // Every slice so far fits: the page may take some that are still to come.
        if (k == n && !final) break;
        // Where it may end: not inside a keep-with-next chain, unless the chain fills the whole page.
        std::size_t end = k;
        if (k < n && !slices[k].page_break_before && !slices[k].column_break_before) {
            std::size_t j = k;
            while (j > first && slices[j - 1].keep_with_next) --j;
            if (j > first) end = j;
        }
        if (end == first && first < n) end = first + 1;
        if (first < n && end == first + 1 && slices[first].height > frame.body_height + epsilon)
            sink_.warn({}, "a block taller than the page body (" + std::to_string(static_cast<int>(slices[first].height)) +
                               " pt) is placed overfull on page " + std::to_string(pages_ + 1),
                       {"split the table row or make the image smaller"});

        // A page break before the column's first slice leaves the page's other columns empty.
        if (column_ > 0 && first < n && slices[first].page_break_before) emit_page();
        Page& page = page_;
        std::size_t page_index = pages_;
        const double column_width = frame.text_width > 0 ? frame.text_width : frame.width - 2 * frame.left;
        const double left = frame.left + column_ * (column_width + frame.column_gap);
        double top = frame.top;
        if (header > 0) {
            Fragment copy = headers_[static_cast<std::size_t>(slices[first].table)].content;
            copy.note_links.clear();
            copy.untag();   // the header row is in the structure where the table starts
            copy.translate(left, top);
            move_into(page, std::move(copy));
            top += header;
        }
        std::vector<NoteLine> queue = std::move(carry_);
        carry_.clear();
        std::size_t required = 0;   // how many queued lines must be set here
        {
            double h = 0;
            while (required < queue.size() && (required == 0 || h + line_height(queue[required]) <= carried + epsilon))
                h += line_height(queue[required++]);
            if (carried == 0) required = 0;
        }
        bool drawn_above = header > 0 || column_ > 0;   // something is drawn above the slice being placed, or before it
        for (std::size_t m = first; m < end; ++m) {
            Slice& s = slices[m];
            if (m > first) top += s.space_before;
            for (const Anchor& a : s.anchors) anchors_.push_back(PlacedAnchor{a, page_index, top + a.y, !drawn_above});
            if (!s.content.runs.empty() || !s.content.rects.empty() || !s.content.images.empty()) drawn_above = true;
            s.content.translate(left, top);
            for (NoteLink& l : s.content.note_links) {
                auto note = static_cast<std::size_t>(l.note);
                if (!l.back && note < reference_at_.size() && reference_at_[note].first == SIZE_MAX)
                    reference_at_[note] = {page_index, l.area.y};
                pending_.emplace_back(page_index, std::move(l));
            }
            s.content.note_links.clear();
            for (std::int32_t note : s.notes) {
                auto& lines = (*notes_)[static_cast<std::size_t>(note)].lines;
                for (std::size_t l = 0; l < lines.size(); ++l) queue.push_back(NoteLine{static_cast<std::size_t>(note), l});
                required = queue.size() - lines.size() + (lines.empty() ? 0 : 1);
            }
            move_into(page, std::move(s.content));
            top += s.height;
        }
        // The page's notes: as many queued lines as fit under the text (at least the required ones), set from
        // the foot up; the rest waits for the next page.
        if (!queue.empty()) {
            double room = frame.top + frame.body_height - top - frame.note_gap;
            double h = 0;
            std::size_t count = 0;
            while (count < queue.size() && (count < required || h + line_height(queue[count]) <= room + epsilon))
                h += line_height(queue[count++]);
            double y0 = frame.top + frame.body_height - h;
            page.rects.push_back(Rect{left, y0 - frame.note_gap * 0.55, std::min(column_width * 0.3, 120.0), 0.5, Color{}, 0});
            for (std::size_t c = 0; c < count; ++c) {
                Slice& line = (*notes_)[queue[c].note].lines[queue[c].line];
                if (queue[c].line == 0) note_at_[queue[c].note] = {page_index, y0};
                line.content.translate(left, y0);
                for (NoteLink& l : line.content.note_links) pending_.emplace_back(page_index, std::move(l));
                line.content.note_links.clear();
                move_into(page, std::move(line.content));
                y0 += line.height;
            }
            carry_.assign(queue.begin() + static_cast<std::ptrdiff_t>(count), queue.end());
        }
        next_ = end;
        if (++column_ >= std::max(frame.columns, 1)) emit_page();
    }
    if (final && column_ > 0) emit_page();
    // Placed slices are dropped (their content has been moved out; what is left is small).
    if (next_ == n || next_ >= 256) {
        slices.erase(slices.begin(), slices.begin() + static_cast<std::ptrdiff_t>(next_));
        next_ = 0;
    }
}

void Paginator::emit_page() {
    page_.width = frame_.width;
    page_.height = frame_.height;
    column_ = 0;
    ++pages_;
    emit_(std::exchange(page_, Page{}));
}

std::vector<std::pair<std::size_t, LinkArea>> Paginator::take_note_links() {
    std::vector<std::pair<std::size_t, LinkArea>> links;
    for (auto& [page, link] : pending_) {
        auto note = static_cast<std::size_t>(link.note);
        if (note >= note_at_.size()) continue;
        auto [target_page, target_y] = link.back ? reference_at_[note] : note_at_[note];
        if (target_page == SIZE_MAX) continue;
        link.area.target_page = target_page;
        link.area.target_y = std::max(0.0, target_y - 4);
        links.emplace_back(page, std::move(link.area));
    }
    pending_.clear();
    return links;
}

std::vector<Page> paginate(std::vector<Slice>& slices, const std::vector<RepeatedHeader>& headers, const PageFrame& frame,
                           std::vector<PlacedAnchor>& anchors, DiagnosticSink& sink, std::vector<Footnote>* notes) {
    std::vector<Page> pages;
    Paginator paginator(headers, frame, sink, notes, [&](Page&& page) { pages.push_back(std::move(page)); });
    for (Slice& s : slices) paginator.add(std::move(s));
    paginator.finish();
    for (auto& [page, link] : paginator.take_note_links()) pages[page].links.push_back(std::move(link));
    anchors.insert(anchors.end(), paginator.anchors().begin(), paginator.anchors().end());
    return pages;
}

}  // namespace docexport::layout
