// The people and posts of one replication. Posts are slots of the
// establishment; a person holds at most one post, and a post has at most one
// permanent holder, one agency worker and one appointee on the way.
#pragma once
#include <cstdint>
#include <vector>

#include "models/config.h"

namespace wfsim::model {

inline constexpr std::int32_t kNone = -1;

struct Post {
    std::int32_t team = 0, grade = 0;
    double fte = 1;
    std::int32_t holder = kNone;  // permanent worker
    std::int32_t agency = kNone;  // agency worker covering it
    bool incoming = false;        // an appointee is on the way
    bool campaign = false;        // an advert is running (or waiting to re-run)
    bool queued = false;          // waiting for agency supply
    bool to_remove = false;       // remove when it falls vacant
    bool removed = false;
    bool listed = false;          // in its team's list of open posts (models/simulation.cpp)
    std::uint32_t version = 0;    // bumps cancel its pending recruitment and cover events
    double emptied_at = 0;
};

enum class PersonState : std::uint8_t { InPost, OnNotice, Left };
enum class Route : std::uint8_t { Initial, Recruited, Pipeline, Conversion };

struct Payment {
    double paid_at = 0, amount = 0, clawback_days = 0, clawback_share = 1;
    bool taper = false;
    std::int16_t scheme = -1;  // bonus scheme index, -1 for a golden hello
};

struct Person {
    std::int32_t post = kNone;
    std::int32_t grade = 0, team = 0;
    double fte = 1;
    double service_start = 0;  // day (negative for staff in post before the start)
    double grade_start = 0;
    double birth = 0;          // day of birth
    Route route = Route::Initial;
    PersonState state = PersonState::InPost;
    Destination destination = kOtherEmployer;
    bool in_asye = false;
    bool supplement = false;   // receiving the market supplement
    bool early_notice = false; // a recruit who gave notice within the early-leaving period
    // Leaving: a unit exponential target E against the cumulative hazard H.
    double target = 0, cum_hazard = 0, hazard_from = 0, rate = 0, retire_share = 0;
    // When the hazard reaches the target: the day, at the current rate; on
    // the team's clock (models/leaving/team_clock.cpp), the clock's reading.
    double leave_at = 0;
    // On the team's clock the hazard is `scaled` (per day) times the team's
    // pressure, and H has grown by scaled x (clock - tau_from) since hazard_from.
    bool clocked = false;
    double scaled = 0, tau_from = 0;
    double exit_at = 0;        // the end of notice, once notice is given
    std::uint32_t version = 0;
    std::uint32_t progression_version = 0;
    std::vector<Payment> payments;
    double paid_total = 0, clawed_total = 0;
};

struct AgencyWorker {
    std::int32_t post = kNone;
    double start = 0;
    std::uint32_t version = 0;
    bool active = false;
};

// The counts of one team and grade, from which the metrics by grade and by
// team are read at each month end (models/metrics/by_group.cpp). Flows are
// over the current month.
struct Cell {
    double establishment = 0, permanent = 0, agency = 0, asye = 0;  // FTE (agency: covering vacancies)
    double supplement = 0;  // FTE paid the market supplement (for spend by group)
    double starters = 0, leavers[kDestinations] = {}, early_leavers = 0;
};

struct TeamState {
    double establishment = 0, permanent = 0, agency = 0;  // FTE
    double weighted_permanent = 0;  // FTE x caseload weight
    double pressure = 1;            // caseload and agency-share multiplier on leaving
    double absence_cover = 0;       // agency FTE covering no vacancy (sickness, other leave, extra capacity)
    std::vector<std::int32_t> members;  // people in post (for pressure updates)
    // The team's clock (models/leaving/team_clock.cpp): the integral of its
    // pressure over time, `clock` at day `clock_from`, rising at `pressure`
    // a day since. Members on it wait in `due`, a min-heap by the clock
    // reading at which they leave (entries whose version is old are stale);
    // one kernel event, of version `clock_version`, wakes the first.
    struct Due { double tau; std::int32_t person; std::uint32_t version; };
    double clock = 0, clock_from = 0;
    std::uint32_t clock_version = 0;
    std::vector<Due> due;
};

}  // namespace wfsim::model
