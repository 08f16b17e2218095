// The future-event set: a binary heap ordered by (time, priority, sequence).
// The sequence number, given at scheduling, breaks every remaining tie, so
// the order of events is fully deterministic (STYLE.md habit 1). The queue
// knows nothing of what events mean: `kind` selects a handler, `payload` is
// the handler's own data.
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
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    const Event& top() const { return heap_.front(); }
    void push(const Event& e);
    Event pop();
    void clear() { heap_.clear(); }
    void reserve(std::size_t n) { heap_.reserve(n); }

    static bool before(const Event& a, const Event& b) {
        if (a.time != b.time) return a.time < b.time;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.seq < b.seq;
    }

private:
    std::vector<Event> heap_;
};

}  // namespace wfsim::engine
