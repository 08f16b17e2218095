// The future-event set, ordered by (time, priority, sequence). The sequence
// number, given at scheduling, breaks every remaining tie, so the order of
// events is fully deterministic (STYLE.md habit 1). The queue knows nothing of
// what events mean: `kind` selects a handler, `payload` is the handler's own.
//
// It is a calendar (bucket) queue: events within the next `kWindow` days sit
// in one small heap per day, later ones in an overflow heap that is drained
// into the days as the clock reaches them. Simulations here schedule at day
// or coarser resolution, so a day's heap stays small and the cost per event
// stays flat however many events are pending; the order is exactly that of
// one big heap (tested against std::priority_queue).
#pragma once
#include <cstdint>
#include <vector>

namespace wfsim::engine {

using Time = double;  // days since the simulation's start

struct Event {
    Time time = 0;
    std::uint32_t kind = 0;
    std::uint32_t priority = 0;  // lower runs first among events at the same time
    std::uint64_t seq = 0;
    std::uint64_t payload = 0;
};

class EventQueue {
public:
    EventQueue();
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    const Event& top();  // the next event; the queue must not be empty
    void push(const Event& e);
    Event pop();
    void clear();
    void reserve(std::size_t) {}

    static bool before(const Event& a, const Event& b) {
        if (a.time != b.time) return a.time < b.time;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.seq < b.seq;
    }

private:
    static constexpr std::int64_t kWindow = 1024;  // days held in buckets (a power of two)
    std::vector<std::vector<Event>> buckets_;      // min-heaps by `before`, indexed by day % kWindow
    std::vector<Event> overflow_;                  // min-heap of events at day >= base_ + kWindow
    std::int64_t base_ = 0;                        // the day of the current bucket
    std::size_t size_ = 0, in_buckets_ = 0;
    void settle();  // move base_ to the first day with an event
};

}  // namespace wfsim::engine
