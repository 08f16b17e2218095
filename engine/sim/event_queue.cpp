#include "event_queue.h"

#include <algorithm>
#include <cmath>

namespace wfsim::engine {

namespace {

// std heaps keep the largest first: order by "after" to keep the earliest on top.
struct After {
    bool operator()(const Event& a, const Event& b) const { return EventQueue::before(b, a); }
};

std::int64_t day_of(Time t) { return static_cast<std::int64_t>(std::floor(t)); }

}  // namespace

EventQueue::EventQueue() : buckets_(static_cast<std::size_t>(kWindow)) {}

void EventQueue::clear() {
    for (auto& b : buckets_) b.clear();
    overflow_.clear();
    base_ = 0;
    size_ = in_buckets_ = 0;
}

void EventQueue::push(const Event& e) {
    ++size_;
    const std::int64_t day = std::max(day_of(e.time), base_);  // never behind the current day
    if (day < base_ + kWindow) {
        auto& b = buckets_[static_cast<std::size_t>(day & (kWindow - 1))];
        b.push_back(e);
        std::push_heap(b.begin(), b.end(), After{});
        ++in_buckets_;
    } else {
        overflow_.push_back(e);
        std::push_heap(overflow_.begin(), overflow_.end(), After{});
    }
}

void EventQueue::settle() {
    while (true) {
        auto& b = buckets_[static_cast<std::size_t>(base_ & (kWindow - 1))];
        if (!b.empty()) return;
        if (in_buckets_ == 0) {
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
            auto& target = buckets_[static_cast<std::size_t>(std::max(day_of(e.time), base_) & (kWindow - 1))];
            target.push_back(e);
            std::push_heap(target.begin(), target.end(), After{});
            ++in_buckets_;
        }
    }
}

const Event& EventQueue::top() {
    settle();
    return buckets_[static_cast<std::size_t>(base_ & (kWindow - 1))].front();
}

Event EventQueue::pop() {
    settle();
    auto& b = buckets_[static_cast<std::size_t>(base_ & (kWindow - 1))];
    std::pop_heap(b.begin(), b.end(), After{});
    const Event e = b.back();
    b.pop_back();
    --size_;
    --in_buckets_;
    return e;
}

}  // namespace wfsim::engine
