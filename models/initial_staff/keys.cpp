// Initial staff: who is in post on the first day.
#include <cmath>

#include <map>

#include "engine/params/loader.h"
#include "models/check_helpers.h"
#include "models/config.h"
#include "engine/io/sha256.h"
#include "models/initial_staff/staff_list.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

namespace {

double fte_at(const params::Tree* node) {
    std::string why;
    auto v = node && node->is_scalar() ? params::parse_number(node->scalar, false, why) : std::nullopt;
    return v ? *v : 0.0;
}

// The stated parts of a running service must fit it: staff on notice and
// cohorts among the staff in post, appointees among the vacancies.
void check_running_state(const params::Tree& root, const Names& names, const std::vector<double>& posts,
                         params::Diagnostics& diags) {
    const params::Tree* vacancies = node_at(root, "initial_staff.vacancies");
    const bool listed = node_at(root, "initial_staff.staff_list") != nullptr;
    auto vacant = [&](const std::string& grade) { return vacancies ? fte_at(node_at(*vacancies, grade)) : 0.0; };
    auto in_post = [&](int g) { return posts[static_cast<std::size_t>(g)] - vacant(names.grades[static_cast<std::size_t>(g)]); };
    const params::Tree* start_as = node_at(root, "initial_staff.start_as");
    const bool opening = start_as && start_as->scalar == "new";
    if (const params::Tree* notice = node_at(root, "initial_staff.on_notice")) {
        const params::Tree* notice_node = node_at(root, "leaving.notice");
        std::string why;
        const auto notice_length = notice_node ? params::parse_duration(notice_node->scalar, why) : std::nullopt;
        const bool has_notice = notice_length && notice_length->days() > 0;
        for (const auto& [grade, value] : notice->map) {
            const int g = names.grade(grade);
            const double v = fte_at(&value);
            if (g < 0) continue;
            if (listed && v > 0)
                diags.error(value.loc, "initial_staff.on_notice." + grade,
                            "with a staff list, say who is on notice in its leaving_date column");
            else if (opening && v > 0)
                diags.error(value.loc, "initial_staff.on_notice." + grade,
                            "staff on notice describe a running service; remove it or set initial_staff.start_as: running");
            else if (v > 0 && !has_notice)
                diags.error(value.loc, "initial_staff.on_notice." + grade,
                            "staff on notice need a notice period: set leaving.notice");
            else if (!listed && v > in_post(g) + 1e-9)
                diags.error(value.loc, "initial_staff.on_notice." + grade,
                            params::format_number(v) + " FTE on notice is more than the " +
                                params::format_number(in_post(g)) + " FTE in post");
        }
    }
    if (const params::Tree* appointed = node_at(root, "initial_staff.appointed"))
        for (const auto& [grade, value] : appointed->map) {
            const double v = fte_at(&value);
            if (names.grade(grade) < 0) continue;
            if (listed && v > 0)
                diags.error(value.loc, "initial_staff.appointed." + grade,
                            "with a staff list, list each appointee with the start_date they will start on");
            else if (opening && v > 0)
                diags.error(value.loc, "initial_staff.appointed." + grade,
                            "appointees on the way describe a running service; remove it or set initial_staff.start_as: running");
            else if (!listed && v > vacant(grade) + 1e-9)
                diags.error(value.loc, "initial_staff.appointed." + grade,
                            params::format_number(v) + " FTE appointed is more than the " +
                                params::format_number(vacant(grade)) + " FTE vacant (initial_staff.vacancies." + grade + ")");
        }
    const params::Tree* cohorts = node_at(root, "initial_staff.cohorts");
    if (!cohorts || !cohorts->is_seq()) return;
    params::Date start;
    const bool dated = date_at(root, "start", start);
    std::vector<double> in_cohorts(names.grades.size(), 0);
    for (std::size_t i = 0; i < cohorts->seq.size(); ++i) {
        const params::Tree& item = cohorts->seq[i];
        const std::string at = "initial_staff.cohorts[" + std::to_string(i) + "].";
        if (listed) {
            diags.error(item.loc, "initial_staff.cohorts",
                        "a staff list gives each person's start date: cohorts are for staff given as counts");
            return;
        }
        const params::Tree* grade = node_at(item, "grade");
        const int g = grade ? names.grade(grade->scalar) : -1;
        if (g < 0) continue;
        const params::Tree* fte = node_at(item, "fte");
        in_cohorts[static_cast<std::size_t>(g)] += fte_at(fte);
        if (fte && in_cohorts[static_cast<std::size_t>(g)] > in_post(g) + 1e-9)
            diags.error(fte->loc, at + "fte",
                        "the cohorts of grade " + grade->scalar + " hold " +
                            params::format_number(in_cohorts[static_cast<std::size_t>(g)]) + " FTE by this one, more than the " +
                            params::format_number(in_post(g)) + " FTE in post");
        params::Date started;
        const params::Tree* when = node_at(item, "started");
        if (dated && when && date_at(item, "started", started) &&
            params::days_from_civil(started) > params::days_from_civil(start))
            diags.error(when->loc, at + "started",
                        when->scalar + " is after the start (" + params::format_date(start) +
                            "); a cohort in post on the first day started on or before it");
    }
}

}  // namespace

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
    s.key("initial_staff.start_as", Kind::Enum)
        .choices({"running", "new"})
        .def("running")
        .doc("running: the first day is a snapshot of a service already running: some staff working their notice, "
             "each vacancy part-way through its recruitment (an advert running, between adverts, an appointee in "
             "pre-employment) and its agency cover, bonuses paid before the start still in their clawback and "
             "after-effect windows, all as the scenario's own rates imply in steady state unless stated below; "
             "new: a service opening on the start date: nobody on notice, every vacancy advertised on the first "
             "day, and first-day cover drawn with the fill probability");
    s.key("initial_staff.on_notice.<grade>", Kind::Fte)
        .unit("FTE")
        .doc("staff of the grade working their notice on the first day (whole people chosen at random, leaving "
             "uniformly over the notice period); (off) is the steady-state share h N / (1 + h N) for a leaving "
             "hazard h and notice N");
    s.key("initial_staff.appointed.<grade>", Kind::Fte)
        .unit("FTE")
        .doc("first-day vacancies of the grade with an appointee in pre-employment checks, starting uniformly "
             "over `recruitment.pre_employment`; (off) is the steady-state share");
    s.key("initial_staff.cohorts", Kind::Section)
        .doc("groups of first-day staff who started on a known date (newly qualified cohorts): a list of "
             "{grade, fte, started}");
    s.key("initial_staff.cohorts[].grade", Kind::NameRef).refers_to("grade").required().doc("the cohort's grade");
    s.key("initial_staff.cohorts[].fte", Kind::Fte).required().unit("FTE").doc("how many of the grade's staff in post");
    s.key("initial_staff.cohorts[].started", Kind::Date)
        .required()
        .doc("the day they started (on or before the start); an ASYE grade's cohort is that far into its year");
    s.key("initial_staff.staff_list", Kind::Path)
        .doc("a CSV of staff in post (relative to the scenario file); replaces vacancies, tenure and age");
    s.key("initial_staff.staff_list_sha256", Kind::String)
        .doc("the SHA-256 of the staff list the results were simulated with; wfsim writes it beside an absolute "
             "staff_list in scenario.resolved.yaml, and refuses a list that no longer matches it; (off) no check");

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
        check_running_state(root, names, by_grade, diags);
        const params::Tree* list = node_at(root, "initial_staff.staff_list");
        params::Date start;
        if (!list || !list->is_scalar() || !date_at(root, "start", start)) return;
        const std::string dir = list->loc.file ? params::directory_of(*list->loc.file) : std::string();
        const std::string path = !list->scalar.empty() && list->scalar.front() == '/' ? list->scalar : dir + list->scalar;
        std::vector<StaffRecord> records;
        if (!read_staff_list(path, path, names, start, records, diags)) return;
        if (const params::Tree* sha = node_at(root, "initial_staff.staff_list_sha256"); sha && sha->is_scalar()) {
            const std::string now = io::sha256_hex(staff_list_bytes(path));
            if (now != sha->scalar)
                diags.error(sha->loc, "initial_staff.staff_list_sha256",
                            "the staff list " + path + " has changed since these results were simulated (SHA-256 " +
                                now.substr(0, 12) + "... against " + sha->scalar.substr(0, 12) +
                                "...); simulate again from the scenario that names it");
        }
        std::map<std::pair<int, int>, double> held;
        const params::Tree* start_as = node_at(root, "initial_staff.start_as");
        const bool opening = start_as && start_as->scalar == "new";
        for (const auto& r : records) {
            // A service opening on the start date has nobody leaving or on the way.
            const bool appointee = params::days_from_civil(r.start_date) > params::days_from_civil(start);
            if (opening && (r.leaving_date || appointee))
                diags.error(params::Loc{std::make_shared<const std::string>(path), r.line, 1},
                            r.leaving_date ? "leaving_date" : "start_date",
                            std::string(r.leaving_date ? "a leaving date" : "a start date after the start") +
                                " describes a running service; set initial_staff.start_as: running, or leave it out");
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
