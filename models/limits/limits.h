// The limits on a scenario's size (issue 14, point 2): every input that
// drives a run's memory or time is bounded before the work starts, so that no
// accepted run needs more than a few GB of memory, and the national benchmark
// (1.5 million posts, `wfsim bench --large --case national`) stays accepted.
//
// Each limit is checked by the schema (models/limits/keys.cpp, and the keys'
// own ranges) with a located message naming the key and the limit; what a
// whole batch needs (threads x one replication, the stored results) is
// estimated by models/limits/footprint.h before it starts. README, "Limits",
// lists them for users.
#pragma once
#include <cstddef>

#include "engine/params/tree.h"

namespace wfsim::model::limits {

// Posts: about 600 bytes each in a replication (BENCHMARKS.md: 582 bytes a
// post for the national case), so 3,000,000 posts are under 2 GB a thread.
// The establishment's keys hold these (models/establishment/keys.cpp).
constexpr double kMaxPostsInCell = 2e6, kMaxPosts = 3e6;

// Names. Every metric is kept by grade and by team for every month
// (models/metrics/breakdown.h), so a replication's results grow with
// grades + teams (19 staffing series a grade, 20 a team): 100 grades and
// 10,000 teams over 1,200 months are about 2 GB of results a replication, so
// the limits alone do not keep a run small; the footprint check
// (footprint.h) refuses what would not fit in memory. England has 152 councils: 10,000
// teams is room for every council's teams.
constexpr std::size_t kMaxGrades = 100;
constexpr std::size_t kMaxTeams = 10000;

// Lists. Each item is looked at for every person it could apply to, or is a
// column of every replication's results (targets), so their lengths multiply
// a run's time; these are far beyond any council's plans.
constexpr std::size_t kMaxPipelines = 1000;
constexpr std::size_t kMaxCohorts = 10000;      // initial_staff.cohorts
constexpr std::size_t kMaxChanges = 10000;      // establishment.changes
constexpr std::size_t kMaxBonuses = 100;        // retention.bonuses: checked at every leaving hazard
constexpr std::size_t kMaxProgression = 1000;   // progression rules
constexpr std::size_t kMaxTargets = 1000;       // two columns each in every replication's results
constexpr std::size_t kMaxServiceBands = 100;   // leaving.by_service
constexpr std::size_t kMaxBudgetYears = 200;    // budget.<year>

// Trainees over the horizon, all pipelines together: each joiner is a person
// of the replication and each intake a search for vacant posts, so they are
// held to the posts' limit.
constexpr double kMaxTraineesOverHorizon = 3e6;

// People in a staff list: one row each, held to the posts' limit (a row is at
// most 1 FTE and at least one person).
constexpr std::size_t kMaxStaffListRows = 3000000;

// The horizon: 100 years (1,200 months), which --months also takes; a longer
// one is no projection a council would act on.
constexpr int kMaxMonths = 1200;

// Command-line counts: replications of one batch (a run of 100 million
// council replications takes days, and their results spill to $TMPDIR),
// threads (far more than any machine's cores), sweep grid points.
constexpr long long kMaxReplications = 100000000;
constexpr long long kMaxThreads = 4096;
constexpr long long kMaxSeed = 9007199254740991LL;  // 2^53 - 1: read back exactly as a YAML number

// Memory a batch may need, by the estimate of footprint.h: a few GB, so a
// run never ends in std::bad_alloc after gigabytes. WFSIM_MEMORY_LIMIT_MB
// sets another (README, "Limits"); it is also held under the machine's
// physical memory.
constexpr std::size_t kDefaultMemoryLimitMiB = 16384;

// Trainees of every pipeline whose intakes fall before day `end_day` (days
// from the civil epoch), counted from above (models/limits/keys.cpp).
double trainees_before(const params::Tree& root, long end_day);

}  // namespace wfsim::model::limits
