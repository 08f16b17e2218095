#include "models/initial_staff/staff_list.h"
#include "models/limits/limits.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <memory>

#include "engine/io/csv.h"
#include "engine/io/file_kind.h"
#include "engine/io/sha256.h"
#include "engine/params/loader.h"

namespace wfsim::model {

namespace {

constexpr std::size_t kMaxBytes = 512u << 20;  // a national list of 1.5 million rows is ~60 MB

std::string trim_lower(const std::string& field) {
    std::string s = io::trimmed(field);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

bool parse_staff_list(const std::string& text_in, const std::string& shown, const Names& names,
                      const params::Date& scenario_start, std::vector<StaffRecord>& out, params::Diagnostics& diags) {
    auto file = std::make_shared<const std::string>(shown);
    const std::size_t before = diags.count();
    const std::string& text = text_in;
    if (text.find('\0') != std::string::npos) {
        diags.error(params::Loc{file, 0, 0}, "", "is not a CSV text file (it holds NUL bytes)");
        return false;
    }
    io::CsvReader reader(text);  // a byte-order mark, any line ending, quoted fields
    io::CsvRecord record;
    const std::vector<std::string>& fields = record.fields;
    bool read = false;
    try {
        read = reader.next(record);
    } catch (const std::invalid_argument&) {
    }
    if (!read || record.blank()) {
        diags.error(params::Loc{file, 1, 1}, "", "the staff list is empty; it needs a header row: grade,team,fte,start_date,date_of_birth");
        return false;
    }
    int col_grade = -1, col_team = -1, col_fte = -1, col_start = -1, col_dob = -1, col_age = -1, col_leave = -1;
    bool twice = false;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string h = trim_lower(fields[i]);
        const int c = static_cast<int>(i);
        int* col = h == "grade" ? &col_grade : h == "team" ? &col_team : h == "fte" ? &col_fte
                 : h == "start_date" ? &col_start : h == "date_of_birth" ? &col_dob : h == "age" ? &col_age
                 : h == "leaving_date" ? &col_leave : nullptr;
        if (!col) continue;
        if (*col >= 0) {  // which of the two would be read is a guess: refuse
            diags.error(params::Loc{file, 1, c + 1}, h, "the column appears twice (columns " + std::to_string(*col + 1) +
                                                             " and " + std::to_string(c + 1) + "); keep one");
            twice = true;
        }
        *col = c;
    }
    if (twice) return false;
    std::string missing;
    if (col_grade < 0) missing += " grade";
    if (col_team < 0) missing += " team";
    if (col_fte < 0) missing += " fte";
    if (col_start < 0) missing += " start_date";
    if (col_dob < 0 && col_age < 0) missing += " date_of_birth (or age)";
    if (!missing.empty()) {
        diags.error(params::Loc{file, 1, 1}, "", "the header lacks the column(s)" + missing +
                                                     "; it needs grade,team,fte,start_date and date_of_birth or age");
        return false;
    }
    const long start_day = params::days_from_civil(scenario_start);
    std::size_t rows = 0;
    for (;;) {
        try {
            if (!reader.next(record)) break;
        } catch (const std::invalid_argument&) {
            diags.error(params::Loc{file, record.line, 1}, "", "a quoted field is never closed");
            break;
        }
        const int row_line = record.line;
        if (record.blank()) continue;
        if (++rows > limits::kMaxStaffListRows) {
            diags.error(params::Loc{file, row_line, 1}, "",
                        "the staff list has more than 3,000,000 rows; wfsim takes at most 3,000,000 people "
                        "(the limit on posts, models/limits/limits.h)");
            break;
        }
        auto field = [&](int col) { return col >= 0 && static_cast<std::size_t>(col) < fields.size() ? io::trimmed(fields[static_cast<std::size_t>(col)]) : std::string(); };
        auto err = [&](int col, const std::string& name, const std::string& msg) {
            diags.error(params::Loc{file, row_line, col + 1}, name, msg);
        };
        StaffRecord r;
        r.line = row_line;
        bool ok = true;
        const std::string g = field(col_grade), t = field(col_team);
        r.grade = names.grade(g);
        r.team = names.team(t);
        if (r.grade < 0) { err(col_grade, "grade", "'" + g + "' is not a grade of the scenario"); ok = false; }
        if (r.team < 0) { err(col_team, "team", "'" + t + "' is not a team of the scenario"); ok = false; }
        std::string why;
        auto fte = params::parse_number(field(col_fte), false, why);
        if (!fte || *fte <= 0 || *fte > 1) {
            err(col_fte, "fte", "'" + field(col_fte) + "' is not an FTE above 0 and at most 1");
            ok = false;
        } else r.fte = *fte;
        auto sd = params::parse_date(field(col_start), why);
        if (!sd) { err(col_start, "start_date", "'" + field(col_start) + "' " + why); ok = false; }
        else r.start_date = *sd;  // after the start: an appointee on the way
        if (const std::string leave = field(col_leave); !leave.empty()) {
            auto ld = params::parse_date(leave, why);
            if (!ld) { err(col_leave, "leaving_date", "'" + leave + "' " + why); ok = false; }
            else if (params::days_from_civil(*ld) < start_day) {
                err(col_leave, "leaving_date", leave + " is before the scenario's start; list only staff in post then");
                ok = false;
            } else if (sd && params::days_from_civil(*sd) > start_day) {
                err(col_leave, "leaving_date", "an appointee who has not started (start_date " + field(col_start) +
                                                   ") cannot be leaving; leave the cell empty");
                ok = false;
            } else r.leaving_date = *ld;
        }
        const std::string dob = field(col_dob);
        if (!dob.empty()) {
            auto b = params::parse_date(dob, why);
            if (!b) { err(col_dob, "date_of_birth", "'" + dob + "' " + why); ok = false; }
            else r.age_years = static_cast<double>(start_day - params::days_from_civil(*b)) / params::kDaysPerYear;
            // An age given as well must be the age that date gives on the start date.
            const std::string age = field(col_age);
            const double a = age.empty() ? -1 : params::parse_number(age, false, why).value_or(-1);
            // (Within a year: the list may have been drawn up a little before the start.)
            if (b && a >= 0 && std::fabs(r.age_years - a) >= 1) {
                const int completed = scenario_start.year - b->year -
                                      (std::make_pair(scenario_start.month, scenario_start.day) <
                                               std::make_pair(b->month, b->day) ? 1 : 0);
                err(col_age, "age", "age " + age + " disagrees with date_of_birth " + dob + " (" +
                                        std::to_string(completed) +
                                        " on the scenario's start); give one of them, or make them agree");
                ok = false;
            }
        } else {
            auto a = params::parse_number(field(col_age), false, why);
            if (!a) { err(col_age >= 0 ? col_age : col_dob, "age", "no date_of_birth or age given"); ok = false; }
            else r.age_years = *a;
        }
        if (ok && (r.age_years < 16 || r.age_years > 90)) {
            err(col_dob >= 0 ? col_dob : col_age, "age", "an age of " + params::format_number(r.age_years) +
                                                             " years is outside 16 to 90");
            ok = false;
        }
        if (ok) out.push_back(r);
        if (diags.count() - before >= params::Diagnostics::kMaxKept) break;
    }
    return diags.count() == before;
}

std::string staff_list_bytes(const std::string& path) {
    // At most the limit and one byte more: a list grown past it since it was
    // read gets a fingerprint that matches no list wfsim accepts.
    std::ifstream in(path, std::ios::binary);
    std::string text;
    std::vector<char> piece(std::size_t{1} << 20);
    while (in && text.size() <= kMaxBytes) {
        in.read(piece.data(), static_cast<std::streamsize>(std::min(piece.size(), kMaxBytes + 1 - text.size())));
        text.append(piece.data(), static_cast<std::size_t>(in.gcount()));
    }
    return text;
}

void pin_staff_list(params::Tree& scenario) {
    params::Tree* init = scenario.find("initial_staff");
    params::Tree* list = init ? init->find("staff_list") : nullptr;
    if (!list || !list->is_scalar() || list->scalar.empty()) return;
    const std::string dir = list->loc.file ? params::directory_of(*list->loc.file) : std::string();
    const std::string path = list->scalar.front() == '/' ? list->scalar : dir + list->scalar;
    std::error_code ec;
    const std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    if (!ec) list->scalar = absolute;
    if (!init->find("staff_list_sha256")) {
        const params::Loc at = list->loc;  // a copy: set() may move the map's entries, `list` among them
        init->set("staff_list_sha256", params::Tree::make_scalar(io::sha256_hex(staff_list_bytes(absolute)), at), at);
    }
}

bool read_staff_list(const std::string& path, const std::string& shown, const Names& names,
                     const params::Date& scenario_start, std::vector<StaffRecord>& out, params::Diagnostics& diags) {
    auto file = std::make_shared<const std::string>(shown);
    if (const std::string kind = io::not_a_regular_file(path); !kind.empty()) {
        diags.error(params::Loc{file, 0, 0}, "", "is " + kind + ", not a staff list CSV file");
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(params::Loc{file, 0, 0}, "", "the staff list " + io::why_not_opened(path));
        return false;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxBytes) {
        diags.error(params::Loc{file, 0, 0}, "", "the staff list is larger than 512 MiB");
        return false;
    }
    std::string text;
    text.resize(ec ? 0 : static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_staff_list(text, shown, names, scenario_start, out, diags);
}

}  // namespace wfsim::model

namespace wfsim::model {

std::shared_ptr<const std::vector<StaffRecord>> cached_staff_list(const std::string& path, const Names& names,
                                                                  const params::Date& scenario_start) {
    // Every replication of a batch starts from the same list: read it once.
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const std::vector<StaffRecord>>> cache;
    std::error_code ec;
    const auto stamp = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
    std::string key = path + "|" + std::to_string(stamp) + "|" + params::format_date(scenario_start);
    for (const auto& g : names.grades) key += "|g:" + g;
    for (const auto& t : names.teams) key += "|t:" + t;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    auto records = std::make_shared<std::vector<StaffRecord>>();
    params::Diagnostics diags;
    if (!read_staff_list(path, path, names, scenario_start, *records, diags)) return nullptr;
    if (cache.size() > 16) cache.clear();
    cache[key] = records;
    return records;
}

}  // namespace wfsim::model
