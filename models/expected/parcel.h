// The expected-value view follows probability mass, not people: a parcel is
// an amount of FTE (of one grade) whose every post is in the same state with
// the same scheduled times. Fixed delays (notice, adverts, re-advertising,
// pre-employment, agency fill delay, time to fill) are kept as the time each
// parcel's next event falls due, so they are exact delays, not rates; the
// only approximation is that exponential events (leaving, assignment ends)
// are taken at the middle of each small time step.
#pragma once
#include <cstdint>

#include "models/config.h"

namespace wfsim::model::expected {

enum class Holder : std::uint8_t { InPost, Notice, Empty };
// What the post's recruitment is doing (the simulation's post.campaign is
// Advert or Pause; post.incoming is Incoming).
enum class Recruit : std::uint8_t { Idle, Advert, Pause, Incoming };
// Agency cover of an empty post. None is also a request that found nobody:
// both wait for the post's next vacancy.
enum class Cover : std::uint8_t { None, Pending, Covered };

struct Parcel {
    double fte = 0;
    Holder holder = Holder::InPost;
    Recruit recruit = Recruit::Idle;
    Cover cover = Cover::None;
    bool to_remove = false;           // an establishment cut waiting for the post to fall vacant
    double service_start = -kNever;   // in post, when leaving depends on service; else -kNever
    double exit_at = kNever;          // on notice: the day the post empties
    double recruit_at = kNever;       // advert end, pause end or starter's arrival
    double cover_at = kNever;         // a pending agency request is answered
    double since = 0;                 // exponential clocks run from here in the current step
};

}  // namespace wfsim::model::expected
