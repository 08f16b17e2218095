// Helpers shared by the tests: temporary scenario files, loading with the
// real schema, and running the wfsim binary.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/params/diagnostics.h"
#include "engine/params/tree.h"
#include "models/calendar.h"
#include "models/metrics/result.h"

namespace wfsim::test {

// A fresh directory under the build's temp area, removed at exit of the test.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
    std::string write(const std::string& name, const std::string& text) const;
};

// Loads a scenario with the workforce schema; returns the messages (empty when valid).
std::vector<std::string> load_errors(const std::string& path, const std::vector<std::string>& sets = {},
                                     params::Tree* out = nullptr);

struct RunResult {
    int exit_code = -1;
    std::string out, err;
};
// Runs build/wfsim with arguments (shell-quoted by the caller where needed),
// and with the environment variables of `env` ("NAME=value ...") set for it.
// A run that would block (a test of hangs) is stopped after `limit_seconds`
// (0: never) and then exits 124, which no test expects.
RunResult run_wfsim(const std::string& args, const std::string& env = "", int limit_seconds = 0);

// Runs each command line, which must be refused: exit 2 and its message on stderr.
void check_refused(const std::vector<std::pair<std::string, std::string>>& commands_and_messages);

std::string source_path(const std::string& relative);  // a path inside the repository
std::string read_file(const std::string& path);

// Runs `reps` replications of a scenario given as YAML text (validated with
// the real schema; a validation error fails the test), with the bookkeeping
// invariants checked at every month end.
std::vector<model::ReplicationResult> simulate(const std::string& yaml, std::size_t reps, std::uint64_t seed = 1,
                                               int months = 0);
// The same for a scenario file (so that its extends and staff lists resolve).
std::vector<model::ReplicationResult> simulate_file(const std::string& path, std::size_t reps, std::uint64_t seed = 1,
                                                    int months = 0);
// The validated tree of a scenario given as YAML text.
params::Tree simulate_tree(const std::string& yaml);
// The calendar of such a scenario.
model::Calendar calendar_of(const std::string& yaml, int months = 0);
// Mean over replications of a metric's total (flows) or final value (stocks).
double mean_total(const std::vector<model::ReplicationResult>& reps, int metric);
// Whether two replications' monthly series are bit for bit the same (NaN at
// month 0 equal to NaN, which == would deny).
bool same_monthly(const model::ReplicationResult& a, const model::ReplicationResult& b);

// Mean and standard error over replications of a per-replication statistic.
struct Estimate { double mean, se; };
Estimate mean_and_se(const std::vector<double>& values);

// A minimal valid scenario to extend in tests.
std::string minimal_scenario();

// Ten social workers and ten seniors on 30,000 pounds, no recruitment, one
// target (at least 18 in post on 31 March 2017): the pay of those in post is
// 10 x salary x (1 - exp(-r)) / r a year for each grade at a leaving hazard
// r, so effects on spend are known in closed form (sensitivity tests).
std::string two_grades_scenario(const std::string& target_name = "eighteen in post");

// The rows of a CSV file's text (read by io::CsvReader) as maps of column to cell.
std::vector<std::map<std::string, std::string>> csv_rows(const std::string& csv);

}  // namespace wfsim::test
