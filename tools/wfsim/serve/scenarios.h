// wfsim serve: the scenarios it was started with, the levers the page offers,
// and variants of a scenario made of changes {key path: value}, each checked
// by the same loader and schema as the command line (a change is what
// `--set key.path=value` would be), and saved as a short YAML file that
// `extends` the scenario it changes.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/calendar.h"

namespace wfsim::serve {

using json = nlohmann::json;

struct LoadedScenario {
    std::string file;  // as given on the command line
    std::string name;
    params::Tree tree;  // validated, with defaults
};

// A variant: a scenario (the base or an alternative) and changes to it.
struct Variant {
    bool ok = false;
    std::size_t from = 0;  // the scenario it changes (0: the base)
    params::Tree tree;     // validated, when ok
    std::vector<std::string> sets;  // the changes as --set assignments, in order
    json changes = json::object();  // the changes as given, leaves only ({key path: value})
    json field_errors = json::object();  // key path -> the CLI's message
    std::vector<std::string> errors;     // messages not about one field
    std::vector<std::string> warnings;   // the loader's warnings (modelling traps)
};

class Scenarios {
public:
    // Loads the base and alternatives; throws std::runtime_error with the
    // CLI's messages when one is not valid.
    explicit Scenarios(const std::vector<std::string>& files);
    const std::vector<LoadedScenario>& all() const { return scenarios_; }
    const LoadedScenario& base() const { return scenarios_[0]; }

    // GET /api/scenario: assumptions in words, targets, levers, alternatives.
    json describe() const;
    // Builds and validates a variant of scenario `from` from `changes`
    // (a JSON object of key path -> value, nested objects read as paths).
    Variant variant(std::size_t from, const json& changes) const;

    // Writes `v` into `dir` as NAME.yaml (extends its scenario). Returns the
    // path written; throws SaveError with the HTTP status and a message.
    std::string save(const Variant& v, const std::string& name, bool overwrite, const std::string& dir) const;

private:
    std::vector<LoadedScenario> scenarios_;
    json levers(const LoadedScenario& s) const;
};

struct SaveError : std::runtime_error {
    int status;
    SaveError(int s, const std::string& m) : std::runtime_error(m), status(s) {}
};

// Limits of the API's input.
constexpr std::size_t kMaxChanges = 200;
constexpr std::size_t kMaxPathLength = 200;
constexpr std::size_t kMaxValueLength = 4000;

}  // namespace wfsim::serve
