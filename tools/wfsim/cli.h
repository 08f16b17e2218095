// Shared pieces of the wfsim command line: exit codes, option parsing that
// turns every mistake into a one-line message and exit code 2, and loading
// scenarios with their errors printed.
#pragma once
#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "engine/params/tree.h"

namespace wfsim::cli {

namespace po = boost::program_options;

enum ExitCode { kSuccess = 0, kRunFailure = 1, kBadInput = 2 };

struct Command {
    std::string name;
    std::string summary;  // one line for `wfsim --help`
    std::function<int(const std::vector<std::string>& args)> run;
};

const std::vector<Command>& commands();

// Thrown for a bad command line; main prints it and exits with 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Parses `args` against `options` (+ positional), handling --help.
// Returns false if help was printed (the caller returns 0).
// Throws UsageError unless lo <= value <= hi, naming the option, the value
// and the bounds ("wfsim run: --reps 0 is outside 1 to 100000000").
void check_bounds(const std::string& command, const std::string& option, long long value, long long lo, long long hi,
                  const std::string& why = "");
bool parse_args(const std::string& command, const std::string& usage, const std::vector<std::string>& args,
                po::options_description& options, const po::positional_options_description& positional,
                po::variables_map& vm);

// Loads and validates a scenario with overrides; prints errors to stderr.
// Returns false when it is not valid. Warnings (modelling traps) are printed
// to stderr too, each once per command, and do not fail the load, unless
// `strict`: then they are errors.
bool load_scenario(const std::string& path, const std::vector<std::string>& sets, params::Tree& out,
                   bool strict = false);

int cmd_validate(const std::vector<std::string>& args);
int cmd_schema(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_expected(const std::vector<std::string>& args);
int cmd_calibrate(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);
int cmd_seek(const std::vector<std::string>& args);
int cmd_sensitivity(const std::vector<std::string>& args);
int cmd_merge(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);
int cmd_serve(const std::vector<std::string>& args);

}  // namespace wfsim::cli
