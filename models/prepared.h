// A scenario's settings read once for a whole batch and shared, read-only, by
// every replication and every thread of it. Reading the settings is string
// look-ups through the scenario tree; done by each replication, and again
// after each of its interventions, it was a sixth of a council run.
//
// Sharing is exact. Without uncertain values every replication starts from
// the same tree and meets the same interventions in the same order (they are
// dated; ties go in the order of the file, as the kernel's sequence numbers
// run), so the tree and settings in force after each intervention are the
// same for all. A scenario with uncertain values is not shared: each
// replication samples and reads its own (Simulation).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/calendar.h"
#include "models/config.h"

namespace wfsim::model {

// What a replication does to its copy of the scenario, once its uncertain
// values are sampled: read the settings, write each grade's market comparator
// into the tree (see prepared.cpp) and cut the horizon to `months` when > 0.
Config settings_of(params::Tree& tree, int months);

// What intervention `index` does to the tree: its `set` values and pay uplifts.
void change_tree(params::Tree& tree, std::uint64_t index);

// The settings re-read after a change, keeping the run's horizon.
Config reread_settings(const params::Tree& tree, const Config& before);

class PreparedScenario {
public:
    // `scenario` is a validated tree; months > 0 overrides its horizon.
    PreparedScenario(const params::Tree& scenario, std::string scenario_dir, int months);

    const params::Tree& scenario() const { return scenario_; }  // as given
    const std::string& scenario_dir() const { return scenario_dir_; }
    int months() const { return months_; }
    const Calendar& calendar() const { return calendar_; }

    // False when the scenario has uncertain values: then each replication
    // reads its own settings, and tree() and config() must not be used.
    bool shared() const { return shared_; }
    const params::Tree& tree() const { return start_tree_; }  // before any intervention
    const Config& config() const { return steps_.front().config; }

    // The settings after each intervention. Only the settings are kept, not
    // the tree they were read from: the tree holds the list of interventions
    // itself, so a tree per intervention made memory grow with the square of
    // their number (2,000 interventions took 3.9 GB).
    struct Step {
        std::uint64_t intervention = 0;  // its index in the scenario's list
        Config config;                   // after it
    };
    // The k-th intervention in order of time (k from 1), if it is `intervention`; else null.
    const Step* step(std::size_t k, std::uint64_t intervention) const {
        return shared_ && k < steps_.size() && steps_[k].intervention == intervention ? &steps_[k] : nullptr;
    }
    // The tree after the first k interventions in order of time, rebuilt
    // from the start (for a replication that leaves the shared path).
    params::Tree tree_after(std::size_t k) const;

private:
    params::Tree scenario_;
    std::string scenario_dir_;
    int months_ = 0;
    bool shared_ = false;
    Calendar calendar_;
    params::Tree start_tree_;  // the shared tree at the start; interventions never change its lists
    std::vector<Step> steps_;  // [0]: the start; then one per intervention within the horizon
};

}  // namespace wfsim::model
