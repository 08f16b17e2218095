// wfsim expected: the deterministic expected-value projection of a scenario.
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/params.h"
#include "models/report/text.h"
#include "models/expected/expected.h"
#include "output_dir.h"

namespace wfsim::cli {

int cmd_expected(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out;
    std::vector<std::string> sets;
    long long months = 0;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "months", po::value(&months), "project this many months instead of the horizon")(
        "out", po::value(&out), "output folder (default: results/<name>-expected)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key: --set key.path=value (repeatable)")("quiet,q", "print nothing but errors");
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("expected", "SCENARIO [--months M] [--out FOLDER] [--set key=value]...", args, options, pos, vm))
        return kSuccess;
    params::Tree tree;
    if (!load_scenario(file, sets, tree)) return kBadInput;
    model::ExpectedPath path;
    try {
        path = model::expected_path(tree, static_cast<int>(months));
    } catch (const std::runtime_error& e) {
        // Never a silent zero: a projection that cannot be made is refused.
        std::cerr << "wfsim expected: cannot project " << file << ": " << e.what() << "\n";
        return kBadInput;
    }
    const std::string name = params::Params(&tree, "").str("name");
    if (out.empty()) out = default_output_dir(name) + "-expected";
    prepare_output_dir(out, vm.count("force") > 0);
    // The same long form as trajectory.csv (one row per month and metric, the
    // metric's name in a column), so that the two join on month and metric.
    // The expected-value view is of the whole service: grade and team are empty.
    std::ostringstream csv;
    csv << "month,date,metric,grade,team,value\n";
    for (std::size_t m = 0; m <= path.calendar.months(); ++m) {
        const double est = path.establishment[m];
        const std::pair<const char*, double> stocks[] = {
            {"establishment_fte", est},
            {"permanent_fte", path.permanent[m]},
            {"agency_covered_fte", path.agency_covered[m]},
            {"vacant_fte", path.vacant[m]},
            {"vacancy_rate", est > 0 ? (est - path.permanent[m]) / est : 0.0}};
        const std::pair<const char*, double> flows[] = {{"starters", path.starters[m]},
                                                        {"leavers", path.leavers[m]},
                                                        {"spend_permanent", path.spend_permanent[m]},
                                                        {"spend_agency", path.spend_agency[m]}};
        const std::string day = path.calendar.month_last_day(m);
        for (const auto& [metric, v] : stocks)
            csv << m << ',' << day << ',' << metric << ",,," << io::format_value(v) << '\n';
        // Month 0 is the start date: no time has passed, so its flow cells
        // are empty, as in trajectory.csv.
        for (const auto& [metric, v] : flows)
            csv << m << ',' << day << ',' << metric << ",,," << (m == 0 ? std::string() : io::format_value(v)) << '\n';
    }
    write_outputs(out, {{"expected.csv", csv.str()}, {"scenario.resolved.yaml", params::emit_yaml(tree)}});
    if (!path.unmodelled.empty()) {
        std::string list;
        for (const auto& u : path.unmodelled) list += (list.empty() ? "" : ", ") + u;
        std::cerr << "wfsim expected: warning: not in the expected-value view, so left out: " << list
                  << " (wfsim run simulates them)\n";
    }
    if (!vm.count("quiet")) {
        const std::size_t last = path.calendar.months();
        // Rounded as people write FTE; expected.csv keeps full precision.
        std::cout << "Expected on " << report::long_date(path.calendar.month_last_day(last)) << ": "
                  << report::number(path.permanent[last], 1) << " FTE in post, "
                  << report::number(path.agency_covered[last], 1) << " agency-covered, "
                  << report::number(path.vacant[last], 1) << " vacant without cover; results in " << out << "/\n";
    }
    return kSuccess;
}

}  // namespace wfsim::cli
