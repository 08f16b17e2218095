#include "models/limits/footprint.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/params/units.h"
#include "models/check_helpers.h"
#include "models/config.h"
#include "models/costs/ledger.h"
#include "models/limits/limits.h"
#include "models/metrics/result.h"
#include "models/simulation.h"
#include "models/state.h"
#include "models/targets/targets.h"

namespace wfsim::model {

namespace {

// Bytes of a replication by what it holds. A post costs its slot (Post, 48
// bytes), its place in its team's list of open posts and its pending events;
// a person the Person (160 bytes, kept to the end of the replication, in a
// vector whose capacity doubles as it grows: up to twice its size) and its
// place among the team's members. Checked against the peak resident memory
// (/usr/bin/time -v, Release build, on the 2-core machine of issue 14):
//   national, 1,500,000 posts, 120 months, 1 replication (wfsim run with the
//     settings of `wfsim bench --large --case national`): 846,052 kB measured
//     (bench itself: 839,480 kB); estimated 1.4 GB, for 1.5 M posts and
//     3.07 M people (1.57 M expected starters over the ten years). The
//     estimate is high by 1.6 times: the people's vector was not at the top
//     of its doubling there, and may be in another scenario.
//   council (scenarios/cambridgeshire/every-mechanism.yaml, 456 posts),
//     36 months, 5,000 replications, 2 threads, by grade and team:
//     78,772 kB measured (the stored rows are at their 64 MiB budget);
//     estimated 88 MB.
//   the same, 60 months, 20,000 replications, --breakdown none: 77,524 kB
//     measured; estimated 86 MB.
// tests/test_input_limits.cpp keeps the national estimate within 0.8 to 2
// times its measured peak.
constexpr double kBaseBytes = 16.0 * (1 << 20);  // the program, its libraries and the prepared scenario
constexpr double kPostOverhead = 96;             // open-post list, pending events, members index
constexpr double kPersonOverhead = 64;

double positive_ceil(const params::Tree& node) {
    std::string why;
    const auto v = node.is_scalar() ? params::parse_number(node.scalar, false, why) : std::nullopt;
    return v && *v > 0 ? std::ceil(*v) : 0.0;
}

double fte_of(const params::Tree& node) {
    std::string why;
    const auto v = node.is_scalar() ? params::parse_number(node.scalar, false, why) : std::nullopt;
    return v && *v > 0 ? *v : 0.0;
}

// A rate per year ("15%" allowed), 0 if it is none.
double rate_of(const params::Tree& node) {
    std::string why;
    if (!node.is_scalar()) return 0.0;
    return std::max(0.0, params::parse_number(node.scalar, true, why).value_or(0.0));
}

}  // namespace

Footprint footprint(const params::Tree& scenario, int months, const Breakdown& breakdown) {
    Footprint f;
    double fte = 0;
    if (const params::Tree* teams = node_at(scenario, "establishment.teams"))
        for (const auto& [team, grades] : teams->map)
            for (const auto& [grade, value] : grades.map) {
                f.posts += positive_ceil(value);  // 5.5 FTE: five whole posts and a half post
                fte += fte_of(value);
            }
    // Posts added at dates (removed ones stay until they fall vacant).
    if (const params::Tree* changes = node_at(scenario, "establishment.changes"))
        for (const auto& change : changes->seq)
            for (const auto& [key, value] : change.map)
                if (key != "at" && key != "team") f.posts += positive_ceil(value);
    if (const params::Tree* list = node_at(scenario, "interventions"))
        for (const auto& item : list->seq)
            if (const params::Tree* extra = item.find("extra_posts"))
                for (const auto& [team, grades] : extra->map)
                    for (const auto& [grade, value] : grades.map) f.posts += positive_ceil(value);

    const Calendar cal = calendar_for(scenario, months);
    f.months = cal.months();
    f.financial_years = cal.financial_years();
    f.series = SeriesLayout(read_names(scenario), breakdown).count();
    if (const params::Tree* t = node_at(scenario, "targets")) f.targets = t->seq.size();

    // People: every post filled on the first day, and every starter after it
    // (a person is kept to the end of the replication). Starters replace
    // leavers, so they are about the staff in post times their leaving rates
    // over the horizon; part-time posts make more people. (Not from the
    // expected-value projection: it follows every post day by day, seconds
    // for a council, and this estimate is made before every batch.)
    double starters_fte = 0;
    double in_post = 0, leaving_fte_per_year = 0;
    const params::Tree* rates = node_at(scenario, "leaving.base_rate");
    if (const params::Tree* teams = node_at(scenario, "establishment.teams"))
        for (const auto& [team, grades] : teams->map)
            for (const auto& [grade, value] : grades.map) {
                const params::Tree* rate = rates ? rates->find(grade) : nullptr;
                if (rate && rate->is_map()) rate = rate->find("mean");  // a distribution: its mean
                leaving_fte_per_year += fte_of(value) * (rate ? rate_of(*rate) : 0.0);
            }
    double vacant = 0;
    if (const params::Tree* vacancies = node_at(scenario, "initial_staff.vacancies"))
        for (const auto& [grade, value] : vacancies->map) vacant += fte_of(value);
    in_post = fte > 0 ? std::clamp((fte - vacant) / fte, 0.0, 1.0) : 0.0;
    starters_fte = in_post * leaving_fte_per_year * cal.horizon_days / params::kDaysPerYear +
                   limits::trainees_before(scenario, params::days_from_civil(cal.start) +
                                                         static_cast<long>(std::ceil(cal.horizon_days)));
    f.people = f.posts + starters_fte * (fte > 0 ? std::max(1.0, f.posts / fte) : 1.0);

    const double points = static_cast<double>(f.months + 1);
    f.result_bytes = static_cast<double>(f.series) * (points * 8 + 32) +
                     static_cast<double>(f.financial_years) * static_cast<double>(kComponents) * 8 + 64;
    f.row_bytes = (static_cast<double>(f.series) * points + static_cast<double>(kMetrics) +
                   static_cast<double>(f.financial_years) * static_cast<double>(kComponents + 1) + 2.0 * static_cast<double>(f.targets)) * 8;
    // The replication's own series while it runs, and its people and posts.
    f.replication_bytes = f.posts * (sizeof(Post) + kPostOverhead) +
                          f.people * (2.0 * sizeof(Person) + kPersonOverhead) + f.result_bytes;
    // trajectory.csv: a row a month for every series, about 200 characters
    // (mean, standard deviation and percentiles); the other files are smaller.
    f.output_bytes = points * static_cast<double>(f.series) * 200 + points * 1000;
    return f;
}

BatchNeeds batch_needs(const Footprint& f, unsigned threads, std::size_t reps, std::size_t stores,
                       std::size_t results_memory_budget) {
    BatchNeeds n;
    const double all_rows = static_cast<double>(reps) * f.row_bytes;
    // Results wait in a window of 8 per thread until the earlier ones are in
    // (engine/sim/batch.h).
    n.per_thread = f.replication_bytes + 8 * f.result_bytes;
    const double budget = static_cast<double>(results_memory_budget);
    n.memory = kBaseBytes + static_cast<double>(threads) * n.per_thread +
               static_cast<double>(stores) * std::min(all_rows, budget) +
               3.0 * static_cast<double>(reps) * 8 +  // a column read back, and a sorted copy for percentiles
               2.0 * f.output_bytes;                  // the output files' text, and its copy as it is written
    // Rows past half the budget go to a temporary file (engine/stats/column_store.h).
    n.temp_disk = all_rows > budget / 2 ? static_cast<double>(stores) * all_rows : 0.0;
    return n;
}

std::string format_bytes(double bytes) {
    char buf[32];
    if (bytes >= 1e12) std::snprintf(buf, sizeof buf, "%.1f TB", bytes / 1e12);
    else if (bytes >= 1e9) std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
    else if (bytes >= 1e6) std::snprintf(buf, sizeof buf, "%.0f MB", bytes / 1e6);
    else std::snprintf(buf, sizeof buf, "%.0f kB", std::max(1.0, bytes / 1e3));
    return buf;
}

}  // namespace wfsim::model
