// Agency cover: a vacant post is covered with some probability after a delay,
// within the agency market's supply; agency workers end assignments and may
// convert to permanent.
#include <algorithm>
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

AgencyConfig read_agency(const params::Params& p) {
    AgencyConfig c;
    c.fill_probability = p.number("fill_probability");
    c.fill_delay_days = p.days("fill_delay");
    c.cost_per_year = p.has("day_rate") ? p.money("day_rate") * p.number("days_per_year") : p.money("cost_per_year");
    c.leaving_rate = p.number("leaving_rate");
    c.conversion_rate = p.number("conversion_rate");
    c.supply_limit = p.has("supply_limit") ? p.number("supply_limit") : kNever;
    c.queue_when_full = p.str("when_full") == "queue";
    c.from_leavers = p.flag("from_leavers");
    c.cooling_off_days = p.days("cooling_off");
    c.price_cap = p.has("price_cap") ? p.money("price_cap") : kNever;
    c.cap_elasticity = p.number("cap_fill_elasticity");
    c.min_experience_days = p.days("min_experience");
    c.experienced_share = p.number("experienced_share");
    c.cover_absence = p.number("cover_absence");
    c.cover_other = p.number("cover_other");
    return c;
}

double AgencyConfig::effective_cost() const { return std::min(cost_per_year, price_cap); }

double AgencyConfig::effective_fill_probability() const {
    double p = fill_probability;
    if (price_cap < cost_per_year && cost_per_year > 0) p *= std::pow(price_cap / cost_per_year, cap_elasticity);
    if (min_experience_days > 0) p *= experienced_share;
    return std::clamp(p, 0.0, 1.0);
}

void Simulation::request_cover(std::int32_t id, double delay) {
    if (cfg_->agency.fill_probability <= 0) return;
    kernel_.schedule(now() + delay, kind_.agency_arrive, post_payload(id));
}

// Cover that arrives for a post filled, covered, removed or already waiting
// for supply since it was asked for is stale.
bool Simulation::agency_arrive_live(std::uint64_t payload) const {
    const Post& post = posts_[static_cast<std::size_t>(payload & 0xffffffffu)];
    return post.version == static_cast<std::uint32_t>(payload >> 32) && post.holder == kNone &&
           post.agency == kNone && !post.removed && !post.queued;
}

void Simulation::on_agency_arrive(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    if (!streams_[kStreamAgency].bernoulli(agency_now_.effective_fill_probability())) return;
    cover_or_queue(id);
}

void Simulation::cover_or_queue(std::int32_t id) {
    Post& post = posts_[static_cast<std::size_t>(id)];
    if (agency_supply_free() >= post.fte - 1e-9) {
        start_agency(id);
    } else if (cfg_->agency.queue_when_full) {
        post.queued = true;
        agency_queue_.push_back(id);
    }
}

void Simulation::start_agency(std::int32_t id) {
    Post& post = posts_[static_cast<std::size_t>(id)];
    std::int32_t w = kNone;
    if (!free_agency_slots_.empty()) {
        w = free_agency_slots_.back();
        free_agency_slots_.pop_back();
    } else {
        w = static_cast<std::int32_t>(agency_workers_.size());
        agency_workers_.emplace_back();
    }
    AgencyWorker& a = agency_workers_[static_cast<std::size_t>(w)];
    a.post = id;
    a.start = now();
    a.active = true;
    ++a.version;
    post.agency = w;
    post.queued = false;
    agency_in_use_ += post.fte;
    costs_dirty_ = true;
    teams_[static_cast<std::size_t>(post.team)].agency += post.fte;
    cell(post.team, post.grade).agency += post.fte;
    update_absence_cover(static_cast<std::size_t>(post.team));
    const double rate = (cfg_->agency.leaving_rate + cfg_->agency.conversion_rate) / params::kDaysPerYear;
    if (rate > 0) {
        const double t = now() + streams_[kStreamAgencyWorkers].exponential(rate);
        if (t < cfg_->horizon_days)
            kernel_.schedule(t, kind_.agency_end, static_cast<std::uint64_t>(w) | (std::uint64_t(a.version) << 32));
    }
}

void Simulation::end_agency(std::int32_t id) {
    Post& post = posts_[static_cast<std::size_t>(id)];
    AgencyWorker& a = agency_workers_[static_cast<std::size_t>(post.agency)];
    free_agency_slots_.push_back(post.agency);
    a.active = false;
    a.post = kNone;
    ++a.version;
    post.agency = kNone;
    agency_in_use_ -= post.fte;
    costs_dirty_ = true;
    teams_[static_cast<std::size_t>(post.team)].agency -= post.fte;
    cell(post.team, post.grade).agency -= post.fte;
    update_absence_cover(static_cast<std::size_t>(post.team));
    serve_agency_queue();
}

bool Simulation::agency_end_live(std::uint64_t payload) const {
    const AgencyWorker& a = agency_workers_[static_cast<std::size_t>(payload & 0xffffffffu)];
    return a.active && a.version == static_cast<std::uint32_t>(payload >> 32);
}

void Simulation::on_agency_end(std::uint64_t payload) {
    const auto w = static_cast<std::int32_t>(payload & 0xffffffffu);
    AgencyWorker& a = agency_workers_[static_cast<std::size_t>(w)];
    const std::int32_t post_id = a.post;
    const AgencyConfig& c = cfg_->agency;
    const bool convert = streams_[kStreamAgencyWorkers].uniform() * (c.leaving_rate + c.conversion_rate) < c.conversion_rate;
    Post& post = posts_[static_cast<std::size_t>(post_id)];
    if (convert && !post.incoming && !post.to_remove) {
        // The agency worker takes the post permanently.
        end_agency(post_id);
        const std::int32_t person = add_person(post_id, post.grade, now(), 0, Route::Conversion);
        people_[static_cast<std::size_t>(person)].birth = now() - draw_age(streams_[kStreamStarters]) * params::kDaysPerYear;
        settle_starter(person);
        return;
    }
    // The assignment ends: the post is covered again the usual way.
    end_agency(post_id);
    if (!post.removed && post.holder == kNone) request_cover(post_id, c.fill_delay_days);
}

void Simulation::on_supply_add(std::uint64_t payload) {
    supply_added_ += static_cast<double>(payload) / 1e6;
    supply_limit_ = cfg_->agency.supply_limit + supply_added_;
    serve_agency_queue();
}

void Simulation::serve_agency_queue() {
    while (agency_queue_head_ < agency_queue_.size()) {
        const std::int32_t id = agency_queue_[agency_queue_head_];
        Post& post = posts_[static_cast<std::size_t>(id)];
        if (!post.queued || post.holder != kNone || post.removed || post.agency != kNone) {
            post.queued = false;
            ++agency_queue_head_;
            continue;
        }
        if (agency_supply_free() < post.fte - 1e-9) break;
        ++agency_queue_head_;
        start_agency(id);
    }
    if (agency_queue_head_ > 1024 && agency_queue_head_ * 2 > agency_queue_.size()) {
        agency_queue_.erase(agency_queue_.begin(), agency_queue_.begin() + static_cast<std::ptrdiff_t>(agency_queue_head_));
        agency_queue_head_ = 0;
    }
}

}  // namespace wfsim::model
