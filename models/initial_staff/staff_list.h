// The staff list: people in post on the first day, as an HR system exports
// them (CSV with a header row).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/params/diagnostics.h"
#include "engine/params/tree.h"
#include "engine/params/units.h"
#include "models/names.h"

namespace wfsim::model {

struct StaffRecord {
    int grade = 0, team = 0;
    double fte = 1;
    params::Date start_date;  // after the scenario's start: an appointee due to start then
    std::optional<params::Date> leaving_date;  // working their notice, leaving then
    double age_years = 0;  // at the scenario's start
    int line = 0;
};

// Parses CSV text. Required columns: grade, team, fte, start_date, and one of
// date_of_birth or age (years at the scenario's start); optional: leaving_date
// (on or after the start, for staff working their notice). Other columns are
// ignored. Adds located errors and returns false when anything is wrong.
bool parse_staff_list(const std::string& text, const std::string& shown_name, const Names& names,
                      const params::Date& scenario_start, std::vector<StaffRecord>& out, params::Diagnostics& diags);
// The parsed list, read once per file and shared by the replications of a
// batch; nullptr when it cannot be read (validation will have said why).
std::shared_ptr<const std::vector<StaffRecord>> cached_staff_list(const std::string& path, const Names& names,
                                                                  const params::Date& scenario_start);
// The bytes of a staff list, for its fingerprint ("" when it cannot be read).
std::string staff_list_bytes(const std::string& path);
// Gives the scenario's staff list as an absolute path with the file's SHA-256
// beside it (initial_staff.staff_list_sha256), so that the resolved scenario
// written with the results loads again from any folder and refuses a list
// that has changed since. For a validated tree.
void pin_staff_list(params::Tree& scenario);
bool read_staff_list(const std::string& path, const std::string& shown_name, const Names& names,
                     const params::Date& scenario_start, std::vector<StaffRecord>& out, params::Diagnostics& diags);

}  // namespace wfsim::model
