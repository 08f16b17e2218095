// Initial staff: who is in post on the first day.
#include <cmath>

#include <map>

#include "engine/params/loader.h"
#include "models/check_helpers.h"
#include "models/config.h"
#include "models/initial_staff/staff_list.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_initial_staff_keys(params::Schema& s) {
    s.add_heading("Initial staff",
                  "Either counts (every post filled except the `vacancies`, with tenure and age drawn from the "
                  "distributions below) or a `staff_list` CSV exported from HR with columns `grade,team,fte,"
                  "start_date` and one of `date_of_birth` or `age` (see README, \"Staff list\"). Initial "
                  "vacancies are spread over teams in proportion to their posts of the grade.");
    s.key("initial_staff.vacancies.<grade>", Kind::Fte).def("0").unit("FTE").doc("posts of the grade vacant on the first day");
    s.key("initial_staff.agency_covered", Kind::Share)
        .doc("share of first-day vacancies already covered by agency; (off) uses agency.fill_probability");
    s.key("initial_staff.tenure.distribution", Kind::Enum)
        .choices({"exponential", "uniform"})
        .def("exponential")
        .doc("distribution of length of service of first-day staff");
    s.key("initial_staff.tenure.mean", Kind::Duration).def("5 years").doc("mean length of service of first-day staff");
    s.key("initial_staff.age.shares.<band>", Kind::Share)
        .doc("share of staff by age band, written 20-29 or 60+; (off) uses England 2024: 20-29 15.3%, 30-39 30.1%, "
             "40-49 26.3%, 50-59 20.6%, 60+ 7.7%");
    s.key("initial_staff.staff_list", Kind::Path)
        .doc("a CSV of staff in post (relative to the scenario file); replaces vacancies, tenure and age");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* shares = node_at(root, "initial_staff.age.shares");
        if (!shares || !shares->is_map() || shares->map.empty()) return;
        double total = 0;
        for (std::size_t i = 0; i < shares->map.size(); ++i) {
            const std::string& band = shares->map[i].first;
            int lo = 0, hi = 0;
            char c = 0;
            bool ok = (std::sscanf(band.c_str(), "%d-%d%c", &lo, &hi, &c) == 2 && lo <= hi) ||
                      (std::sscanf(band.c_str(), "%d+%c", &lo, &c) == 1 && band.back() == '+' && (hi = 80));
            if (!ok || lo < 16 || hi > 80) {
                diags.error(shares->key_locs[i], "initial_staff.age.shares." + band,
                            "'" + band + "' is not an age band; write 20-29 or 60+ (ages 16 to 80)");
                continue;
            }
            std::string why;
            if (auto v = params::parse_number(shares->map[i].second.scalar, true, why)) total += *v;
        }
        if (std::fabs(total - 1.0) > 1e-6)
            diags.error(shares->loc, "initial_staff.age.shares",
                        "the shares add up to " + params::format_number(total) + "; they must add up to 1");
    });

    // Vacancies cannot exceed posts; a staff list must fit the establishment.
    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const Names names = read_names(root);
        std::map<std::pair<int, int>, double> posts;
        std::vector<double> by_grade(names.grades.size(), 0);
        const params::Params est = params::Params(&root, "").at("establishment.teams");
        for (std::size_t t = 0; t < names.teams.size(); ++t)
            for (const auto& g : est.at(names.teams[t]).keys()) {
                const double fte = est.at(names.teams[t]).number(g);
                posts[{static_cast<int>(t), names.grade(g)}] += fte;
                by_grade[static_cast<std::size_t>(names.grade(g))] += fte;
            }
        if (const params::Tree* vac = node_at(root, "initial_staff.vacancies"))
            for (const auto& [grade, value] : vac->map) {
                std::string why;
                auto v = params::parse_number(value.scalar, false, why);
                const int g = names.grade(grade);
                if (v && g >= 0 && *v > by_grade[static_cast<std::size_t>(g)] + 1e-9)
                    diags.error(value.loc, "initial_staff.vacancies." + grade,
                                params::format_number(*v) + " FTE vacant is more than the " +
                                    params::format_number(by_grade[static_cast<std::size_t>(g)]) + " FTE of posts");
            }
        const params::Tree* list = node_at(root, "initial_staff.staff_list");
        params::Date start;
        if (!list || !list->is_scalar() || !date_at(root, "start", start)) return;
        const std::string dir = list->loc.file ? params::directory_of(*list->loc.file) : std::string();
        const std::string path = !list->scalar.empty() && list->scalar.front() == '/' ? list->scalar : dir + list->scalar;
        std::vector<StaffRecord> records;
        if (!read_staff_list(path, path, names, start, records, diags)) return;
        std::map<std::pair<int, int>, double> held;
        for (const auto& r : records) {
            double& h = held[{r.team, r.grade}];
            h += r.fte;
            if (h > posts[{r.team, r.grade}] + 1e-9)
                diags.error(params::Loc{std::make_shared<const std::string>(path), r.line, 1}, "",
                            "the staff list holds " + params::format_number(h) + " FTE of grade " +
                                names.grades[static_cast<std::size_t>(r.grade)] + " in team " +
                                names.teams[static_cast<std::size_t>(r.team)] + " by this row, more than the " +
                                params::format_number(posts[{r.team, r.grade}]) + " FTE of posts");
        }
    });
}

}  // namespace wfsim::model
