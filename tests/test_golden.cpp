// Golden runs (STYLE.md habit 8): a fixed-seed summary of every reference
// scenario, kept under tests/golden/ and diffed here. A difference prints the
// old value, the new one and their ratio. When a change is meant to alter
// results, refresh the files with tools/refresh-golden and say why in the
// commit.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/io/files.h"
#include "helpers.h"
#include "models/output/outputs.h"
#include "models/simulation.h"
#include "models/targets/targets.h"
#include "engine/params/loader.h"

using namespace wfsim;

namespace {

struct Golden {
    const char* scenario;
    std::size_t reps;
};

// Every reference scenario, with enough replications to cover all mechanisms.
const Golden kGolden[] = {
    {"scenarios/default.yaml", 20},
    {"scenarios/checks/renewal.yaml", 2},
    {"scenarios/checks/steady-state.yaml", 20},
    {"scenarios/cambridgeshire/cambridgeshire-2015.yaml", 20},
    {"scenarios/cambridgeshire/reevaluation.yaml", 20},
    {"scenarios/cambridgeshire/recognition.yaml", 20},
    {"scenarios/cambridgeshire/marketing.yaml", 20},
    {"scenarios/cambridgeshire/workforce-development.yaml", 20},
    {"scenarios/cambridgeshire/all-four.yaml", 20},
    {"scenarios/cambridgeshire/every-mechanism.yaml", 20},
    {"scenarios/cambridgeshire/bonus-by-size.yaml", 20},
    {"scenarios/dorset/dorset-2017.yaml", 20},
    {"scenarios/dorset/extra-posts.yaml", 20},
    {"scenarios/dorset/retention-bonus.yaml", 20},
    {"scenarios/dorset/bonus-by-size.yaml", 20},
    {"scenarios/dorset/pipelines.yaml", 20},
    {"scenarios/dorset/plan.yaml", 20},
    {"scenarios/slough/slough-2014.yaml", 20},
    {"scenarios/slough/no-incentives.yaml", 20},
    {"scenarios/slough/more-step-up.yaml", 20},
    {"scenarios/england/england-children-2017.yaml", 2},
    {"scenarios/examples/staff-list.yaml", 10},
    {"scenarios/cambridgeshire-2003/cambridgeshire-2003.yaml", 20},
    {"scenarios/cambridgeshire-2003/work-shadowing.yaml", 20},
    {"scenarios/cambridgeshire-2003/work-shadowing-self-selection.yaml", 20},
    {"scenarios/london/london-2004.yaml", 10},
    {"scenarios/london/mentoring.yaml", 10},
    {"scenarios/london/england-age-profile.yaml", 10},
};

std::string golden_path(const std::string& scenario) {
    std::string name = scenario.substr(std::string("scenarios/").size());
    for (char& c : name)
        if (c == '/') c = '_';
    return test::source_path("tests/golden/" + name.substr(0, name.size() - 5) + ".txt");
}

// name -> value: mean totals (flows) and final-month means (stocks), and
// target probabilities.
std::map<std::string, double> summarise(const std::string& scenario, std::size_t reps) {
    const std::string path = test::source_path(scenario);
    params::Tree tree;
    auto errors = test::load_errors(path, {}, &tree);
    REQUIRE(errors.empty());
    std::vector<model::ReplicationResult> results;
    for (std::size_t i = 0; i < reps; ++i) {
        model::RunOptions o;
        o.seed = 20261124;
        o.replication = i;
        results.push_back(model::Simulation(tree, params::directory_of(path), o).run());
    }
    std::map<std::string, double> out;
    for (int k = 0; k < model::kMetrics; ++k) {
        double s = 0;
        for (double v : model::metric_totals(results, k)) s += v;
        out[std::string(model::is_flow_metric(k) ? "total." : "final.") + model::kMetricNames[k]] = s / static_cast<double>(reps);
    }
    const model::Calendar cal = model::calendar_for(tree, 0);
    std::vector<std::string> warnings;
    const auto targets = model::read_targets(tree, cal, warnings);
    const auto p = model::target_probabilities(targets, results, cal);
    for (std::size_t t = 0; t < targets.size(); ++t) out["target." + targets[t].name] = p[t];
    std::uint64_t events = 0;
    for (const auto& r : results) events += r.events;
    out["events"] = static_cast<double>(events);
    return out;
}

}  // namespace

TEST_CASE("golden summaries of every reference scenario", "[golden]") {
    const bool refresh = std::getenv("WFSIM_REFRESH_GOLDEN") != nullptr;
    for (const auto& g : kGolden) {
        const std::map<std::string, double> now = summarise(g.scenario, g.reps);
        const std::string file = golden_path(g.scenario);
        if (refresh) {
            std::ostringstream out;
            out << "# " << g.scenario << ": " << g.reps << " replications, seed 20261124 (tools/refresh-golden)\n";
            for (const auto& [k, v] : now) out << k << " = " << io::format_value(v) << "\n";
            io::write_file_atomic(file, out.str());
            continue;
        }
        std::ifstream in(file);
        if (!in.good()) FAIL(g.scenario << ": no golden file " << file << "; create it with tools/refresh-golden");
        std::map<std::string, double> old;
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            const auto eq = line.find(" = ");
            old[line.substr(0, eq)] = std::stod(line.substr(eq + 3));
        }
        std::ostringstream diff;
        for (const auto& [k, v] : now) {
            auto it = old.find(k);
            const double was = it == old.end() ? std::nan("") : it->second;
            // Values are stored with 10 significant digits.
            if (it == old.end() || std::fabs(v - was) > 1e-8 * std::max(1.0, std::fabs(was)))
                diff << "  " << k << ": old " << was << ", new " << v << ", ratio " << (was != 0 ? v / was : std::nan("")) << "\n";
        }
        for (const auto& [k, v] : old)
            if (!now.count(k)) diff << "  " << k << ": old " << v << ", now missing\n";
        INFO(g.scenario << " differs from " << file << ":\n" << diff.str()
                        << "If the change is intended, refresh with: tools/refresh-golden");
        CHECK(diff.str().empty());
    }
}
