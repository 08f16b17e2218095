#include "kernel.h"

#include <cmath>
#include <string>

namespace wfsim::engine {

std::uint32_t Kernel::add_handler(Handler* h) {
    handlers_.push_back(h);
    return static_cast<std::uint32_t>(handlers_.size() - 1);
}

void Kernel::schedule(Time t, std::uint32_t kind, std::uint64_t payload, std::uint32_t priority) {
    // One comparison admits every valid call (it is false for NaN); the
    // reasons for refusing the rest are worked out out of line.
    if (!(t >= now_) || kind >= handlers_.size()) refuse(t, kind);
    queue_.push(Event{t, kind, priority, seq_++, payload});
}

void Kernel::refuse(Time t, std::uint32_t kind) const {
    if (std::isnan(t)) throw std::invalid_argument("schedule: event time is NaN (kind " + std::to_string(kind) + ")");
    if (t < now_)
        throw std::invalid_argument("schedule: event time " + std::to_string(t) + " is before now " +
                                    std::to_string(now_) + " (kind " + std::to_string(kind) + ")");
    throw std::invalid_argument("schedule: no handler for kind " + std::to_string(kind));
}

void Kernel::run(Time end, const std::vector<Time>& checkpoints) {
    std::size_t next_cp = 0;
    // Checkpoints from the first beyond `end` on are never reached.
    std::size_t reachable = 0;
    while (reachable < checkpoints.size() && checkpoints[reachable] <= end) ++reachable;
    stopped_ = false;
    constexpr Time inf = std::numeric_limits<Time>::infinity();
    while (!stopped_) {
        const Time next_t = queue_.empty() ? inf : queue_.top().time;
        bool observed = false;
        while (next_cp < reachable && checkpoints[next_cp] <= next_t) {
            now_ = checkpoints[next_cp];
            for (Observer* o : observers_) o->on_checkpoint(next_cp, now_);
            ++next_cp;
            observed = true;
        }
        if (next_t >= end) break;
        // An observer may have scheduled an event: then look again for the next.
        const Event e = observed ? queue_.pop() : queue_.pop_top();
        now_ = e.time;
        ++popped_;
        if (handlers_[e.kind]->handle(e, *this)) ++processed_;
    }
    if (!stopped_) now_ = end;
    for (Observer* o : observers_) o->on_end(now_);
}

}  // namespace wfsim::engine
