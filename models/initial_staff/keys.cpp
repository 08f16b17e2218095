// Initial staff: who is in post on the first day.
#include <cmath>

#include "models/check_helpers.h"
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
}

}  // namespace wfsim::model
