#include "event_queue.h"

#include <algorithm>
#include <cmath>

namespace wfsim::engine {

namespace {

// std heaps keep the largest first: order by "after" to keep the earliest on
// top. The same order sorts today's events latest first.
struct After {
    bool operator()(const Event& a, const Event& b) const { return EventQueue::before(b, a); }
};

}  // namespace

EventQueue::EventQueue() : day_head_(static_cast<std::size_t>(kWindow), kEnd) {}

void EventQueue::clear() {
    chunks_.clear();
    free_ = kEnd;
    std::fill(day_head_.begin(), day_head_.end(), kEnd);
    today_.clear();
    late_.clear();
    late_head_ = 0;
    overflow_.clear();
    base_ = 0;
    size_ = in_lists_ = 0;
}

void EventQueue::link(std::int64_t day, const Event& e) {
    std::int32_t& head = day_head_[static_cast<std::size_t>(day & (kWindow - 1))];
    if (head == kEnd || chunks_[static_cast<std::size_t>(head)].count == kChunk) {
        std::int32_t n = free_;
        if (n != kEnd) {
            free_ = chunks_[static_cast<std::size_t>(n)].next;
        } else {
            n = static_cast<std::int32_t>(chunks_.size());
            chunks_.emplace_back();
        }
        Chunk& c = chunks_[static_cast<std::size_t>(n)];
        c.next = head;
        c.count = 0;
        head = n;
    }
    Chunk& c = chunks_[static_cast<std::size_t>(head)];
    c.events[c.count++] = e;
    ++in_lists_;
}

void EventQueue::push_late(const Event& e) {
    if (late_empty() || !before(e, late_.back())) {
        late_.push_back(e);
        return;
    }
    // Earlier than the last: into its place among those not yet popped.
    const auto at = std::upper_bound(late_.begin() + static_cast<std::ptrdiff_t>(late_head_), late_.end(), e,
                                     [](const Event& a, const Event& b) { return before(a, b); });
    late_.insert(at, e);
}

void EventQueue::push_overflow(const Event& e) {
    overflow_.push_back(e);
    std::push_heap(overflow_.begin(), overflow_.end(), After{});
}

void EventQueue::settle() {
    while (today_.empty() && late_empty()) {
        if (in_lists_ == 0) {
            // Every pending event is beyond the window: jump to the earliest.
            base_ = day_of(overflow_.front().time);
        } else {
            ++base_;
        }
        // Bring overflow events that now fall inside the window into their days.
        while (!overflow_.empty() && day_of(overflow_.front().time) < base_ + kWindow) {
            const Event e = overflow_.front();
            std::pop_heap(overflow_.begin(), overflow_.end(), After{});
            overflow_.pop_back();
            const std::int64_t day = day_of(e.time);
            if (day <= base_) today_.push_back(e);
            else link(day, e);
        }
        // The new day's list becomes today's events; its chunks go back to the pool.
        std::int32_t& head = day_head_[static_cast<std::size_t>(base_ & (kWindow - 1))];
        for (std::int32_t n = head; n != kEnd;) {
            Chunk& c = chunks_[static_cast<std::size_t>(n)];
            today_.insert(today_.end(), c.events, c.events + c.count);
            in_lists_ -= static_cast<std::size_t>(c.count);
            const std::int32_t next = c.next;
            c.next = free_;
            free_ = n;
            n = next;
        }
        head = kEnd;
        std::sort(today_.begin(), today_.end(), After{});
    }
}

}  // namespace wfsim::engine
