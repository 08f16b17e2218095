#include "models/expected/projection.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace wfsim::model::expected {

namespace {

constexpr double kTiny = 1e-15;          // parcels smaller than this FTE are dropped
constexpr long kMaxEventsPerStep = 50000000;  // a loop of zero-length events would never end

double per_day(double per_year) { return per_year / params::kDaysPerYear; }

}  // namespace

Rates rates_of(const Config& c, std::size_t g) {
    Rates r;
    // As Simulation::advert_success: appointable, accepting applicants are a
    // thinned Poisson count; the advert succeeds when there is at least one.
    const RecruitmentConfig& rc = c.recruitment;
    const double ratio = c.grades[g].pay_ratio(0);
    const double applicants = rc.applicants[g] * rc.marketing_multiplier * std::pow(ratio, rc.applicant_elasticity);
    double accept = rc.acceptance * std::pow(ratio, rc.acceptance_elasticity);
    accept *= c.retention.hello_acceptance_factor(g, c.grades[g].salary);
    accept = std::min(1.0, accept);
    r.advert_success = 1.0 - std::exp(-applicants * rc.appointable * accept);
    if (c.leaving.pay_elasticity != 0) r.pay_multiplier = std::pow(ratio, c.leaving.pay_elasticity);
    r.fill = c.agency.effective_fill_probability();
    r.requests = c.agency.fill_probability > 0;
    return r;
}

Projection::Projection(const Config& c, std::size_t grade) : c_(&c), g_(grade), r_(rates_of(c, grade)) {}

double Projection::hazard(const Parcel& p, double at) const {
    double rate = c_->leaving.base_rate[g_] * r_.pay_multiplier;
    if (std::isfinite(p.service_start))
        for (const auto& band : c_->leaving.bands)
            if (at - p.service_start < band.under_days) {
                rate *= band.multiplier;
                break;
            }
    return per_day(rate);
}

// As Simulation::start_campaign: an advert nobody can answer is not placed.
void Projection::start_campaign(Parcel& p, double now) {
    if (r_.advert_success <= 0) return;
    p.recruit = Recruit::Advert;
    p.recruit_at = now + c_->recruitment.advert_days;
}

// As Simulation::start_vacancy for a post that has just emptied.
void Projection::start_vacancy(Parcel& p, double now) {
    if (p.cover == Cover::None && r_.requests) {
        p.cover = Cover::Pending;
        p.cover_at = now + c_->agency.fill_delay_days;
    }
    if (p.recruit == Recruit::Incoming) return;
    const RecruitmentConfig& rc = c_->recruitment;
    if (rc.method == RecruitmentConfig::Method::Campaign) {
        if (p.recruit == Recruit::Idle) start_campaign(p, now);
    } else if (rc.method == RecruitmentConfig::Method::FixedDelay) {
        p.recruit = Recruit::Incoming;
        p.recruit_at = now + rc.time_to_fill_days;
    }
}

// A starter (or a converted agency worker) takes the post: any cover ends,
// any campaign and pending request are cancelled (Simulation::add_person).
void Projection::fill(Parcel& p, double now) {
    starters += p.fte;
    p.holder = Holder::InPost;
    p.service_start = c_->leaving.bands.empty() ? -kNever : now;
    p.recruit = Recruit::Idle;
    p.recruit_at = kNever;
    p.cover = Cover::None;
    p.cover_at = kNever;
}

// Moves each parcel on the stack through its events due before `until`,
// splitting it where the simulation draws; the results go to `out`.
void Projection::cascade(double until, std::vector<Parcel>& out) {
    long events = 0;
    while (!stack_.empty()) {
        Parcel p = stack_.back();
        stack_.pop_back();
        for (;;) {
            if (p.fte < kTiny) break;
            if (++events > kMaxEventsPerStep)
                throw std::runtime_error("the projection does not advance: events of zero length follow each other without end");
            const double exit_due = p.holder == Holder::Notice ? p.exit_at : kNever;
            const double recruit = p.recruit == Recruit::Idle ? kNever : p.recruit_at;
            const double cover = p.cover == Cover::Pending ? p.cover_at : kNever;
            const double now = std::min({exit_due, recruit, cover});
            if (!(now < until)) {
                out.push_back(p);
                break;
            }
            p.since = now;
            const RecruitmentConfig& rc = c_->recruitment;
            if (exit_due <= now) {  // Simulation::on_leave_effective
                leavers += p.fte;
                p.holder = Holder::Empty;
                p.exit_at = kNever;
                if (p.to_remove) break;  // the post goes (remove_post)
                start_vacancy(p, now);
            } else if (recruit <= now) {
                if (p.recruit == Recruit::Advert) {  // on_advert_end
                    if (p.to_remove) {
                        p.recruit = Recruit::Idle;
                        continue;
                    }
                    double s = r_.advert_success;
                    // Adverts of no length re-placed at once all end now: one succeeds.
                    if (s > 0 && rc.advert_days + rc.readvertise_days <= 0) s = 1;
                    if (s <= 0) {
                        p.recruit = Recruit::Idle;
                        continue;
                    }
                    if (s < 1) {
                        Parcel failed = p;
                        failed.fte *= 1 - s;
                        failed.recruit = Recruit::Pause;
                        failed.recruit_at = now + rc.readvertise_days;
                        stack_.push_back(failed);
                        p.fte *= s;
                    }
                    p.recruit = Recruit::Incoming;
                    p.recruit_at = now + rc.pre_employment_days;
                } else if (p.recruit == Recruit::Pause) {  // on_advert_start
                    p.recruit = Recruit::Advert;
                    p.recruit_at = now + rc.advert_days;
                } else if (p.holder == Holder::Notice) {  // on_starter_arrive: start the day the leaver goes
                    p.recruit_at = p.exit_at;
                } else if (p.holder == Holder::Empty) {
                    fill(p, now);
                } else {
                    p.recruit = Recruit::Idle;
                }
            } else {  // on_agency_arrive
                p.cover = Cover::None;
                p.cover_at = kNever;
                if (p.holder != Holder::Empty) continue;
                if (r_.fill < 1) {
                    Parcel missed = p;
                    missed.fte *= 1 - r_.fill;
                    stack_.push_back(missed);
                    p.fte *= r_.fill;
                }
                p.cover = Cover::Covered;
            }
        }
    }
}

void Projection::step(double from, double to) {
    std::vector<Parcel> due, next;
    for (Parcel& p : parcels) p.since = from;
    stack_ = std::move(parcels);
    parcels.clear();
    cascade(to, due);
    // Exponential clocks: leaving in post, and the end of an assignment, each
    // taken at the middle of the time the parcel was exposed in this step.
    const AgencyConfig& a = c_->agency;
    const double ends = per_day(a.leaving_rate + a.conversion_rate);
    for (Parcel& p : due) {
        const double start = std::max(from, p.since), span = to - start;
        double rate = 0;
        if (p.holder == Holder::InPost) rate = hazard(p, start + span / 2);
        else if (p.holder == Holder::Empty && p.cover == Cover::Covered) rate = ends;
        if (rate <= 0 || span <= 0) {
            next.push_back(p);
            continue;
        }
        Parcel moved = p;
        moved.fte = p.fte * -std::expm1(-rate * span);
        p.fte -= moved.fte;
        next.push_back(p);
        // At the step's middle (or its end, for a parcel that entered after
        // the middle), so that due times stay on one lattice and parcels merge.
        const double mid = (from + to) / 2, at = start <= mid ? mid : to;
        moved.since = at;
        if (moved.holder == Holder::InPost) {  // Simulation::give_notice
            moved.holder = Holder::Notice;
            moved.exit_at = at + c_->leaving.notice_days;
            moved.service_start = -kNever;
            const RecruitmentConfig& rc = c_->recruitment;
            if (rc.method == RecruitmentConfig::Method::Campaign && rc.start_on_notice &&
                moved.recruit == Recruit::Idle && !moved.to_remove)
                start_campaign(moved, at);
            stack_.push_back(moved);
        } else {  // on_agency_end: a conversion, or cover asked for again
            const double share = a.conversion_rate / (a.leaving_rate + a.conversion_rate);
            if (share > 0 && moved.recruit != Recruit::Incoming && !moved.to_remove) {
                Parcel converted = moved;
                converted.fte *= share;
                moved.fte -= converted.fte;
                fill(converted, at);
                stack_.push_back(converted);
            }
            moved.cover = Cover::None;
            if (r_.requests) {
                moved.cover = Cover::Pending;
                moved.cover_at = at + a.fill_delay_days;
            }
            stack_.push_back(moved);
        }
    }
    cascade(to, next);
    parcels = std::move(next);
    merge(to);
}

void Projection::place(const Parcel& p) {
    if (p.fte < kTiny) return;
    parcels.push_back(p);
    // A starting state spread over many cells merges as it is built.
    if (parcels.size() >= 2 * merged_size_ + 100000) {
        merge(0);
        merged_size_ = parcels.size();
    }
}

void Projection::add_posts(double now, double fte) {
    Parcel p;
    p.fte = fte;
    p.holder = Holder::Empty;
    p.since = now;
    start_vacancy(p, now);
    stack_.push_back(p);
    cascade(now + kSameMoment, parcels);
}

// As Simulation::change_establishment for a cut: vacant posts without cover
// go first, then covered vacant posts; then posts held or with a starter on
// the way are marked to go when they fall vacant. The simulation takes the
// last posts of the team; here each eligible parcel gives the same share.
void Projection::cut_posts(double now, double fte) {
    double remaining = fte;
    for (int pass = 0; pass < 3 && remaining > 1e-12; ++pass) {
        auto eligible = [&](const Parcel& p) {
            if (p.to_remove) return false;
            const bool vacant = p.holder == Holder::Empty && p.recruit != Recruit::Incoming;
            return pass == 2 || (vacant && (pass == 1 || p.cover != Cover::Covered));
        };
        double total = 0;
        for (const Parcel& p : parcels)
            if (eligible(p)) total += p.fte;
        if (total <= 0) continue;
        const double share = std::min(1.0, remaining / total);
        remaining -= share * total;
        std::vector<Parcel> marked;
        for (Parcel& p : parcels) {
            if (!eligible(p)) continue;
            if (pass == 2) {
                Parcel m = p;
                m.fte *= share;
                m.to_remove = true;
                marked.push_back(m);
            }
            p.fte *= 1 - share;
        }
        parcels.insert(parcels.end(), marked.begin(), marked.end());
    }
    merge(now);
}

void Projection::set_config(const Config& c, double now) {
    c_ = &c;
    r_ = rates_of(c, g_);
    // Vacancies without an advert (nobody could answer before) may now have one.
    const RecruitmentConfig& rc = c.recruitment;
    if (rc.method == RecruitmentConfig::Method::Campaign)
        for (Parcel& p : parcels)
            if (p.recruit == Recruit::Idle && !p.to_remove &&
                (p.holder == Holder::Empty || (rc.start_on_notice && p.holder == Holder::Notice)))
                start_campaign(p, now);
    stack_ = std::move(parcels);
    parcels.clear();
    cascade(now + kSameMoment, parcels);
}

// Parcels in the same state with the same due times are one parcel.
void Projection::merge(double now) {
    auto q = [](double t) -> long long {
        if (t == kNever) return 1LL << 62;
        if (t == -kNever) return -(1LL << 62);
        return std::llround(t * 1e6);
    };
    // Service beyond the last band no longer matters.
    double last_band = 0;
    for (const auto& band : c_->leaving.bands) last_band = std::max(last_band, band.under_days);
    struct Key {
        long long a, b, c, d;
        int state;
        bool operator==(const Key& o) const { return a == o.a && b == o.b && c == o.c && d == o.d && state == o.state; }
    };
    struct Hash {
        std::size_t operator()(const Key& k) const {
            std::size_t h = static_cast<std::size_t>(k.state);
            for (long long v : {k.a, k.b, k.c, k.d}) h = h * 1000003u ^ std::hash<long long>()(v);
            return h;
        }
    };
    std::unordered_map<Key, std::size_t, Hash> at;
    at.reserve(parcels.size());
    std::vector<Parcel> out;
    out.reserve(parcels.size());
    for (Parcel& p : parcels) {
        if (p.fte < kTiny) continue;
        if (std::isfinite(p.service_start) && (p.holder != Holder::InPost || now - p.service_start >= last_band))
            p.service_start = -kNever;
        const Key k{q(p.service_start), q(p.exit_at), q(p.recruit_at), q(p.cover_at),
                    static_cast<int>(p.holder) * 64 + static_cast<int>(p.recruit) * 8 + static_cast<int>(p.cover) * 2 +
                        (p.to_remove ? 1 : 0)};
        auto [it, fresh] = at.emplace(k, out.size());
        if (fresh) out.push_back(p);
        else out[it->second].fte += p.fte;
    }
    parcels = std::move(out);
}

double Projection::permanent() const {
    double s = 0;
    for (const Parcel& p : parcels)
        if (p.holder != Holder::Empty) s += p.fte;
    return s;
}

double Projection::covered() const {
    double s = 0;
    for (const Parcel& p : parcels)
        if (p.holder == Holder::Empty && p.cover == Cover::Covered) s += p.fte;
    return s;
}

double Projection::establishment() const {
    double s = 0;
    for (const Parcel& p : parcels) s += p.fte;
    return s;
}

}  // namespace wfsim::model::expected
