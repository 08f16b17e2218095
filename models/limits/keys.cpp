// The limits on a scenario's size that no single key's range can state: how
// many grades, teams and list items, and the trainees of every pipeline over
// the horizon (models/limits/limits.h says how each was sized).
#include <cmath>
#include <string>

#include "models/check_helpers.h"
#include "models/limits/limits.h"
#include "models/schema.h"

namespace wfsim::model {

namespace {

std::string count_text(double v) {
    // 3000000 -> 3,000,000: limits are read by people.
    std::string digits = std::to_string(static_cast<long long>(std::llround(v))), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

struct CountLimit {
    const char* path;
    std::size_t limit;
    const char* noun;  // plural
    const char* why;
};

const CountLimit kCountLimits[] = {
    {"grades", limits::kMaxGrades, "grades", "every metric is kept by grade for every month"},
    {"establishment.teams", limits::kMaxTeams, "teams", "every metric is kept by team for every month"},
    {"establishment.changes", limits::kMaxChanges, "dated changes", ""},
    {"initial_staff.cohorts", limits::kMaxCohorts, "cohorts", ""},
    {"pipelines", limits::kMaxPipelines, "pipelines", ""},
    {"progression", limits::kMaxProgression, "progression rules", ""},
    {"retention.bonuses", limits::kMaxBonuses, "bonus schemes", "each is looked at whenever a leaving hazard is"},
    {"leaving.by_service", limits::kMaxServiceBands, "bands of service", ""},
    {"targets", limits::kMaxTargets, "targets", ""},
    {"budget", limits::kMaxBudgetYears, "financial years", ""},
};

std::optional<params::Duration> duration_at(const params::Tree& root, const std::string& dotted, const char* fallback) {
    const params::Tree* n = node_at(root, dotted);
    std::string why;
    if (!n) return params::parse_duration(fallback, why);
    return n->is_scalar() ? params::parse_duration(n->scalar, why) : std::nullopt;
}

// The day after the last simulated day, in days since 1970.
std::optional<long> horizon_end(const params::Tree& root) {
    params::Date start;
    if (!date_at(root, "start", start)) return std::nullopt;
    const auto horizon = duration_at(root, "horizon", "36 months");
    if (!horizon) return std::nullopt;
    if (const auto m = horizon->whole_months()) return params::days_from_civil(params::add_months(start, *m));
    return params::days_from_civil(start) + static_cast<long>(std::ceil(horizon->days()));
}

// Trainees of one pipeline item whose intakes fall before the horizon ends.
double trainees_in_horizon(const params::Tree& item, long end) {
    params::Date first, last;
    if (!date_at(item, "first_intake", first)) return 0;
    const params::Tree* n = node_at(item, "trainees");
    std::string why;
    const auto trainees = n && n->is_scalar() ? params::parse_number(n->scalar, false, why) : std::nullopt;
    if (!trainees || *trainees <= 0) return 0;
    const long from = params::days_from_civil(first);
    if (from >= end) return 0;
    if (!date_at(item, "last_intake", last)) return *trainees;  // one intake only
    const auto every = duration_at(item, "every", "12 months");
    if (!every || every->days() <= 0) return 0;  // the key's own range refuses it
    const long to = std::min(end - 1, params::days_from_civil(last));
    if (to < from) return 0;
    // Calendar months are at least 28 days, so counting them as 28 days bounds the intakes from above.
    const double step = every->whole_months() ? 28.0 * *every->whole_months() : every->days();
    return *trainees * (std::floor(static_cast<double>(to - from) / step) + 1);
}

}  // namespace

double limits::trainees_before(const params::Tree& root, long end_day) {
    const params::Tree* list = node_at(root, "pipelines");
    double total = 0;
    if (list && list->is_seq())
        for (const auto& item : list->seq) total += trainees_in_horizon(item, end_day);
    return total;
}

void declare_limit_checks(params::Schema& s) {
    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        for (const CountLimit& c : kCountLimits) {
            const params::Tree* n = node_at(root, c.path);
            if (!n) continue;
            const std::size_t count = n->is_map() ? n->map.size() : n->is_seq() ? n->seq.size() : 0;
            if (count <= c.limit) continue;
            diags.error(n->loc, c.path,
                        count_text(static_cast<double>(count)) + " " + c.noun + "; wfsim takes at most " +
                            count_text(static_cast<double>(c.limit)) + (*c.why ? std::string(" (") + c.why + ")" : ""));
        }
    });
    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* list = node_at(root, "pipelines");
        const auto end = horizon_end(root);
        if (!list || !list->is_seq() || !end) return;
        double total = 0;
        for (const auto& item : list->seq) total += trainees_in_horizon(item, *end);
        if (total > limits::kMaxTraineesOverHorizon)
            diags.error(list->loc, "pipelines",
                        "the intakes before the horizon ends bring " + count_text(total) +
                            " trainees in all; wfsim takes at most " + count_text(limits::kMaxTraineesOverHorizon) +
                            " (fewer trainees per intake, fewer intakes, or a shorter horizon)");
    });
}

}  // namespace wfsim::model
