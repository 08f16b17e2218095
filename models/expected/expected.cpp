#include "models/expected/expected.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "engine/params/params.h"
#include "models/config.h"
#include "models/simulation.h"

namespace wfsim::model {

namespace {

enum State { kInPost, kNotice, kVacant, kCovered, kAppointed, kStates };

// Mean days for an advert campaign to succeed: a geometric number of adverts.
double mean_days_to_appoint(const RecruitmentConfig& r, const Grade& g, std::size_t gi, double hello) {
    if (r.method == RecruitmentConfig::Method::None) return kNever;
    if (r.method == RecruitmentConfig::Method::FixedDelay) return r.time_to_fill_days;
    const double ratio = g.pay_ratio(0);
    const double applicants = r.applicants[gi] * r.marketing_multiplier * std::pow(ratio, r.applicant_elasticity);
    const double accept = std::min(1.0, r.acceptance * std::pow(ratio, r.acceptance_elasticity) * hello);
    const double p = 1 - std::exp(-applicants * r.appointable * accept);
    if (p <= 0) return kNever;
    return r.advert_days / p + r.readvertise_days * (1 - p) / p;
}

// The generator (per day) of one grade's chain, and where new vacancies go.
Eigen::Matrix<double, kStates, kStates> generator(const Config& c, std::size_t g) {
    Eigen::Matrix<double, kStates, kStates> Q = Eigen::Matrix<double, kStates, kStates>::Zero();
    auto flow = [&](int from, int to, double rate) {
        Q(to, from) += rate;
        Q(from, from) -= rate;
    };
    const Grade& grade = c.grades[g];
    double hazard = c.leaving.base_rate[g];
    if (c.leaving.pay_elasticity != 0) hazard *= std::pow(grade.pay_ratio(0), c.leaving.pay_elasticity);
    const double hello = (c.retention.hello_amount > 0 && c.retention.hello_grades[g]) ? c.retention.hello_acceptance : 1.0;
    const double leave = hazard / params::kDaysPerYear;
    const double p_fill = c.agency.effective_fill_probability();
    // Leaving: via notice, or straight to a vacancy (split by cover) with no notice.
    if (c.leaving.notice_days > 0) {
        flow(kInPost, kNotice, leave);
        const double out = 1 / c.leaving.notice_days;
        if (c.agency.fill_delay_days > 0 || p_fill == 0) flow(kNotice, kVacant, out);
        else { flow(kNotice, kCovered, out * p_fill); flow(kNotice, kVacant, out * (1 - p_fill)); }
    } else if (c.agency.fill_delay_days > 0 || p_fill == 0) {
        flow(kInPost, kVacant, leave);
    } else {
        flow(kInPost, kCovered, leave * p_fill);
        flow(kInPost, kVacant, leave * (1 - p_fill));
    }
    if (c.agency.fill_delay_days > 0 && p_fill > 0) flow(kVacant, kCovered, p_fill / c.agency.fill_delay_days);
    // An assignment that ends is covered again with the fill probability.
    const double ends = c.agency.leaving_rate / params::kDaysPerYear;
    if (c.agency.fill_delay_days > 0) flow(kCovered, kVacant, ends);
    else flow(kCovered, kVacant, ends * (1 - p_fill));
    const double conversion = c.agency.conversion_rate / params::kDaysPerYear;
    flow(kCovered, kInPost, conversion);
    const double appoint_days = mean_days_to_appoint(c.recruitment, grade, g, hello);
    if (std::isfinite(appoint_days)) {
        const double rate = appoint_days > 0 ? 1 / appoint_days : 1e6;
        flow(kVacant, kAppointed, rate);
        flow(kCovered, kAppointed, rate);  // cover ends when the appointee starts: approximated at appointment
    }
    const double start = c.recruitment.pre_employment_days > 0 ? 1 / c.recruitment.pre_employment_days : 1e6;
    flow(kAppointed, kInPost, start);
    return Q;
}

}  // namespace

ExpectedPath expected_path(const params::Tree& scenario, int months) {
    ExpectedPath out;
    out.calendar = calendar_for(scenario, months);
    Config c = read_config(scenario);
    const params::Params root(&scenario, "");
    if (!c.pipelines.empty()) out.unmodelled.push_back("pipelines");
    if (c.asye.grade >= 0) out.unmodelled.push_back("ASYE");
    if (!c.progression.empty()) out.unmodelled.push_back("progression");
    if (!c.retention.bonuses.empty() || c.retention.supplement_share > 0 || c.retention.recognition_awards > 0)
        out.unmodelled.push_back("retention payments");
    if (c.caseload.modelled || c.caseload.absence_rate > 0) out.unmodelled.push_back("caseload and absence");
    if (c.leaving.caseload_per_case > 0 || c.leaving.agency_slope > 0) out.unmodelled.push_back("team pressures");
    if (!c.leaving.bands.empty() || c.recruitment.early_rate > 0) out.unmodelled.push_back("service-dependent leaving");
    if (c.leaving.retirement_rate > 0 || std::isfinite(c.leaving.retirement_age)) out.unmodelled.push_back("retirement");
    if (std::isfinite(c.agency.supply_limit)) out.unmodelled.push_back("agency supply limit");
    if (root.has("interventions") && !root.at("interventions").items().empty()) out.unmodelled.push_back("interventions");

    const std::size_t G = c.grades.size();
    // Initial state: posts by grade, vacancies split by first-day cover.
    std::vector<Eigen::Matrix<double, kStates, 1>> x(G, Eigen::Matrix<double, kStates, 1>::Zero());
    std::vector<double> posts(G, 0);
    for (const auto& team : root.at("establishment.teams").keys())
        for (const auto& g : root.at("establishment.teams." + team).keys())
            posts[static_cast<std::size_t>(c.names.grade(g))] += root.number("establishment.teams." + team + "." + g);
    const double cover0 = root.has("initial_staff.agency_covered") ? root.number("initial_staff.agency_covered")
                                                                  : c.agency.effective_fill_probability();
    for (std::size_t g = 0; g < G; ++g) {
        const double v = root.number("initial_staff.vacancies." + c.names.grades[g]);
        x[g](kInPost) = posts[g] - v;
        x[g](kCovered) = c.agency.fill_probability > 0 ? v * cover0 : 0.0;
        x[g](kVacant) = v - x[g](kCovered);
    }
    // Dated establishment changes add or remove vacant posts.
    struct Change { double day; std::size_t grade; double fte; };
    std::vector<Change> changes;
    for (const auto& ch : root.at("establishment.changes").items())
        for (const auto& k : ch.keys())
            if (k != "at" && k != "team")
                changes.push_back({c.day_of(ch.date("at")), static_cast<std::size_t>(c.names.grade(k)), ch.number(k)});

    std::vector<Eigen::Matrix<double, kStates, kStates>> Q;
    for (std::size_t g = 0; g < G; ++g) Q.push_back(generator(c, g));
    const std::size_t M = out.calendar.months();
    for (auto* v : {&out.establishment, &out.permanent, &out.agency_covered, &out.vacant})
        v->assign(M + 1, 0.0);
    // Flows have no value at month 0, the start date.
    for (auto* v : {&out.starters, &out.leavers, &out.spend_permanent, &out.spend_agency}) {
        v->assign(M + 1, 0.0);
        (*v)[0] = std::nan("");
    }
    auto record_stocks = [&](std::size_t m) {
        for (std::size_t g = 0; g < G; ++g) {
            out.establishment[m] += posts[g];
            out.permanent[m] += x[g](kInPost) + x[g](kNotice);
            out.agency_covered[m] += x[g](kCovered);
            out.vacant[m] += x[g](kVacant) + x[g](kAppointed);
        }
    };
    record_stocks(0);
    // Integrate with classical Runge-Kutta in steps of at most a quarter day.
    double t = 0;
    std::size_t next_change = 0;
    std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.day < b.day; });
    for (std::size_t m = 1; m <= M; ++m) {
        const double end = out.calendar.month_end(m);
        while (t < end - 1e-12) {
            while (next_change < changes.size() && changes[next_change].day <= t + 1e-9) {
                const Change& ch = changes[next_change++];
                posts[ch.grade] += ch.fte;
                // New posts ask for cover like any vacancy (at once when there is
                // no delay); removals come off vacancies (a mean-field view).
                const double p_fill = c.agency.effective_fill_probability();
                const bool at_once = c.agency.fill_delay_days <= 0 && ch.fte > 0;
                x[ch.grade](kCovered) += at_once ? ch.fte * p_fill : 0.0;
                x[ch.grade](kVacant) += at_once ? ch.fte * (1 - p_fill) : ch.fte;
            }
            double h = std::min(0.25, end - t);
            if (next_change < changes.size()) h = std::min(h, std::max(1e-9, changes[next_change].day - t));
            for (std::size_t g = 0; g < G; ++g) {
                const auto& A = Q[g];
                const Eigen::Matrix<double, kStates, 1> k1 = A * x[g], k2 = A * (x[g] + h / 2 * k1),
                                                        k3 = A * (x[g] + h / 2 * k2), k4 = A * (x[g] + h * k3);
                const Eigen::Matrix<double, kStates, 1> mid = x[g] + h / 2 * k1;
                // Flows over the step, from the state at its middle (second order, enough for monthly totals).
                const double to_notice_or_vacancy = (A(kNotice, kInPost) + A(kVacant, kInPost) + A(kCovered, kInPost)) * mid(kInPost);
                out.leavers[m] += h * (c.leaving.notice_days > 0 ? A(kVacant, kNotice) * mid(kNotice) + A(kCovered, kNotice) * mid(kNotice)
                                                                : to_notice_or_vacancy);
                out.starters[m] += h * (A(kInPost, kAppointed) * mid(kAppointed) + A(kInPost, kCovered) * mid(kCovered));
                out.spend_permanent[m] += h * (mid(kInPost) + mid(kNotice)) * c.grades[g].annual_cost() / params::kDaysPerYear;
                out.spend_agency[m] += h * mid(kCovered) * c.agency.effective_cost() / params::kDaysPerYear;
                x[g] += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            t += h;
        }
        record_stocks(m);
    }
    return out;
}

}  // namespace wfsim::model
