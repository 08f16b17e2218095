// wfsim bench: speed and memory on the cases BENCHMARKS.md records. Timing
// lives here, never in the tests.
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/sim/batch.h"
#include "models/simulation.h"
#include "plain_renewal.h"
#include "resources.h"

namespace wfsim::cli {

namespace {

using Clock = std::chrono::steady_clock;

double peak_mib() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

struct Timing {
    double seconds = 0;
    std::uint64_t events = 0;
};

Timing run_batch_timed(const params::Tree& tree, const std::string& dir, std::size_t reps, unsigned threads, int months) {
    // As every batch command: refused before it starts if it would not fit (results are dropped, none stored).
    plan_batch("bench", model::footprint(tree, months, model::Breakdown()), {threads, reps, 0, 0});
    Timing t;
    const auto t0 = Clock::now();
    const model::PreparedScenario prepared(tree, dir, months);  // as batch_runner.cpp: once per batch
    // Results are handed over in order and dropped, as a batch reduces them
    // (so the peak memory is the simulations', not a store of results).
    engine::run_batch_in_order<model::ReplicationResult>(
        reps, threads,
        [&](std::size_t i) {
            model::RunOptions o;
            o.seed = 1;
            o.replication = i;
            o.months = months;
            return model::Simulation(prepared, o).run();
        },
        [&](std::size_t, model::ReplicationResult&& r) { t.events += r.events; });
    t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return t;
}

params::Tree load_or_throw(const std::string& file, const std::vector<std::string>& sets) {
    params::Tree tree;
    if (!load_scenario(file, sets, tree)) throw UsageError("");  // load_scenario printed the located error
    return tree;
}

}  // namespace

int cmd_bench(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string only, council = "scenarios/cambridgeshire/every-mechanism.yaml";
    long long reps = 10000, threads = 1;
    bool large = false;
    options.add_options()("case", po::value(&only), "run one case: renewal, council, national")(
        "reps", po::value(&reps)->default_value(10000), "replications for the council case")(
        "threads", po::value(&threads)->default_value(1), "threads for the council case")(
        "council", po::value(&council), "scenario of the council case (default: Cambridgeshire 2015 with every "
                                        "mechanism on, scenarios/cambridgeshire/every-mechanism.yaml)")(
        "large", po::bool_switch(&large), "include 1,500,000-post renewal and the national case (minutes, GBs)");
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse_args("bench", "[--case renewal|council|national] [--reps N] [--threads T] [--large]", args, options, pos, vm))
        return kSuccess;
    if (!only.empty() && only != "renewal" && only != "council" && only != "national")
        throw UsageError("wfsim bench: --case " + only + " is not a case; the cases are renewal, council and national");
    const std::string root = "scenarios/";
    std::printf("%-44s %12s %14s %12s %12s\n", "case", "seconds", "events/s", "reps/s", "peak MiB");
    if (only.empty() || only == "renewal") {
        std::vector<long> sizes = {500, 100000};
        if (large) sizes.push_back(1500000);
        for (long n : sizes) {
            const int months = n > 100000 ? 120 : 600;
            const params::Tree tree =
                load_or_throw(root + "checks/renewal.yaml", {"establishment.teams.all.sw=" + std::to_string(n)});
            const Timing t = run_batch_timed(tree, root + "checks/", 1, 1, months);
            std::printf("%-44s %12.3f %14.0f %12s %12.1f\n", ("renewal, " + std::to_string(n) + " posts, " + std::to_string(months) + " months").c_str(),
                        t.seconds, static_cast<double>(t.events) / t.seconds, "-", peak_mib());
            const auto t0 = Clock::now();
            const PlainRenewalResult plain = plain_renewal(static_cast<std::uint64_t>(n), 0.15, 4 * 30.4375, 30.4375,
                                                           months * 30.4375, 1);
            const double s = std::chrono::duration<double>(Clock::now() - t0).count();
            std::printf("%-44s %12.3f %14.0f %12s %12.1f\n", ("  plain loop (std::priority_queue), " + std::to_string(n)).c_str(), s,
                        static_cast<double>(plain.events) / s, "-", peak_mib());
        }
    }
    if (only.empty() || only == "council") {
        const params::Tree tree = load_or_throw(council, {});
        const Timing t = run_batch_timed(tree, params::directory_of(council), static_cast<std::size_t>(reps),
                                         static_cast<unsigned>(threads), 60);
        std::printf("%-44s %12.3f %14.0f %12.1f %12.1f\n",
                    ("council, 60 months, " + std::to_string(threads) + " thread(s): " +
                     std::filesystem::path(council).stem().string()).c_str(), t.seconds,
                    static_cast<double>(t.events) / t.seconds, static_cast<double>(reps) / t.seconds, peak_mib());
    }
    if (large && (only.empty() || only == "national")) {
        const params::Tree tree = load_or_throw(root + "england/england-children-2017.yaml",
                                                {"establishment.teams.england={asye: 120000, sw: 900000, senior: 300000, manager: 180000}",
                                                 "initial_staff.vacancies={asye: 10000, sw: 190000, senior: 30000, manager: 20000}",
                                                 "caseload.cases.england=22900000", "establishment.changes=[]"});
        const Timing t = run_batch_timed(tree, root + "england/", 1, 1, 120);
        std::printf("%-44s %12.3f %14.0f %12s %12.1f\n", "national, 1,500,000 posts, 120 months", t.seconds,
                    static_cast<double>(t.events) / t.seconds, "-", peak_mib());
    }
    return kSuccess;
}

}  // namespace wfsim::cli
