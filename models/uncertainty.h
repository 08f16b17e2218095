// Parameter uncertainty: values written as distributions are drawn once per
// replication, from the replication's own parameter stream.
#pragma once
#include "engine/params/tree.h"
#include "engine/sim/random.h"

namespace wfsim::model {

// Replaces every {dist: ...} value in `root` by a draw; returns how many.
// Each key draws from its own stream, derived from (seed, replication, key
// path), so adding or removing one uncertain key leaves the others' draws as
// they were (common random numbers across compared scenarios).
int sample_uncertain(params::Tree& root, std::uint64_t seed, std::uint64_t replication);

}  // namespace wfsim::model
