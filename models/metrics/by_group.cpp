// The metrics of each grade and each team at a month end, read from the
// counts kept per team and grade (Cell, models/state.h) as events happen, so
// that the work is proportional to teams x grades, not to staff.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/simulation.h"

namespace wfsim::model {

namespace {

// A group's counts: the sum of its cells, with the agency that covers no
// vacancy (sickness, other leave, extra capacity) and absence, which depend
// on the team's absence rate.
struct GroupCounts {
    Cell sum;
    double non_vacancy_agency = 0, absence = 0;
};

}  // namespace

// The pay and agency cost rates of each grade and team, from their cells:
// pay is the cell's permanent FTE at its grade's cost; agency is the cell's
// cover of vacancies, plus the team's cover of absence and other leave in
// proportion to the cell's permanent FTE (that cover is a share of permanent
// FTE, models/caseload/caseload.cpp), so the groups add up to the totals.
void Simulation::update_group_cost_rates() {
    const std::size_t G = cfg_->grades.size(), T = teams_.size();
    constexpr double kYear = params::kDaysPerYear;
    const double agency_cost = agency_now_.effective_cost() / kYear;
    std::vector<double> pay(G + T, 0.0), agency(G + T, 0.0);
    for (std::size_t ti = 0; ti < T; ++ti) {
        const TeamState& ts = teams_[ti];
        for (std::size_t g = 0; g < G; ++g) {
            const Cell& c = cells_[ti * G + g];
            const double p = c.permanent * grades_now_[g].annual_cost() / kYear;
            const double other_cover = ts.permanent > 0 ? ts.absence_cover * c.permanent / ts.permanent : 0.0;
            const double a = (c.agency + other_cover) * agency_cost;
            pay[g] += p;
            pay[G + ti] += p;
            agency[g] += a;
            agency[G + ti] += a;
        }
    }
    for (std::size_t i = 0; i < G + T; ++i) {
        group_spend_.set_rate(i, GroupLedger::kPay, pay[i]);
        group_spend_.set_rate(i, GroupLedger::kAgencyCover, agency[i]);
    }
}

void Simulation::record_group_years() {
    if (!group_spend_.on()) return;
    for (auto dim : {Dimension::Grade, Dimension::Team})
        for (std::size_t i = 0; i < (dim == Dimension::Grade ? layout_.grades() : layout_.teams()); ++i) {
            const std::size_t group = dim == Dimension::Grade ? i : cfg_->grades.size() + i;
            for (auto [metric, part] : {std::pair{kSpendPermanent, GroupLedger::kPay}, std::pair{kSpendAgency, GroupLedger::kAgencyCover}}) {
                const std::size_t s = layout_.year_series(metric, dim, i);
                if (s == SeriesLayout::npos) continue;
                auto& series = result_.monthly[s];
                for (std::size_t y = 0; y < group_spend_.years() && y < series.size(); ++y)
                    series[y] = group_spend_.year(y, group, part);
            }
        }
}

void Simulation::record_groups(std::size_t m, double t) {
    const std::size_t G = cfg_->grades.size(), T = teams_.size();
    const SeriesLayout& layout = layout_;
    if (layout.count() == kMetrics) return;  // totals only
    std::vector<GroupCounts> grade(G), team(T);
    for (std::size_t ti = 0; ti < T; ++ti) {
        const double absence_rate = team_absence_rate(teams_[ti]);
        const double cover_rate = cfg_->agency.cover_absence * absence_rate + cfg_->agency.cover_other;
        for (std::size_t g = 0; g < G; ++g) {
            const Cell& c = cells_[ti * G + g];
            for (GroupCounts* into : {&grade[g], &team[ti]}) {
                Cell& s = into->sum;
                s.establishment += c.establishment;
                s.permanent += c.permanent;
                s.agency += c.agency;
                s.asye += c.asye;
                s.starters += c.starters;
                s.early_leavers += c.early_leavers;
                for (int d = 0; d < kDestinations; ++d) s.leavers[d] += c.leavers[d];
                into->non_vacancy_agency += cover_rate * c.permanent;
                into->absence += absence_rate * c.permanent;
            }
        }
    }
    auto record = [&](Dimension dim, std::size_t i, const GroupCounts& gc) {
        auto set = [&](Metric k, double v) {
            const std::size_t series = layout.index(k, dim, i);
            if (series != SeriesLayout::npos) result_.monthly[series][m] = v;
        };
        const Cell& c = gc.sum;
        const double est = c.establishment, perm = c.permanent, agency = c.agency + gc.non_vacancy_agency;
        set(kEstablishmentFte, est);
        set(kPermanentFte, perm);
        set(kAgencyFte, agency);
        set(kAgencyCoveredFte, c.agency);
        set(kVacantFte, std::max(0.0, est - perm - c.agency));
        set(kVacanciesFte, est - perm);
        set(kVacancyRate, est > 0 ? (est - perm) / est : 0.0);
        set(kAgencyRate, perm + agency > 0 ? agency / (perm + agency) : 0.0);
        set(kPermanentShare, perm + agency > 0 ? perm / (perm + agency) : 0.0);
        set(kAbsenceFte, gc.absence);
        set(kAsyeFte, c.asye);
        if (dim == Dimension::Team) {
            const TeamState& ts = teams_[i];
            const double capacity = (ts.weighted_permanent + ts.agency) * (1 - team_absence_rate(ts));
            set(kCaseloadPerWorker, cfg_->caseload.modelled && capacity > 0 ? cases_at(i, t) / capacity : 0.0);
        }
        const double none = std::nan("");  // flows have covered no time on the start date
        double leavers = 0;
        for (int d = 0; d < kDestinations; ++d) leavers += c.leavers[d];
        set(kStarters, m == 0 ? none : c.starters);
        set(kLeavers, m == 0 ? none : leavers);
        set(kLeaversOtherEmployer, m == 0 ? none : c.leavers[kOtherEmployer]);
        set(kLeaversAgency, m == 0 ? none : c.leavers[kToAgency]);
        set(kLeaversOutOfProfession, m == 0 ? none : c.leavers[kOutOfProfession]);
        set(kLeaversRetirement, m == 0 ? none : c.leavers[kRetirement]);
        set(kEarlyLeavers, m == 0 ? none : c.early_leavers);
        if (group_spend_.on()) {
            const std::size_t group = dim == Dimension::Grade ? i : cfg_->grades.size() + i;
            set(kSpendPermanent, m == 0 ? none : group_spend_.month(m, group, GroupLedger::kPay));
            set(kSpendAgency, m == 0 ? none : group_spend_.month(m, group, GroupLedger::kAgencyCover));
        }
        // Leavers over the last 12 months (the months so far, scaled, in the first year).
        double turnover = none;
        if (m > 0) {
            const std::size_t window = std::min<std::size_t>(12, m), series = layout.index(kLeavers, dim, i);
            double recent = 0;
            for (std::size_t k = m + 1 - window; k <= m; ++k) recent += result_.monthly[series][k];
            turnover = perm > 0 ? recent * (12.0 / static_cast<double>(window)) / perm : 0.0;
        }
        set(kTurnoverRate12m, turnover);
    };
    for (std::size_t g = 0; g < layout.grades(); ++g) record(Dimension::Grade, g, grade[g]);
    for (std::size_t ti = 0; ti < layout.teams(); ++ti) record(Dimension::Team, ti, team[ti]);
}

void Simulation::check_cells() const {
    const std::size_t G = cfg_->grades.size();
    std::vector<double> by_grade(G, 0);
    double asye = 0;
    for (std::size_t ti = 0; ti < teams_.size(); ++ti) {
        double est = 0, perm = 0, agency = 0;
        for (std::size_t g = 0; g < G; ++g) {
            const Cell& c = cells_[ti * G + g];
            est += c.establishment;
            perm += c.permanent;
            agency += c.agency;
            asye += c.asye;
            by_grade[g] += c.permanent;
        }
        const TeamState& ts = teams_[ti];
        if (std::fabs(est - ts.establishment) > 1e-6 || std::fabs(perm - ts.permanent) > 1e-6 ||
            std::fabs(agency - ts.agency) > 1e-6)
            throw std::logic_error("invariant broken: a team's counts by grade do not add up to the team's");
    }
    for (std::size_t g = 0; g < G; ++g)
        if (std::fabs(by_grade[g] - perm_fte_by_grade_[g]) > 1e-6)
            throw std::logic_error("invariant broken: permanent FTE by team does not add up to the grade's");
    if (std::fabs(asye - asye_fte_) > 1e-6) throw std::logic_error("invariant broken: ASYE FTE by cell drifted");
}

}  // namespace wfsim::model
