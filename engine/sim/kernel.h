// The discrete-event kernel: a clock, the future-event set and a run loop.
// Handlers are registered per event kind; observers subscribe to
// checkpoints (for example month ends) and to the end of the run. The kernel
// never knows what is simulated or measured.
#pragma once
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "event_queue.h"

namespace wfsim::engine {

class Kernel;

class Handler {
public:
    virtual ~Handler() = default;
    // Returns whether the event changed the state: false for a stale event
    // (one whose reason has gone, left in the queue by lazy cancellation),
    // which the kernel then does not count as processed.
    virtual bool handle(const Event& e, Kernel& k) = 0;
};

class Observer {
public:
    virtual ~Observer() = default;
    // Called when the clock reaches checkpoints[index], before any event at that time.
    virtual void on_checkpoint(std::size_t index, Time t) = 0;
    virtual void on_end(Time) {}
};

class Kernel {
public:
    // Returns the kind to use when scheduling events for this handler.
    std::uint32_t add_handler(Handler* h);
    void subscribe(Observer* o) { observers_.push_back(o); }

    // Schedules an event. Throws std::invalid_argument for a time in the past
    // or a time that is not a number (fail at the wrong call, habit 3).
    void schedule(Time t, std::uint32_t kind, std::uint64_t payload, std::uint32_t priority = 0);

    // Runs events with time < end, calling observers at each checkpoint
    // (ascending times <= end) before events at the same time.
    void run(Time end, const std::vector<Time>& checkpoints);
    void stop() { stopped_ = true; }

    Time now() const { return now_; }
    // Events whose handler changed the state (stale ones skipped are not counted).
    std::uint64_t events_processed() const { return processed_; }
    // Every event taken from the queue, stale ones included.
    std::uint64_t events_popped() const { return popped_; }
    std::size_t pending() const { return queue_.size(); }
    void reserve(std::size_t n) { queue_.reserve(n); }

private:
    [[noreturn, gnu::cold, gnu::noinline]] void refuse(Time t, std::uint32_t kind) const;  // throws: why schedule refused
    EventQueue queue_;
    std::vector<Handler*> handlers_;
    std::vector<Observer*> observers_;
    Time now_ = 0;
    std::uint64_t seq_ = 0;
    std::uint64_t processed_ = 0, popped_ = 0;
    bool stopped_ = false;
};

}  // namespace wfsim::engine
