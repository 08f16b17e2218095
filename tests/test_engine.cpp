// The domain-free kernel: the event queue's order, the run loop's
// checkpoints, errors at the wrong call, and pinned random draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <queue>
#include <stdexcept>

#include "engine/sim/event_queue.h"
#include "engine/sim/kernel.h"
#include "engine/sim/random.h"

using namespace wfsim::engine;

namespace {

struct Later {
    bool operator()(const Event& a, const Event& b) const { return EventQueue::before(b, a); }
};

}  // namespace

// Random pushes (each event made by `make` from the time now and the step)
// and pops, checked against std::priority_queue at every step.
template <class Make>
void check_heap_order(Stream& rng, int steps, double push_share, Make make) {
    EventQueue q;
    std::priority_queue<Event, std::vector<Event>, Later> reference;
    double now = 0;
    for (int step = 0; step < steps; ++step) {
        if (reference.empty() || rng.uniform() < push_share) {
            const Event e = make(now, step);
            q.push(e);
            reference.push(e);
        } else {
            REQUIRE(q.top().seq == reference.top().seq);
            const Event a = q.pop();
            const Event b = reference.top();
            reference.pop();
            REQUIRE(a.seq == b.seq);
            REQUIRE(a.time == b.time);
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

TEST_CASE("the calendar queue pops in exactly the order of one big heap", "[engine]") {
    Stream rng(7, 0, 1);
    std::uint64_t seq = 0;
    check_heap_order(rng, 200000, 0.55, [&](double now, int step) {
        // Ties in time and priority, same-day events, and far-future ones beyond the window.
        double t = now;
        const double u = rng.uniform();
        if (u < 0.2) t = now;
        else if (u < 0.6) t = std::floor(now) + std::floor(rng.uniform() * 5);
        else if (u < 0.9) t = now + rng.exponential(1.0 / 30);
        else t = now + 1000 + rng.uniform() * 5000;
        t = std::max(t, now);
        return Event{t, static_cast<std::uint32_t>(step % 7), static_cast<std::uint32_t>(rng.uniform() < 0.5), seq++,
                     static_cast<std::uint64_t>(step)};
    });
}

TEST_CASE("the calendar queue keeps heap order for sparse and far-future events", "[engine]") {
    // Events beyond its window of days, sparse days it must jump over, and
    // the window wrapping round (up to 137 years ahead).
    Stream rng(11, 0, 2);
    std::uint64_t seq = 0;
    check_heap_order(rng, 100000, 0.5, [&](double now, int step) {
        double t = now;
        const double u = rng.uniform();
        if (u < 0.1) t = now;
        else if (u < 0.3) t = now + std::floor(rng.uniform() * 3);
        else if (u < 0.6) t = now + rng.uniform() * 8000;
        else t = now + 8000 + rng.uniform() * 42000;
        return Event{t, 0, static_cast<std::uint32_t>(rng.uniform() < 0.3), seq++, static_cast<std::uint64_t>(step)};
    });
}

namespace {

struct Recorder : Handler, Observer {
    std::vector<std::pair<double, std::uint64_t>> trace;
    std::vector<std::pair<std::size_t, double>> checkpoints;
    bool handle(const Event& e, Kernel& k) override {
        trace.emplace_back(k.now(), e.payload);
        if (e.payload == 1) k.schedule(k.now() + 2.5, 0, 10);  // handlers schedule more work
        return e.payload != 4;  // payload 4 plays a stale event
    }
    void on_checkpoint(std::size_t i, Time t) override { checkpoints.emplace_back(i, t); }
};

}  // namespace

TEST_CASE("the run loop: ties broken by priority then scheduling order, checkpoints before events at their time",
          "[engine]") {
    Kernel k;
    Recorder r;
    const auto kind = k.add_handler(&r);
    k.subscribe(&r);
    k.schedule(3.0, kind, 3);
    k.schedule(1.0, kind, 1);
    k.schedule(3.0, kind, 2, /*priority=*/0);
    k.schedule(3.0, kind, 4, /*priority=*/1);
    k.schedule(9.0, kind, 9);  // at the end: not run
    k.run(9.0, {2.0, 3.0, 9.0});
    const std::vector<std::pair<double, std::uint64_t>> expected = {{1.0, 1}, {3.0, 3}, {3.0, 2}, {3.0, 4}, {3.5, 10}};
    CHECK(r.trace == expected);
    const std::vector<std::pair<std::size_t, double>> cps = {{0, 2.0}, {1, 3.0}, {2, 9.0}};
    CHECK(r.checkpoints == cps);
    CHECK(k.events_processed() == 4);  // the stale one is not counted
    CHECK(k.events_popped() == 5);
    CHECK(k.now() == 9.0);
}

TEST_CASE("scheduling in the past, at NaN, or for no handler fails at the call", "[engine]") {
    Kernel k;
    Recorder r;
    const auto kind = k.add_handler(&r);
    k.schedule(5, kind, 0);
    k.run(6, {});
    CHECK_THROWS_AS(k.schedule(4.0, kind, 0), std::invalid_argument);
    CHECK_THROWS_AS(k.schedule(std::nan(""), kind, 0), std::invalid_argument);
    CHECK_THROWS_AS(k.schedule(7.0, kind + 1, 0), std::invalid_argument);
    CHECK_NOTHROW(k.schedule(6.0, kind, 0));
}

TEST_CASE("random streams: pinned draws, and streams that depend only on (seed, replication, stream)", "[engine][random]") {
    Stream s(1, 0, 1);
    CHECK(s.uniform() == 0.90786858396832792);
    CHECK(s.exponential(2.0) == 0.11009780778729811);
    CHECK(s.normal(0, 1) == -0.05153088118771202);
    CHECK(s.poisson(3.5) == 4);
    CHECK(s.binomial(10, 0.3) == 6);
    CHECK(Stream(1, 1, 1).uniform() == 0.088490495853893028);
    // The same triple gives the same stream; any other differs.
    CHECK(Stream(5, 2, 3).uniform() == Stream(5, 2, 3).uniform());
    CHECK(Stream(5, 2, 3).uniform() != Stream(5, 3, 2).uniform());
    CHECK(Stream(5, 2, 3).uniform() != Stream(6, 2, 3).uniform());
}
