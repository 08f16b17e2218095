// A scenario's key assumptions in words, read from its resolved YAML:
// establishment, pay, leaving, recruitment, agency, retention, pipelines,
// interventions with dates. Every text is HTML-escaped here.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace wfsim::report {

struct Intervention {
    std::string date;  // ISO
    std::string name;  // as written (not escaped)
    std::string what;  // plain words (not escaped)
};

// The interventions and dated establishment changes, in date order.
std::vector<Intervention> dated_changes(const YAML::Node& scenario);

// HTML: a list of sentences and small tables. `period` (plain text), when given,
// replaces the period read from the scenario (a run shortened with --months).
std::string assumptions_html(const YAML::Node& scenario, const std::string& period = "");

// The keys in which two resolved scenarios differ: key path, base value, alternative value
// ("(not set)" when absent). Plain text (not escaped).
struct Difference {
    std::string key, base, alternative;
};
std::vector<Difference> scenario_differences(const YAML::Node& base, const YAML::Node& alternative);

// A scalar at a dotted path ("agency.cost_per_year"), or "" when absent or not a scalar.
std::string scalar_at(const YAML::Node& scenario, const std::string& path);

// A target's definition from the scenario (by name): "month 24", "by 2016-10-31"... "" if absent.
struct TargetDefinition {
    std::string name, metric, op, value, when;
};
std::vector<TargetDefinition> target_definitions(const YAML::Node& scenario);

}  // namespace wfsim::report
