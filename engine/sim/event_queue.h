// The future-event set, ordered by (time, priority, sequence). The sequence
// number, given at scheduling, breaks every remaining tie, so the order of
// events is fully deterministic (STYLE.md habit 1). The queue knows nothing of
// what events mean: `kind` selects a handler, `payload` is the handler's own.
//
// It is a calendar (bucket) queue: events within the next `kWindow` days wait
// unsorted in one list per day, later ones in an overflow heap that is
// drained into the days as the clock reaches them. Only the current day is
// ordered: sorted once when the clock reaches it, and events scheduled into
// it after that wait in a second sorted run beside it (one day can hold
// hundreds of events at the same moment, where inserting among them would
// cost a walk past all of them). Those late events nearly always come in
// order (scheduled for now, each with a later sequence number), so they are
// appended, and inserted in order only when one comes earlier than the
// last. Simulations here schedule at day
// or coarser resolution, so a day holds few events and the cost per event
// stays flat however many are pending; the order is exactly that of one big
// heap (tested against std::priority_queue), because `before` is a total order.
//
// The day lists are chains of chunks of a few events from one pool rather
// than a vector per day: a replication allocates a few times as the pool
// doubles, not once per day slot, and chunks are reused as days pass. Chunks
// rather than single nodes, because with many pending events reading a day's
// list one scattered node at a time was a cache miss per event.
#pragma once
#include <cmath>
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
    // The next event; the queue must not be empty.
    const Event& top() {
        if (today_.empty() && late_empty()) settle();
        top_is_late_ = next_is_late();
        return top_is_late_ ? late_[late_head_] : today_.back();
    }
    // Takes out the event top() just returned, without looking for it again;
    // nothing may have been pushed since.
    Event pop_top() {
        --size_;
        if (top_is_late_) return pop_late();
        const Event e = today_.back();
        today_.pop_back();
        return e;
    }
    void push(const Event& e) {
        ++size_;
        const std::int64_t day = day_of(e.time);
        if (day <= base_) push_late(e);  // today, or (clamped) a moment already passed within it
        else if (day < base_ + kWindow) link(day, e);
        else push_overflow(e);
    }
    Event pop() {
        if (today_.empty() && late_empty()) settle();
        --size_;
        if (next_is_late()) return pop_late();
        const Event e = today_.back();
        today_.pop_back();
        return e;
    }
    void clear();
    void reserve(std::size_t n) { chunks_.reserve(n / kChunk + 1); }

    static bool before(const Event& a, const Event& b) {
        if (a.time != b.time) return a.time < b.time;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.seq < b.seq;
    }

private:
    static constexpr std::int64_t kWindow = 1024;  // days held in lists (a power of two)
    static constexpr std::int32_t kEnd = -1;       // the end of a list
    static constexpr std::int32_t kChunk = 7;      // events per chunk: 232 bytes
    struct Chunk {
        Event events[kChunk];
        std::int32_t next;   // the next chunk of the same day, or in the free list
        std::int32_t count;  // events held
    };
    std::vector<Chunk> chunks_;               // the pool; free chunks are linked from free_
    std::int32_t free_ = kEnd;
    std::vector<std::int32_t> day_head_;      // per day % kWindow: its first chunk (the only one not full)
    std::vector<Event> today_;                // the day's events when it began, latest first (the next at the back)
    std::vector<Event> late_;                 // events scheduled into the day since, earliest first, from late_head_
    std::size_t late_head_ = 0;
    bool top_is_late_ = false;  // where the event top() returned is
    std::vector<Event> overflow_;             // min-heap of events at day >= base_ + kWindow
    std::int64_t base_ = 0;                   // the current day
    std::size_t size_ = 0, in_lists_ = 0;
    void settle();  // move base_ to the first day with an event and sort that day's events
    void link(std::int64_t day, const Event& e);  // into the list of a later day within the window
    bool late_empty() const { return late_head_ == late_.size(); }
    bool next_is_late() const { return !late_empty() && (today_.empty() || before(late_[late_head_], today_.back())); }
    void push_late(const Event& e);
    Event pop_late() {
        const Event e = late_[late_head_++];
        if (late_empty()) {
            late_.clear();
            late_head_ = 0;
        }
        return e;
    }
    void push_overflow(const Event& e);
    // Truncation is the floor for the times simulations use (>= 0), without a libm call.
    static std::int64_t day_of(Time t) {
        return t >= 0 ? static_cast<std::int64_t>(t) : static_cast<std::int64_t>(std::floor(t));
    }
};

}  // namespace wfsim::engine
