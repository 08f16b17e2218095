#include "plain_renewal.h"

#include <queue>
#include <vector>

#include "engine/sim/random.h"

namespace wfsim::cli {

PlainRenewalResult plain_renewal(std::uint64_t posts, double rate, double fill_days, double cover_days, double days,
                                 std::uint64_t seed) {
    struct Ev {
        double t;
        std::uint64_t seq;
        std::uint32_t post;
        std::uint8_t kind;  // 0 leave, 1 cover starts, 2 starter arrives
        bool operator>(const Ev& o) const { return t != o.t ? t > o.t : seq > o.seq; }
    };
    std::priority_queue<Ev, std::vector<Ev>, std::greater<Ev>> q;
    engine::Stream rng(seed, 0, 1);
    const double per_day = rate / 365.25;
    std::uint64_t seq = 0, events = 0;
    for (std::uint32_t p = 0; p < posts; ++p) q.push({rng.exponential(per_day), seq++, p, 0});
    double vacant = 0, covered = 0, t_last = 0, vacant_area = 0, covered_area = 0;
    while (!q.empty() && q.top().t < days) {
        const Ev e = q.top();
        q.pop();
        ++events;
        vacant_area += vacant * (e.t - t_last);
        covered_area += covered * (e.t - t_last);
        t_last = e.t;
        if (e.kind == 0) {
            vacant += 1;
            q.push({e.t + cover_days, seq++, e.post, 1});
            q.push({e.t + fill_days, seq++, e.post, 2});
        } else if (e.kind == 1) {
            vacant -= 1;
            covered += 1;
        } else {
            covered -= 1;
            q.push({e.t + rng.exponential(per_day), seq++, e.post, 0});
        }
    }
    vacant_area += vacant * (days - t_last);
    covered_area += covered * (days - t_last);
    const double total = static_cast<double>(posts) * days;
    return {events, vacant_area / total, covered_area / total};
}

}  // namespace wfsim::cli
