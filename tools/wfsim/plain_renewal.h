// The yardstick for the kernel: the renewal model of scenarios/checks/renewal.yaml
// written as a plain single-purpose loop on std::priority_queue, with no
// engine, no model and no outputs. `wfsim bench` runs it beside the real thing.
#pragma once
#include <cstdint>

namespace wfsim::cli {

struct PlainRenewalResult {
    std::uint64_t events = 0;
    double vacant_share = 0, covered_share = 0;  // time averages, to show it does the same work
};

// `posts` posts, leaving at `rate` a year, refilled `fill_days` after
// emptying, agency cover from `cover_days`; simulated for `days`.
PlainRenewalResult plain_renewal(std::uint64_t posts, double rate, double fill_days, double cover_days, double days,
                                 std::uint64_t seed);

}  // namespace wfsim::cli
