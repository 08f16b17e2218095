// The calendar queue's far side (engine/sim/event_queue.h): events beyond its
// window of days, sparse days it must jump over, and the window wrapping
// round, still pop in exactly the order of one big heap.
#include <catch2/catch.hpp>

#include <cmath>
#include <queue>

#include "engine/sim/event_queue.h"
#include "engine/sim/random.h"

using namespace wfsim::engine;

namespace {

struct LaterEvent {
    bool operator()(const Event& a, const Event& b) const { return EventQueue::before(b, a); }
};

}  // namespace

TEST_CASE("the calendar queue keeps heap order for sparse and far-future events", "[engine]") {
    Stream rng(11, 0, 2);
    EventQueue q;
    std::priority_queue<Event, std::vector<Event>, LaterEvent> reference;
    std::uint64_t seq = 0;
    double now = 0;
    for (int step = 0; step < 100000; ++step) {
        if (reference.empty() || rng.uniform() < 0.5) {
            // Now, within days, across most of the window, and far beyond it (up to 137 years).
            double t = now;
            const double u = rng.uniform();
            if (u < 0.1) t = now;
            else if (u < 0.3) t = now + std::floor(rng.uniform() * 3);
            else if (u < 0.6) t = now + rng.uniform() * 8000;
            else t = now + 8000 + rng.uniform() * 42000;
            const Event e{t, 0, static_cast<std::uint32_t>(rng.uniform() < 0.3), seq++, static_cast<std::uint64_t>(step)};
            q.push(e);
            reference.push(e);
        } else {
            REQUIRE(q.top().seq == reference.top().seq);
            const Event a = q.pop();
            REQUIRE(a.seq == reference.top().seq);
            reference.pop();
            now = a.time;
        }
        REQUIRE(q.size() == reference.size());
    }
    while (!reference.empty()) {
        REQUIRE(q.pop().seq == reference.top().seq);
        reference.pop();
    }
    CHECK(q.empty());
}
