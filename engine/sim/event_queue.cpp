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

EventQueue::EventQueue() : day_head_(static_cast<std::size_t>(kWindow), kEnd) {}

void EventQueue::clear() {
    nodes_.clear();
    free_ = kEnd;
    std::fill(day_head_.begin(), day_head_.end(), kEnd);
    today_.clear();
    overflow_.clear();
    base_ = 0;
    size_ = in_lists_ = 0;
}

void EventQueue::link(std::int64_t day, const Event& e) {
    std::int32_t n = free_;
    if (n != kEnd) {
        free_ = nodes_[static_cast<std::size_t>(n)].next;
    } else {
        n = static_cast<std::int32_t>(nodes_.size());
        nodes_.push_back(Node{});
    }
    std::int32_t& head = day_head_[static_cast<std::size_t>(day & (kWindow - 1))];
    nodes_[static_cast<std::size_t>(n)] = Node{e, head};
    head = n;
    ++in_lists_;
}

void EventQueue::push(const Event& e) {
    ++size_;
    const std::int64_t day = day_of(e.time);
    if (day <= base_) {  // today (or, clamped, a moment already passed within it)
        today_.push_back(e);
        std::push_heap(today_.begin(), today_.end(), After{});
    } else if (day < base_ + kWindow) {
        link(day, e);
    } else {
        overflow_.push_back(e);
        std::push_heap(overflow_.begin(), overflow_.end(), After{});
    }
}

void EventQueue::settle() {
    while (today_.empty()) {
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
        // The new day's list becomes today's heap; its nodes go back to the pool.
        std::int32_t& head = day_head_[static_cast<std::size_t>(base_ & (kWindow - 1))];
        for (std::int32_t n = head; n != kEnd;) {
            Node& node = nodes_[static_cast<std::size_t>(n)];
            today_.push_back(node.event);
            const std::int32_t next = node.next;
            node.next = free_;
            free_ = n;
            n = next;
            --in_lists_;
        }
        head = kEnd;
        std::make_heap(today_.begin(), today_.end(), After{});
    }
}

Event EventQueue::pop() {
    if (today_.empty()) settle();
    std::pop_heap(today_.begin(), today_.end(), After{});
    const Event e = today_.back();
    today_.pop_back();
    --size_;
    return e;
}

}  // namespace wfsim::engine
