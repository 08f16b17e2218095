#include "models/expected/start.h"

#include <algorithm>
#include <cmath>

namespace wfsim::model::expected {

namespace {

constexpr int kMaxAdverts = 20000;  // as snapshot.cpp
constexpr double kNegligible = 1e-13;

// P(service > s) for a first-day worker: tenure (exponential or uniform on
// twice the mean) capped at (age - 21) years, age from the bands.
double service_survival(const FirstDay& d, double s) {
    double tenure = 0;
    if (d.exponential_tenure) tenure = d.mean_tenure_days > 0 ? std::exp(-s / d.mean_tenure_days) : 0.0;
    else tenure = d.mean_tenure_days > 0 ? std::clamp(1 - s / (2 * d.mean_tenure_days), 0.0, 1.0) : 0.0;
    double old_enough = 0;
    const double need = 21 + s / params::kDaysPerYear;  // age above which the cap exceeds s
    for (std::size_t i = 0; i < d.age_share.size(); ++i) {
        const double lo = d.age_lo[i], hi = d.age_hi[i];
        const double above = hi > lo ? std::clamp((hi - need) / (hi - lo), 0.0, 1.0) : (lo > need ? 1.0 : 0.0);
        old_enough += d.age_share[i] * above;
    }
    return s <= 0 ? 1.0 : tenure * old_enough;
}

// The cover cycle of a vacancy from the day it emptied (snapshot.cpp,
// place_cover): a request `fill_delay` later, found with the fill
// probability; an assignment ends at the agency rate and cover is asked for
// again. Advanced in cells, it gives the cover state at each age.
struct CoverCycle {
    double q, d, end_rate, cell;
    std::vector<std::pair<double, double>> pending;  // (answered at, mass)
    double covered = 0, age = 0;
    CoverCycle(const Config& c, double cell_days)
        : q(c.agency.effective_fill_probability()), d(c.agency.fill_delay_days),
          end_rate((c.agency.leaving_rate + c.agency.conversion_rate) / params::kDaysPerYear), cell(cell_days) {
        pending.push_back({d, 1.0});
    }
    void advance(double to) {
        if (to > age && covered > 0 && end_rate > 0) {
            const double ended = covered * -std::expm1(-end_rate * (to - age));
            covered -= ended;
            pending.push_back({(age + to) / 2 + d, ended});
        }
        age = std::max(age, to);
        std::vector<std::pair<double, double>> left;
        for (const auto& [at, m] : pending) {
            if (at > age) left.push_back({at, m});
            else covered += q * m;  // the rest found nobody
        }
        pending = std::move(left);
    }
};

// A first-day parcel of vacancy `base` (recruitment already set) with its
// cover: by the stated share, or as the cover cycle gives at its age.
void place_with_cover(Projection& proj, const Config& c, Parcel base, const FirstDay& d, const CoverCycle* cycle) {
    const double fte = base.fte;
    if (c.agency.fill_probability <= 0) {
        proj.place(base);
        return;
    }
    if (d.cover_share >= 0 || !cycle) {
        const double share = d.cover_share >= 0 ? d.cover_share : c.agency.effective_fill_probability();
        Parcel covered = base;
        covered.fte = fte * share;
        covered.cover = Cover::Covered;
        proj.place(covered);
        base.fte = fte * (1 - share);
        proj.place(base);
        return;
    }
    double accounted = 0;
    for (const auto& [at, m] : cycle->pending) {
        Parcel p = base;
        p.fte = fte * m;
        p.cover = Cover::Pending;
        p.cover_at = at - cycle->age;
        proj.place(p);
        accounted += m;
    }
    Parcel covered = base;
    covered.fte = fte * cycle->covered;
    covered.cover = Cover::Covered;
    proj.place(covered);
    accounted += cycle->covered;
    base.fte = fte * std::max(0.0, 1 - accounted);
    proj.place(base);
}

double campaign_length(const RecruitmentConfig& rc, int adverts, bool with_pre_employment) {
    return (adverts - 1) * (rc.advert_days + rc.readvertise_days) + rc.advert_days +
           (with_pre_employment ? rc.pre_employment_days : 0.0);
}

// snapshot.cpp, place_campaign: the state of a campaign begun `elapsed` days
// ago; with `adverts` > 0 the one that succeeds is known, else each advert
// succeeds with probability s. Calls put(parcel) for each outcome.
template <class Put>
void place_campaign(const Config& c, double s, Parcel base, double elapsed, int adverts, Put put) {
    const RecruitmentConfig& rc = c.recruitment;
    double advert_start = 0, mass = base.fte;
    for (int k = 1; k <= kMaxAdverts && mass > kNegligible * base.fte; ++k) {
        const double advert_end = advert_start + rc.advert_days;
        Parcel p = base;
        if (elapsed < advert_end) {
            p.fte = mass;
            p.recruit = Recruit::Advert;
            p.recruit_at = advert_end - elapsed;
            put(p);
            return;
        }
        const double success = adverts > 0 ? (k >= adverts ? 1.0 : 0.0) : s;
        if (success > 0) {
            p.fte = mass * success;
            p.recruit = Recruit::Incoming;
            p.recruit_at = std::max(0.0, advert_end + rc.pre_employment_days - elapsed);
            put(p);
            mass *= 1 - success;
            if (mass <= 0) return;
        }
        if (elapsed < advert_end + rc.readvertise_days) {
            p.fte = mass;
            p.recruit = Recruit::Pause;
            p.recruit_at = advert_end + rc.readvertise_days - elapsed;
            put(p);
            return;
        }
        advert_start = advert_end + rc.readvertise_days;
    }
}

// The hazard a first-day worker of this service has the day after the start.
double start_hazard(const Config& c, std::size_t g, const Rates& r, double service) {
    double rate = c.leaving.base_rate[g] * r.pay_multiplier;
    if (service >= 0)
        for (const auto& band : c.leaving.bands)
            if (service + kSameMoment < band.under_days) {
                rate *= band.multiplier;
                break;
            }
    return rate / params::kDaysPerYear;
}

void place_holders(Projection& proj, const Config& c, std::size_t g, const FirstDay& d, double cell) {
    const double holders = d.posts - d.vacant;
    if (holders <= 0) return;
    const Rates r = rates_of(c, g);
    const double N = c.leaving.notice_days;
    double last_band = 0;
    for (const auto& band : c.leaving.bands) last_band = std::max(last_band, band.under_days);
    // Cells of service (only where a band makes service matter), each with the
    // hazard in force the day after the start and so its steady-state share on notice.
    struct Cell { double fte, service; };
    std::vector<Cell> cells;
    if (last_band > 0) {
        double prev = 1;
        for (double s = 0; s < last_band; s += cell) {
            const double next = service_survival(d, std::min(last_band, s + cell));
            cells.push_back({holders * (prev - next), std::min(s + cell / 2, last_band)});
            prev = next;
        }
        cells.push_back({holders * prev, -1});  // beyond the bands
    } else {
        cells.push_back({holders, -1});
    }
    double notice = 0;
    const bool stated = d.on_notice >= 0;
    const double stated_share = stated ? std::min(1.0, d.on_notice / holders) : 0.0;
    for (const Cell& k : cells) {
        Parcel p;
        p.fte = k.fte;
        p.holder = Holder::InPost;
        p.service_start = k.service >= 0 ? -k.service : -kNever;
        double share = stated_share;
        if (!stated && d.running && N > 0) {
            const double h = start_hazard(c, g, r, k.service);
            share = h * N / (1 + h * N);
        }
        if (!d.running) share = 0;
        notice += p.fte * share;
        p.fte *= 1 - share;
        proj.place(p);
    }
    if (notice <= 0 || N <= 0) return;
    // Notice left uniform on (0, N); with start_on_notice the campaign began with the notice.
    const RecruitmentConfig& rc = c.recruitment;
    const bool campaign = rc.method == RecruitmentConfig::Method::Campaign && rc.start_on_notice && r.advert_success > 0;
    const int n = std::max(1, static_cast<int>(std::ceil(N / cell)));
    for (int i = 0; i < n; ++i) {
        Parcel p;
        p.fte = notice / n;
        p.holder = Holder::Notice;
        const double left = (i + 0.5) * N / n;
        p.exit_at = left;
        if (campaign) place_campaign(c, r.advert_success, p, N - left, 0, [&](const Parcel& q) { proj.place(q); });
        else proj.place(p);
    }
}

}  // namespace

void place_first_day(Projection& proj, const Config& c, std::size_t g, const FirstDay& d, double cell) {
    place_holders(proj, c, g, d, cell);
    if (d.vacant <= 0) return;
    const RecruitmentConfig& rc = c.recruitment;
    const Rates r = rates_of(c, g);
    Parcel vacancy;
    vacancy.holder = Holder::Empty;
    vacancy.fte = d.vacant;
    if (!d.running) {
        // A service opening on the start date: first-day cover by the share,
        // every vacancy advertised on the first day (or its starter due
        // uniformly within one time to fill); no request for the uncovered.
        auto put = [&](Parcel p) {
            if (c.agency.fill_probability > 0) {
                const double share = d.cover_share >= 0 ? d.cover_share : r.fill;
                Parcel covered = p;
                covered.fte *= share;
                covered.cover = Cover::Covered;
                proj.place(covered);
                p.fte *= 1 - share;
            }
            proj.place(p);
        };
        if (rc.method == RecruitmentConfig::Method::Campaign && r.advert_success > 0) {
            vacancy.recruit = Recruit::Advert;
            vacancy.recruit_at = rc.advert_days;
            put(vacancy);
        } else if (rc.method == RecruitmentConfig::Method::FixedDelay) {
            const int n = std::max(1, static_cast<int>(std::ceil(rc.time_to_fill_days / cell)));
            for (int i = 0; i < n; ++i) {
                Parcel p = vacancy;
                p.fte = d.vacant / n;
                p.recruit = Recruit::Incoming;
                p.recruit_at = (i + 0.5) * rc.time_to_fill_days / n;
                put(p);
            }
        } else {
            put(vacancy);
        }
        return;
    }
    const double head = rc.method == RecruitmentConfig::Method::Campaign && rc.start_on_notice ? c.leaving.notice_days : 0.0;
    if (rc.method == RecruitmentConfig::Method::Campaign && r.advert_success > 0) {
        // Adverts K weighted by P(K) x the time the post stands vacant, and the
        // vacancy's age uniform within that time (snapshot.cpp).
        const double s = r.advert_success;
        std::vector<double> weight, length;
        double total = 0, fail_k = 1;
        for (int k = 1; k <= kMaxAdverts; ++k) {
            const double L = campaign_length(rc, k, true);
            weight.push_back(fail_k * s * std::max(0.0, L - head));
            length.push_back(L - head);
            total += weight.back();
            fail_k *= 1 - s;
            if (fail_k < 1e-12 && L > head) break;
        }
        if (total > 0) {
            double longest = 0;
            for (std::size_t k = 0; k < weight.size(); ++k)
                if (weight[k] > 0) longest = std::max(longest, length[k]);
            CoverCycle cycle(c, cell);
            std::vector<Parcel> cell_parcels;  // this cell's recruitment states, summed over K
            for (double a0 = 0; a0 < longest; a0 += cell) {
                cell_parcels.clear();
                auto add = [&](const Parcel& q) {
                    for (Parcel& x : cell_parcels)
                        if (x.recruit == q.recruit && std::fabs(x.recruit_at - q.recruit_at) < 1e-9) {
                            x.fte += q.fte;
                            return;
                        }
                    cell_parcels.push_back(q);
                };
                // Each K's share of this cell of ages, at the middle of the part
                // of the cell it covers. With the successful advert K known,
                // the campaign at `elapsed` is (snapshot.cpp, place_campaign):
                // appointed once advert K has ended, else advert j + 1 running
                // or the pause after it, the same for every K still advertising.
                const double U = rc.advert_days + rc.readvertise_days;
                for (std::size_t k = 0; k < weight.size(); ++k) {
                    if (weight[k] <= 0 || length[k] <= a0) continue;
                    const double a1 = std::min(a0 + cell, length[k]), age = (a0 + a1) / 2, elapsed = head + age;
                    Parcel p = vacancy;
                    p.fte = d.vacant * weight[k] / total * (a1 - a0) / length[k];
                    const double last_end = static_cast<double>(k) * U + rc.advert_days;
                    if (elapsed >= last_end) {
                        p.recruit = Recruit::Incoming;
                        p.recruit_at = std::max(0.0, last_end + rc.pre_employment_days - elapsed);
                    } else {
                        const double j = U > 0 ? std::floor(elapsed / U) : 0.0, into = elapsed - j * U;
                        p.recruit = into < rc.advert_days ? Recruit::Advert : Recruit::Pause;
                        p.recruit_at = (into < rc.advert_days ? j * U + rc.advert_days : (j + 1) * U) - elapsed;
                    }
                    add(p);
                }
                // The cover state depends on the age alone: taken at the cell's middle.
                cycle.advance(std::min(a0 + cell / 2, longest));
                for (const Parcel& q : cell_parcels) place_with_cover(proj, c, q, d, &cycle);
            }
            return;
        }
    } else if (rc.method == RecruitmentConfig::Method::FixedDelay) {
        // Every vacancy lasts exactly the time to fill: its age is uniform within it.
        const double T = rc.time_to_fill_days;
        const int n = std::max(1, static_cast<int>(std::ceil(T / cell)));
        CoverCycle cycle(c, cell);
        for (int i = 0; i < n; ++i) {
            const double age = (i + 0.5) * T / n;
            cycle.advance(age);
            Parcel p = vacancy;
            p.fte = d.vacant / n;
            p.recruit = Recruit::Incoming;
            p.recruit_at = T - age;
            place_with_cover(proj, c, p, d, &cycle);
        }
        return;
    }
    // Nobody recruiting: cover by the share, and an advert if one can succeed.
    if (rc.method == RecruitmentConfig::Method::Campaign && r.advert_success > 0) {
        vacancy.recruit = Recruit::Advert;
        vacancy.recruit_at = rc.advert_days;
    }
    place_with_cover(proj, c, vacancy, d, nullptr);
}

}  // namespace wfsim::model::expected
