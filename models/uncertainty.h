// Parameter uncertainty: values written as distributions are drawn once per
// replication, from the replication's own parameter stream.
#pragma once
#include "engine/params/tree.h"
#include "engine/sim/random.h"

namespace wfsim::model {

// Replaces every {dist: ...} value in `root` by a draw; returns how many.
int sample_uncertain(params::Tree& root, engine::Stream& stream);

}  // namespace wfsim::model
