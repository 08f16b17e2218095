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

// The cost rates of each grade and team, from their cells, so that the groups
// add up to the totals (Simulation::update_cost_rates):
// - pay: the cell's permanent FTE at its grade's cost;
// - agency: the cell's cover of vacancies, plus the team's cover of absence
//   and other leave in proportion to the cell's permanent FTE (that cover is a
//   share of permanent FTE, models/caseload/caseload.cpp);
// - recruitment: marketing, a cost of the whole service, shared by establishment;
// - retention: the cell's market supplements, and recognition awards shared
//   by permanent FTE (awards go to staff in post);
// - training: the cell's ASYE workers, and trainees of the cell's grade and
//   team (trainees for any team shared by the grade's establishment).
void Simulation::update_group_cost_rates(double recognition_per_year) {
    const std::size_t G = cfg_->grades.size(), T = teams_.size();
    constexpr double kYear = params::kDaysPerYear;
    const double agency_cost = agency_now_.effective_cost() / kYear;
    double establishment = 0, permanent = 0;
    std::vector<double> grade_establishment(G, 0.0);
    for (std::size_t ti = 0; ti < T; ++ti)
        for (std::size_t g = 0; g < G; ++g) {
            const Cell& c = cells_[ti * G + g];
            establishment += c.establishment;
            permanent += c.permanent;
            grade_establishment[g] += c.establishment;
        }
    const RetentionConfig& r = cfg_->retention;
    const double asye_rate = cfg_->asye.length_days > 0 ? cfg_->asye.cost_per_person / cfg_->asye.length_days : 0.0;
    std::vector<Amounts> rate(G + T, Amounts{});
    for (std::size_t ti = 0; ti < T; ++ti) {
        const TeamState& ts = teams_[ti];
        for (std::size_t g = 0; g < G; ++g) {
            const Cell& c = cells_[ti * G + g];
            const double cost = grades_now_[g].annual_cost() / kYear;
            const double other_cover = ts.permanent > 0 ? ts.absence_cover * c.permanent / ts.permanent : 0.0;
            const double any_team_share = grade_establishment[g] > 0 ? c.establishment / grade_establishment[g] : 0.0;
            const std::size_t trainees = g * (T + 1);
            Amounts a{};
            a[kPermanent] = c.permanent * cost;
            a[kAgency] = (c.agency + other_cover) * agency_cost;
            a[kRecruitment] = establishment > 0 ? cfg_->recruitment.marketing_cost / kYear * c.establishment / establishment : 0.0;
            a[kRetention] = c.supplement * r.supplement_share * cost +
                            (permanent > 0 ? recognition_per_year / kYear * c.permanent / permanent : 0.0);
            a[kTraining] = c.asye * asye_rate + trainee_rate_by_cell_[trainees + ti] + trainee_rate_by_cell_[trainees + T] * any_team_share;
            for (int k = 0; k < kComponents; ++k) {
                rate[g][static_cast<std::size_t>(k)] += a[static_cast<std::size_t>(k)];
                rate[G + ti][static_cast<std::size_t>(k)] += a[static_cast<std::size_t>(k)];
            }
        }
    }
    for (std::size_t i = 0; i < G + T; ++i)
        for (int k = 0; k < kComponents; ++k) group_spend_.set_rate(i, static_cast<Component>(k), rate[i][static_cast<std::size_t>(k)]);
}

void Simulation::group_lump(int grade, int team, Component c, double amount) {
    if (!group_spend_.on()) return;
    const std::size_t G = cfg_->grades.size(), T = teams_.size(), g = static_cast<std::size_t>(grade);
    group_spend_.lump(g, c, amount);
    if (team >= 0) {
        group_spend_.lump(G + static_cast<std::size_t>(team), c, amount);
        return;
    }
    double total = 0;
    for (std::size_t ti = 0; ti < T; ++ti) total += cells_[ti * G + g].establishment;
    for (std::size_t ti = 0; ti < T; ++ti) {
        const double share = total > 0 ? cells_[ti * G + g].establishment / total : 1.0 / static_cast<double>(T);
        group_spend_.lump(G + ti, c, amount * share);
    }
}

void Simulation::record_group_years() {
    if (!group_spend_.on()) return;
    for (auto dim : {Dimension::Grade, Dimension::Team})
        for (std::size_t i = 0; i < (dim == Dimension::Grade ? layout_.grades() : layout_.teams()); ++i) {
            const std::size_t group = dim == Dimension::Grade ? i : cfg_->grades.size() + i;
            for (int k = kSpendPermanent; k <= kSpendTotal; ++k) {
                const std::size_t s = layout_.year_series(k, dim, i);
                if (s == SeriesLayout::npos) continue;
                auto& series = result_.monthly[s];
                for (std::size_t y = 0; y < group_spend_.years() && y < series.size(); ++y) {
                    double v = 0;
                    if (k == kSpendTotal)
                        for (int c = 0; c < kComponents; ++c) v += group_spend_.year(y, group, static_cast<Component>(c));
                    else
                        v = group_spend_.year(y, group, static_cast<Component>(k - kSpendPermanent));
                    series[y] = v;
                }
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
            double total = 0;
            for (int k = 0; k < kComponents; ++k) {
                const double v = m == 0 ? none : group_spend_.month(m, group, static_cast<Component>(k));
                set(static_cast<Metric>(kSpendPermanent + k), v);
                total += v;
            }
            set(kSpendTotal, total);  // NaN at month 0, as in total
            double real_total = 0;
            for (int k = 0; k < kComponents; ++k) {
                const double v = m == 0 ? none : group_spend_.month_real(m, group, static_cast<Component>(k));
                set(static_cast<Metric>(kSpendPermanentReal + k), v);
                real_total += v;
            }
            set(kSpendTotalReal, real_total);
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
