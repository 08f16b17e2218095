#include "helpers.h"

#include <catch2/catch.hpp>

#include <cstring>

#include <sys/wait.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "engine/io/csv.h"
#include "engine/params/loader.h"
#include "models/output/outputs.h"
#include "models/schema.h"
#include "models/simulation.h"

namespace wfsim::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("wfsim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

std::vector<std::string> load_errors(const std::string& path, const std::vector<std::string>& sets, params::Tree* out) {
    params::Diagnostics diags;
    params::LoadOptions options;
    options.sets = sets;
    params::Tree tree;
    params::load_document(path, model::scenario_schema(), options, tree, diags);
    if (out) *out = tree;
    return diags.messages();
}

std::string source_path(const std::string& relative) { return std::string(WFSIM_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

RunResult run_wfsim(const std::string& args, const std::string& env, int limit_seconds) {
    TempDir tmp;
    std::string out = (tmp.path / "out").string(), err = (tmp.path / "err").string();
    std::string cmd = (env.empty() ? "" : "env " + env + " ") +
                      (limit_seconds > 0 ? "timeout -k 5 " + std::to_string(limit_seconds) + " " : std::string()) +
                      std::string(WFSIM_BINARY) + " " + args + " >" + out + " 2>" + err + " </dev/null";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

namespace {

params::Tree load_text(const std::string& yaml) {
    TempDir dir;
    const std::string path = dir.write("scenario.yaml", yaml);
    params::Tree tree;
    auto errors = load_errors(path, {}, &tree);
    if (!errors.empty()) throw std::runtime_error("test scenario is invalid: " + errors.front());
    return tree;
}

}  // namespace

params::Tree simulate_tree(const std::string& yaml) { return load_text(yaml); }

namespace {

std::vector<model::ReplicationResult> simulate_tree_reps(const params::Tree& tree, const std::string& dir, std::size_t reps,
                                                         std::uint64_t seed, int months) {
    std::vector<model::ReplicationResult> out;
    for (std::size_t i = 0; i < reps; ++i) {
        model::RunOptions o;
        o.seed = seed;
        o.replication = i;
        o.months = months;
        o.check_invariants = true;
        out.push_back(model::Simulation(tree, dir, o).run());
    }
    return out;
}

}  // namespace

std::vector<model::ReplicationResult> simulate_file(const std::string& path, std::size_t reps, std::uint64_t seed, int months) {
    params::Tree tree;
    auto errors = load_errors(path, {}, &tree);
    if (!errors.empty()) throw std::runtime_error("scenario is invalid: " + errors.front());
    return simulate_tree_reps(tree, params::directory_of(path), reps, seed, months);
}

std::vector<model::ReplicationResult> simulate(const std::string& yaml, std::size_t reps, std::uint64_t seed, int months) {
    return simulate_tree_reps(load_text(yaml), "", reps, seed, months);
}


model::Calendar calendar_of(const std::string& yaml, int months) {
    model::RunOptions o;
    o.months = months;
    model::Simulation sim(load_text(yaml), "", o);
    return sim.calendar();
}

double mean_total(const std::vector<model::ReplicationResult>& reps, int metric) {
    double s = 0;
    for (double v : model::metric_totals(reps, metric)) s += v;
    return reps.empty() ? 0.0 : s / static_cast<double>(reps.size());
}

Estimate mean_and_se(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m += x;
    m /= static_cast<double>(v.size());
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return {m, std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()))};
}

std::string minimal_scenario() {
    return "name: minimal\n"
           "start: 2016-04-01\n"
           "horizon: 12 months\n"
           "grades:\n"
           "  sw: {salary: 30000}\n"
           "establishment:\n"
           "  teams:\n"
           "    north: {sw: 10}\n";
}

bool same_monthly(const model::ReplicationResult& a, const model::ReplicationResult& b) {
    if (a.monthly.size() != b.monthly.size()) return false;
    for (std::size_t k = 0; k < a.monthly.size(); ++k) {
        const auto &x = a.monthly[k], &y = b.monthly[k];
        if (x.size() != y.size() || (!x.empty() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) != 0))
            return false;
    }
    return true;
}

void check_refused(const std::vector<std::pair<std::string, std::string>>& commands_and_messages) {
    for (const auto& [args, message] : commands_and_messages) {
        INFO(args);
        const auto r = run_wfsim(args);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
}

std::string two_grades_scenario(const std::string& target_name) {
    return "name: two grades\nstart: 2016-04-01\nhorizon: 12 months\n"
           "grades:\n  sw: {salary: 30000}\n  sm: {salary: 30000}\n"
           "establishment:\n  teams:\n    north: {sw: 10, sm: 10}\n"
           "leaving: {base_rate: {sw: 0.2, sm: 0.2}, pay_elasticity: 0}\n"
           "recruitment: {method: none}\n"
           "targets:\n"
           "  - {name: \"" + target_name + "\", metric: permanent_fte, op: \">=\", value: 18, by: 2017-03-31}\n";
}

std::vector<std::map<std::string, std::string>> csv_rows(const std::string& csv) {
    io::CsvReader reader(csv);
    io::CsvRecord record;
    std::vector<std::string> head;
    if (reader.next(record)) head = record.fields;
    std::vector<std::map<std::string, std::string>> out;
    while (reader.next(record)) {
        if (record.blank()) continue;
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < record.fields.size() && i < head.size(); ++i) row[head[i]] = record.fields[i];
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace wfsim::test
