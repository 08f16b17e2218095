// Settings read once per batch (models/prepared.h): a replication run from
// them is the replication run from the scenario tree, whether they are
// shared (no uncertain values) or each replication reads its own.
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "helpers.h"
#include "models/prepared.h"
#include "models/simulation.h"

using namespace wfsim;

namespace {

bool same(const model::ReplicationResult& a, const model::ReplicationResult& b) {
    return test::same_monthly(a, b) && a.financial_years == b.financial_years && a.events == b.events;
}

void check_prepared_matches_tree(const std::vector<std::string>& sets, bool shared, std::size_t steps) {
    const std::string path = test::source_path("scenarios/cambridgeshire/all-four.yaml");
    params::Tree tree;
    REQUIRE(test::load_errors(path, sets, &tree).empty());
    const std::string dir = params::directory_of(path);
    const model::PreparedScenario prepared(tree, dir, 24);
    CHECK(prepared.shared() == shared);
    // The interventions within 24 months, each read once for every replication.
    if (shared) {
        for (std::size_t k = 1; k <= steps; ++k) CHECK(prepared.step(k, k - 1) != nullptr);
        CHECK(prepared.step(steps + 1, steps) == nullptr);
    }
    for (std::uint64_t rep : {0u, 1u, 2u}) {  // the same shared settings serve one replication after another
        model::RunOptions o;
        o.seed = 3;
        o.replication = rep;
        o.months = 24;
        o.check_invariants = true;
        CHECK(same(model::Simulation(prepared, o).run(), model::Simulation(tree, dir, o).run()));
    }
}

}  // namespace

TEST_CASE("a replication from settings read once per batch equals one from the tree", "[prepared]") {
    check_prepared_matches_tree({}, true, 3);
    check_prepared_matches_tree({"leaving.base_rate.sw={dist: uniform, min: 0.1, max: 0.5}"}, false, 0);
}

TEST_CASE("settings prepared for another horizon are refused", "[prepared]") {
    params::Tree tree;
    REQUIRE(test::load_errors(test::source_path("scenarios/default.yaml"), {}, &tree).empty());
    const model::PreparedScenario prepared(tree, test::source_path("scenarios/"), 12);
    model::RunOptions o;
    o.months = 24;
    CHECK_THROWS_AS(model::Simulation(prepared, o), std::invalid_argument);
}

TEST_CASE("the settings of many interventions take memory in proportion to their number", "[prepared]") {
    // 5,000 dated changes on a small scenario. When each kept a whole tree
    // (which holds the list itself), memory went with the square of the
    // number: 2,000 interventions took 4.2 GB, and these 5,000 would take
    // about 26 GB. One Config each is about 10 KB.
    std::string yaml = test::minimal_scenario() + "horizon: 10 years\ninterventions:\n";
    yaml.replace(yaml.find("horizon: 12 months\n"), 19, "");
    for (int i = 0; i < 5000; ++i)
        yaml += "  - {at: 2016-05-01, set: {recruitment.marketing_multiplier: " + std::to_string(1 + i % 10) + "}}\n";
    const params::Tree tree = test::simulate_tree(yaml);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const model::PreparedScenario prepared(tree, "", 0);
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    REQUIRE(prepared.shared());
    CHECK(prepared.step(5000, 4999) != nullptr);
    const double grown_mb = static_cast<double>(after.ru_maxrss - before.ru_maxrss) / 1024.0;  // ru_maxrss is in KB
    CHECK(grown_mb < 500);
    // A replication that leaves the shared path rebuilds the tree it needs.
    const params::Tree rebuilt = prepared.tree_after(5000);
    CHECK(params::Params(&rebuilt, "").number("recruitment.marketing_multiplier") == 1 + 4999 % 10);
}
