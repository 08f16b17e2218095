// wfsim run: placeholder until the simulation core lands; validates and prints.
#include <iostream>

#include "cli.h"

namespace wfsim::cli {

int cmd_run(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file;
    std::vector<std::string> sets;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "set", po::value(&sets), "override a key: --set key.path=value (repeatable)");
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("run", "SCENARIO [--set key.path=value]...", args, options, pos, vm)) return kSuccess;
    params::Tree tree;
    if (!load_scenario(file, sets, tree)) return kBadInput;
    std::cout << params::emit_yaml(tree);
    return kSuccess;
}

}  // namespace wfsim::cli
