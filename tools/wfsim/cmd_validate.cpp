// wfsim validate: check scenario files completely, before anything runs.
// Errors exit 2; warnings about modelling traps (models/warnings/) are printed
// as "file:line:col: warning: ..." and exit 0, unless --strict makes them errors.
#include <iostream>

#include "cli.h"
#include "engine/params/params.h"
#include "models/schema.h"

namespace wfsim::cli {

int cmd_validate(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::vector<std::string> files, sets;
    options.add_options()("file", po::value(&files)->required(), "scenario files")(
        "set", po::value(&sets), "override a key: --set key.path=value (repeatable)")(
        "print", "write each resolved scenario (after extends, --set and defaults) to stdout")(
        "strict", "treat warnings (modelling traps) as errors: exit 2 if there is any");
    po::positional_options_description pos;
    pos.add("file", -1);
    po::variables_map vm;
    if (!parse_args("validate", "SCENARIO... [--set key.path=value]... [--print] [--strict]", args, options, pos, vm)) return kSuccess;

    int status = kSuccess;
    for (const auto& file : files) {
        params::Tree tree;
        if (!load_scenario(file, sets, tree, vm.count("strict") > 0)) {
            status = kBadInput;
            continue;
        }
        if (vm.count("print")) {
            std::cout << "# " << file << " resolved\n" << params::emit_yaml(tree);
        } else {
            params::Params p(&tree, "");
            double posts = 0;
            for (const auto& team : p.at("establishment.teams").keys())
                for (const auto& grade : p.at("establishment.teams." + team).keys())
                    posts += p.number("establishment.teams." + team + "." + grade);
            const std::size_t grades = p.at("grades").keys().size(), teams = p.at("establishment.teams").keys().size();
            std::cout << file << ": ok (" << grades << (grades == 1 ? " grade, " : " grades, ") << teams
                      << (teams == 1 ? " team, " : " teams, ") << params::format_number(posts)
                      << " FTE posts)\n";
        }
    }
    return status;
}

int cmd_schema(const std::vector<std::string>& args) {
    po::options_description options("options");
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse_args("schema", "", args, options, pos, vm)) return kSuccess;
    std::cout << model::scenario_schema().markdown();
    return kSuccess;
}

}  // namespace wfsim::cli
