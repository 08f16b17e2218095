// The teams' clocks. Caseload and agency pressure multiply the leaving hazard
// of everyone in a team, and the monthly review changes that multiplier for
// every team whose caseload moved. Re-timing each member's leaving at every
// review made the review cost O(members) and left a stale event per member
// per month (44% of the council case's instructions, issue 20).
//
// Instead each team keeps a clock that runs at its pressure: its reading is
// the integral of the pressure over time. A member whose hazard is
// `scaled` x pressure leaves when scaled x (clock - tau_from) reaches what
// was left of their target at tau_from, a fixed reading of the team's clock
// whatever the pressure does meanwhile. The members wait in a heap by that
// reading, and one kernel event per team wakes the first: a change of
// pressure re-times that one event. Members with a hazard the pressure does
// not scale (a recruit's early months, retirement age) stay on the calendar.
//
// The heap cancels lazily: an entry is stale once its person's version moved
// (re-timed, on notice, moved team), and is dropped when it reaches the top,
// or all at once when stale entries outnumber the live.
#include <algorithm>

#include "models/simulation.h"

namespace wfsim::model {

namespace {

bool later(const TeamState::Due& a, const TeamState::Due& b) {
    if (a.tau != b.tau) return a.tau > b.tau;
    return a.person > b.person;  // a total order, so the heap's order is deterministic
}

}  // namespace

bool Simulation::due_live(const TeamState::Due& d) const {
    const Person& p = people_[static_cast<std::size_t>(d.person)];
    return p.version == d.version && p.clocked && p.state == PersonState::InPost;
}

void Simulation::set_pressure(std::size_t team, double pressure) {
    TeamState& t = teams_[team];
    t.clock = clock_at(t, now());
    t.clock_from = now();
    t.pressure = pressure;
    retime_team(team);
}

void Simulation::clock_in(std::int32_t id) {
    const Person& p = people_[static_cast<std::size_t>(id)];
    const auto team = static_cast<std::size_t>(p.team);
    TeamState& t = teams_[team];
    if (t.due.size() > 2 * t.members.size() + 64) {
        // Mostly stale: keep the live entries only.
        auto stale = [&](const TeamState::Due& d) { return !due_live(d); };
        t.due.erase(std::remove_if(t.due.begin(), t.due.end(), stale), t.due.end());
        std::make_heap(t.due.begin(), t.due.end(), later);
    }
    t.due.push_back({p.leave_at, id, p.version});
    std::push_heap(t.due.begin(), t.due.end(), later);
    // The team's event stays if it wakes no later than this leaver is due.
    if (t.due.front().person == id && t.due.front().version == p.version) retime_team(team);
}

void Simulation::retime_team(std::size_t team) {
    TeamState& t = teams_[team];
    while (!t.due.empty() && !due_live(t.due.front())) {
        std::pop_heap(t.due.begin(), t.due.end(), later);
        t.due.pop_back();
    }
    ++t.clock_version;
    if (t.due.empty() || t.pressure <= 0) return;
    const double at = std::max(now(), day_clock_reads(t, t.due.front().tau));
    if (!(at < cfg_->horizon_days)) return;
    kernel_.schedule(at, kind_.team_leaving, static_cast<std::uint64_t>(team) | (std::uint64_t(t.clock_version) << 32));
}

bool Simulation::team_leaving_live(std::uint64_t payload) const {
    return teams_[static_cast<std::size_t>(payload & 0xffffffffu)].clock_version == static_cast<std::uint32_t>(payload >> 32);
}

// The team's clock reached its first leaver's reading (unless that leaver was
// re-timed since: then the event only finds the next).
void Simulation::on_team_leaving(std::uint64_t payload) {
    const auto team = static_cast<std::size_t>(payload & 0xffffffffu);
    TeamState& t = teams_[team];
    if (t.due.empty()) return;  // every entry went stale and was dropped
    const TeamState::Due first = t.due.front();
    if (due_live(first) && day_clock_reads(t, first.tau) <= now() + kSameMoment) {
        std::pop_heap(t.due.begin(), t.due.end(), later);
        t.due.pop_back();
        Person& leaver = people_[static_cast<std::size_t>(first.person)];
        accrue(leaver);
        give_notice(first.person, draw_destination(leaver.retire_share));
    }
    retime_team(team);
}

}  // namespace wfsim::model
