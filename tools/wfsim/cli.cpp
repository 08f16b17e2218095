#include "cli.h"

#include <iostream>
#include <set>
#include <sstream>

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
        {"sensitivity", "vary each assumption one at a time (or screen them all, --method morris) on common random numbers: which one the answer hangs on", cmd_sensitivity},
        {"merge", "combine the shard folders of a run, compare or sweep (--shard i/n) into its results", cmd_merge},
        {"bench", "measure events and replications per second and peak memory (BENCHMARKS.md)", cmd_bench},
        {"calibrate", "fit chosen parameters to observed turnover, vacancy and agency rates (least squares)", cmd_calibrate},
        {"expected", "a deterministic expected-value projection of a scenario, instantly", cmd_expected},
        {"serve", "a local what-if page: change a lever, see the paired answer; save it as a scenario, download its report", cmd_serve},
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
    {"reps", "compare sweep seek sensitivity serve", 2, model::limits::kMaxReplications, "intervals need two replications or more"},
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

// The positional arguments as the usage line names them ("SCENARIO",
// "BASE ALT [ALT...]"): everything before the first option or bracket.
std::string positional_words(const std::string& usage) {
    std::string out;
    std::size_t i = 0;
    while (i < usage.size()) {
        const std::size_t end = std::min(usage.find(' ', i), usage.size());
        const std::string word = usage.substr(i, end - i);
        if (word.empty() || word[0] == '-' || (word[0] == '[' && word.find("--") != std::string::npos)) break;
        out += (out.empty() ? "" : " ") + word;
        i = end + 1;
    }
    return out;
}

// What an option's value is called in --help, as the README writes it.
std::string value_word(const std::string& option) {
    static const std::pair<const char*, const char*> words[] = {
        {"reps", "N"}, {"seed", "S"}, {"months", "M"}, {"threads", "T"}, {"out", "FOLDER"}, {"set", "KEY=VALUE"},
        {"shard", "i/n"}, {"precision", "P"}, {"precision-metric", "METRIC=R"}, {"precision-saving", "POUNDS"},
        {"grid", "KEY=V1,V2,..."}, {"goal", "'TARGET>=P'"}, {"minimise", "METRIC"}, {"observed", "CSV"},
        {"years", "Y1-Y2"}, {"year", "Y"}, {"fit", "KEY,KEY,..."}, {"case", "CASE"}, {"breakdown", "GROUPS"},
        {"iterations", "N"}, {"lever", "KEY"}, {"range", "LOW,HIGH"}, {"vary", "KEY[=LOW,HIGH],..."},
        {"tolerance", "X"}, {"method", "oat|morris"}, {"trajectories", "R"}, {"levels", "P"}, {"max-evaluations", "N"},
        {"port", "P"}, {"host", "H"}, {"save-dir", "FOLDER"}, {"max-seconds", "S"}};
    for (const auto& [name, word] : words)
        if (option == name) return word;
    return "VALUE";
}

// --help without the positional arguments (the usage line names them) and
// with each value named ("--reps N", not "--reps arg").
std::string help_text(const po::options_description& options, const po::positional_options_description& positional) {
    std::set<std::string> hidden;
    for (unsigned i = 0; i < 4 && i < positional.max_total_count(); ++i) hidden.insert(positional.name_for_position(i));
    po::options_description visible("options");
    for (const auto& o : options.options())
        if (!hidden.count(o->long_name())) visible.add(o);
    // Each option as "--reps N (=1)" in a left column, its description wrapped beside it.
    std::vector<std::pair<std::string, std::string>> rows;
    std::size_t width = 0;
    for (const auto& o : visible.options()) {
        std::string param = o->format_parameter();
        if (param.rfind("arg", 0) == 0) param.replace(0, 3, value_word(o->long_name()));
        std::string name = o->format_name();  // "-q [ --quiet ]" as "-q, --quiet"
        if (const auto b = name.find(" [ "); b != std::string::npos) name = name.substr(0, b) + ", " + name.substr(b + 3, name.size() - b - 5);
        std::string left = "  " + name + (param.empty() ? "" : " " + param);
        width = std::max(width, std::min<std::size_t>(left.size(), 34));
        rows.push_back({left, o->description()});
    }
    std::string out = "options:\n";
    const std::size_t text_width = 100 - width - 2;
    for (const auto& [left, text] : rows) {
        std::string line = left;
        if (line.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line.resize(width + 2, ' ');
        std::istringstream words(text);
        std::string word, cur;
        bool first = true;
        while (words >> word) {
            if (!cur.empty() && cur.size() + 1 + word.size() > text_width) {
                out += (first ? line : std::string(width + 2, ' ')) + cur + "\n";
                first = false;
                cur.clear();
            }
            cur += (cur.empty() ? "" : " ") + word;
        }
        out += (first ? line : std::string(width + 2, ' ')) + cur + "\n";
    }
    return out;
}

// A library message about the command line in the user's words (the README's names for arguments).
std::string in_users_words(const std::string& command, const std::string& usage, const po::error& e) {
    const std::string args = positional_words(usage);
    if (dynamic_cast<const po::required_option*>(&e)) {
        if (!args.empty()) return "no " + args + " given (usage: wfsim " + command + " " + args + " [options]; see wfsim " + command + " --help)";
    }
    if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) {
        if (args.empty()) return "takes no file or folder, only options (see wfsim " + command + " --help)";
        return "too many arguments: it takes " + args + " (see wfsim " + command + " --help)";
    }
    if (const auto* u = dynamic_cast<const po::unknown_option*>(&e))
        return cut(u->get_option_name()) + " is not an option of wfsim " + command + " (see wfsim " + command + " --help)";
    if (const auto* m = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
        std::string name = m->get_option_name();
        if (m->kind() == po::invalid_syntax::missing_parameter)
            return name + " needs a value: " + name + " " + value_word(name.substr(name.find_first_not_of('-'))) +
                   " (see wfsim " + command + " --help)";
    }
    if (const auto* m = dynamic_cast<const po::multiple_occurrences*>(&e))
        return m->get_option_name() + " is given twice; give it once";
    return std::string(e.what()) + " (see wfsim " + command + " --help)";
}

}  // namespace

bool parse_args(const std::string& command, const std::string& usage, const std::vector<std::string>& args,
                po::options_description& options, const po::positional_options_description& positional,
                po::variables_map& vm) {
    options.add_options()("help,h", "show this help");
    try {
        po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
        if (vm.count("help")) {
            std::cout << "usage: wfsim " << command << (usage.empty() ? "" : " ") << usage << "\n\n"
                      << help_text(options, positional) << "\n";
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
        throw UsageError("wfsim " + command + ": " + in_users_words(command, usage, e));
    } catch (const po::error& e) {
        throw UsageError("wfsim " + command + ": " + in_users_words(command, usage, e));
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
