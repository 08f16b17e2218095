// The posts of one grade as parcels of probability mass, advanced through
// the simulation's own rules (models/leaving, recruitment, agency,
// establishment) in small time steps. Every rule is applied to mass instead
// of to a drawn person: a Bernoulli draw splits a parcel in two, a fixed
// delay is a due time carried by the parcel, an exponential clock moves the
// share 1 - exp(-rate x time) of a parcel per step.
#pragma once
#include <vector>

#include "models/config.h"
#include "models/expected/parcel.h"

namespace wfsim::model::expected {

// The simulation's rates for one grade under one set of settings.
struct Rates {
    double advert_success = 0;   // Simulation::advert_success
    double pay_multiplier = 1;   // on the leaving hazard
    double fill = 0;             // agency fill probability per request, after cap and experience rules
    bool requests = false;       // cover is asked for at all (agency.fill_probability > 0)
};
Rates rates_of(const Config& c, std::size_t grade);

class Projection {
public:
    Projection(const Config& c, std::size_t grade);
    // New settings from a dated intervention (the simulation's apply_config_change).
    void set_config(const Config& c, double now);
    void step(double from, double to);
    void add_posts(double now, double fte);
    void cut_posts(double now, double fte);

    std::vector<Parcel> parcels;
    double starters = 0, leavers = 0;  // since the caller last reset them

    double permanent() const;
    double covered() const;
    double establishment() const;
    // A parcel of the starting state (its events due on day 0 happen in the first step).
    void place(const Parcel& p);

private:
    const Config* c_;
    std::size_t g_;
    Rates r_;
    std::vector<Parcel> stack_;
    std::size_t merged_size_ = 0;

    double hazard(const Parcel& p, double at) const;  // per day
    void cascade(double until, std::vector<Parcel>& out);
    void start_vacancy(Parcel& p, double now);
    void start_campaign(Parcel& p, double now);
    void fill(Parcel& p, double now);
    void merge(double now);
};

}  // namespace wfsim::model::expected
