#include "cli.h"

#include <iostream>
#include <set>

#include "engine/params/loader.h"
#include "models/initial_staff/staff_list.h"
#include "models/limits/limits.h"
#include "models/schema.h"

namespace wfsim::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"run", "simulate a scenario and write trajectories, financial years and a summary", cmd_run},
        {"compare", "run a base scenario and alternatives on common random numbers; paired differences", cmd_compare},
        {"sweep", "run a grid of parameter values on common random numbers; find the cheapest that meets a goal", cmd_sweep},
        {"seek", "the smallest value of one lever at which a target's probability meets a goal, with an interval", cmd_seek},
        {"sensitivity", "vary each assumption one at a time on common random numbers: which one the answer hangs on", cmd_sensitivity},
        {"merge", "combine the shard folders of a run, compare or sweep (--shard i/n) into its results", cmd_merge},
        {"bench", "measure events and replications per second and peak memory (BENCHMARKS.md)", cmd_bench},
        {"calibrate", "fit chosen parameters to observed turnover, vacancy and agency rates (least squares)", cmd_calibrate},
        {"expected", "a deterministic expected-value projection of a scenario, instantly", cmd_expected},
        {"report", "write report.html and report.xlsx from the files a run, compare or sweep left in a folder", cmd_report},
        {"validate", "check scenario files and report every error; --print shows the resolved scenario", cmd_validate},
        {"schema", "list every scenario key with its unit and default (Markdown)", cmd_schema},
    };
    return list;
}

namespace {

// The numeric options of every command and what each takes: one table, so
// that every command's values are checked the same way before any work,
// with the bound in the message and exit code 2 (issue 14, point 2).
struct NumericOption {
    const char* option;
    const char* commands;  // the commands it applies to with these bounds ("" all)
    long long lo, hi;
    const char* why;
};

const NumericOption kNumericOptions[] = {
    {"reps", "run bench", 1, model::limits::kMaxReplications, ""},
    {"reps", "compare sweep seek sensitivity", 2, model::limits::kMaxReplications, "intervals need two replications or more"},
    {"reps", "calibrate", 2, 1000000, "every evaluation runs them all"},
    {"threads", "bench", 1, model::limits::kMaxThreads, ""},
    {"threads", "", 0, model::limits::kMaxThreads, "0 uses all cores"},
    {"months", "", 1, model::limits::kMaxMonths, "the months to simulate; leave it out for the scenario's horizon"},
    {"seed", "", 0, model::limits::kMaxSeed, ""},
    {"iterations", "", 1, 1000, ""},
};

const NumericOption* numeric_option(const std::string& command, const std::string& option) {
    for (const auto& n : kNumericOptions) {
        if (option != n.option) continue;
        const std::string list = std::string(" ") + n.commands + " ";
        if (!*n.commands || list.find(" " + command + " ") != std::string::npos) return &n;
    }
    return nullptr;
}

// The text given for --option in args ("--reps 5" or "--reps=5"), for messages.
std::string given_text(const std::vector<std::string>& args, const std::string& option) {
    const std::string flag = "--" + option;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == flag && i + 1 < args.size()) return args[i + 1];
        if (args[i].rfind(flag + "=", 0) == 0) return args[i].substr(flag.size() + 1);
    }
    return "";
}

std::string cut(std::string s) { return s.size() > 40 ? s.substr(0, 37) + "..." : s; }

}  // namespace

bool parse_args(const std::string& command, const std::string& usage, const std::vector<std::string>& args,
                po::options_description& options, const po::positional_options_description& positional,
                po::variables_map& vm) {
    options.add_options()("help,h", "show this help");
    try {
        po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
        if (vm.count("help")) {
            std::cout << "usage: wfsim " << command << " " << usage << "\n\n" << options << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::invalid_option_value& e) {
        // Not a whole number, or one too large for any count (4294967297000000000000).
        std::string name = e.get_option_name();
        while (!name.empty() && name.front() == '-') name.erase(0, 1);
        if (const NumericOption* n = numeric_option(command, name))
            throw UsageError("wfsim " + command + ": --" + name + " " + cut(given_text(args, name)) +
                             " is not a whole number from " + std::to_string(n->lo) + " to " + std::to_string(n->hi) +
                             (*n->why ? std::string(" (") + n->why + ")" : ""));
        throw UsageError("wfsim " + command + ": " + e.what() + " (see wfsim " + command + " --help)");
    } catch (const po::error& e) {
        throw UsageError("wfsim " + command + ": " + e.what() + " (see wfsim " + command + " --help)");
    }
    // Values that would otherwise mean "not given" are refused when given:
    // --months 0 would run the whole horizon, --out '' the default folder.
    if (vm.count("months") && vm["months"].as<long long>() == 0)
        throw UsageError("wfsim " + command + ": --months 0: give 1 to " + std::to_string(model::limits::kMaxMonths) +
                         " months, or leave it out for the scenario's horizon");
    if (vm.count("out") && vm["out"].as<std::string>().empty())
        throw UsageError("wfsim " + command + ": --out is empty: give a folder, or leave it out for the default");
    // Every numeric option given (or defaulted) within its bounds.
    for (const auto& [name, value] : vm) {
        const NumericOption* n = numeric_option(command, name);
        if (!n || value.empty()) continue;
        if (const long long* v = boost::any_cast<long long>(&value.value()))
            check_bounds(command, "--" + name, *v, n->lo, n->hi, n->why);
    }
    return true;
}

void check_bounds(const std::string& command, const std::string& option, long long value, long long lo, long long hi,
                  const std::string& why) {
    if (value >= lo && value <= hi) return;
    throw UsageError("wfsim " + command + ": " + option + " " + std::to_string(value) + " is outside " + std::to_string(lo) +
                     " to " + std::to_string(hi) + (why.empty() ? "" : " (" + why + ")"));
}

bool load_scenario(const std::string& path, const std::vector<std::string>& sets, params::Tree& out, bool strict) {
    params::Diagnostics diags;
    params::LoadOptions options;
    options.sets = sets;
    const bool loaded = params::load_document(path, model::scenario_schema(), options, out, diags);
    if (loaded && strict && diags.warning_count() > 0) {
        diags.warnings_as_errors();
    } else if (loaded) {
        // Each warning of a file once per command: a sweep loads the same file for every point.
        static std::set<std::string> printed;
        std::size_t shown = 0;
        for (const auto& line : diags.warning_lines())
            if (printed.insert(path + '\n' + line).second && shown++ < 20) std::cerr << line << '\n';
        if (shown > 20) std::cerr << "... and " << shown - 20 << " more warning" << (shown == 21 ? "" : "s") << '\n';
        model::pin_staff_list(out);  // the resolved scenario names it absolutely, with its fingerprint
        return true;
    }
    diags.print(std::cerr);
    return false;
}

}  // namespace wfsim::cli
