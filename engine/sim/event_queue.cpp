#include "event_queue.h"

namespace wfsim::engine {

void EventQueue::push(const Event& e) {
    heap_.push_back(e);
    std::size_t i = heap_.size() - 1;
    while (i > 0) {
        std::size_t parent = (i - 1) / 2;
        if (!before(e, heap_[parent])) break;
        heap_[i] = heap_[parent];
        i = parent;
    }
    heap_[i] = e;
}

Event EventQueue::pop() {
    Event top = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    std::size_t i = 0;
    while (true) {
        std::size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
        if (!before(heap_[child], last)) break;
        heap_[i] = heap_[child];
        i = child;
    }
    heap_[i] = last;
    return top;
}

}  // namespace wfsim::engine
