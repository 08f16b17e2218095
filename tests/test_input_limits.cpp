// Every input is bounded before the work starts (issue 14, point 2): counts
// and list lengths in the scenario, every numeric option of every command,
// what a batch needs (threads x one replication, the stored results) against
// the memory limit and $TMPDIR's free space, and the files wfsim reads.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>

#include "helpers.h"
#include "models/limits/footprint.h"
#include "models/limits/limits.h"
#include "tools/wfsim/cli.h"
#include "tools/wfsim/resources.h"

using namespace wfsim;

namespace {

const std::string kHead = "name: limits\nstart: 2020-01-01\nhorizon: 3 months\n";
const std::string kBase = kHead + "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n";

// `n` items made by `item(i)`, as a YAML flow list or mapping body.
std::string repeat(std::size_t n, const std::function<std::string(std::size_t)>& item) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += (i ? ", " : "") + item(i);
    return s;
}

std::string grades(std::size_t n) {
    return "grades: {" + repeat(n, [](std::size_t i) { return "g" + std::to_string(i) + ": {salary: 30000}"; }) + "}\n";
}
std::string teams(std::size_t n) {
    return "establishment: {teams: {" + repeat(n, [](std::size_t i) { return "t" + std::to_string(i) + ": {sw: 1}"; }) + "}}\n";
}
std::string pipelines(std::size_t n) {
    return "pipelines: [" + repeat(n, [](std::size_t i) {
               return "{name: p" + std::to_string(i) + ", kind: university, grade: sw, first_intake: 2020-02-01, trainees: 1}";
           }) + "]\n";
}
std::string targets(std::size_t n) {
    return "targets: [" + repeat(n, [](std::size_t i) {
               return "{name: t" + std::to_string(i) + ", metric: vacancy_rate, op: '<=', value: 0.1, month: 3}";
           }) + "]\n";
}

}  // namespace

TEST_CASE("counts and list lengths past their limits are refused, naming the key and the limit", "[limits][validate]") {
    test::TempDir d;
    const std::string sw = "grades: {sw: {salary: 30000}}\n", est = "establishment: {teams: {a: {sw: 10}}}\n";
    const std::vector<std::tuple<std::string, std::string>> refused = {
        {kHead + grades(101) + "establishment: {teams: {a: {g0: 1}}}\n", "grades: 101 grades; wfsim takes at most 100"},
        {kHead + sw + teams(10001), "establishment.teams: 10,001 teams; wfsim takes at most 10,000"},
        {kBase + pipelines(1001), "pipelines: 1,001 pipelines; wfsim takes at most 1,000"},
        {kBase + targets(1001), "targets: 1,001 targets; wfsim takes at most 1,000"},
        {kBase + "retention:\n  bonuses: [" + repeat(101, [](std::size_t i) {
             return "{name: b" + std::to_string(i) + ", at_service: 18 months, amount: 100}";
         }) + "]\n",
         "retention.bonuses: 101 bonus schemes; wfsim takes at most 100"},
        {kHead + "grades: {sw: {salary: 30000}, senior: {salary: 40000}}\n" + est + "progression: [" +
             repeat(1001, [](std::size_t) { return "{from: sw, to: senior, rate: 0.1}"; }) + "]\n",
         "progression: 1,001 progression rules; wfsim takes at most 1,000"},
        {kBase + "leaving:\n  by_service: [" + repeat(101, [](std::size_t i) {
             return "{under: " + std::to_string(i + 1) + " months, multiplier: 1}";
         }) + "]\n",
         "leaving.by_service: 101 bands of service; wfsim takes at most 100"},
        {kHead + sw + "establishment:\n  teams: {a: {sw: 10}}\n  changes: [" + repeat(10001, [](std::size_t) {
             return "{at: 2020-02-01, team: a, sw: 0}";
         }) + "]\n",
         "establishment.changes: 10,001 dated changes; wfsim takes at most 10,000"},
        {kBase + "budget: {" + repeat(201, [](std::size_t i) {
             const int y = 1900 + static_cast<int>(i);
             char b[16];
             std::snprintf(b, sizeof b, "%d-%02d", y, (y + 1) % 100);
             return std::string(b) + ": 1000";
         }) + "}\n",
         "budget: 201 financial years; wfsim takes at most 200"},
        // Trainees: 100,000 an intake every 28 days for 100 years is 129 million people.
        {"name: limits\nstart: 2020-01-01\nhorizon: 100 years\n" + sw + est +
             "pipelines: [{name: p, kind: university, grade: sw, first_intake: 2020-01-01, every: 28 days, "
             "last_intake: 2119-01-01, trainees: 100000}]\n",
         "pipelines: the intakes before the horizon ends bring 129,200,000 trainees in all; wfsim takes at most 3,000,000"},
        {kHead + sw + est + "pipelines: [{name: p, kind: university, grade: sw, first_intake: 2020-01-01, trainees: 1e12}]\n",
         "pipelines[0].trainees: 1e12 is not a whole number (0 to 100,000)"},
        {kHead + sw + est + "pipelines: [{name: p, kind: university, grade: sw, first_intake: 2020-01-01, every: 0.0001 days, "
                            "last_intake: 2020-03-01, trainees: 1}]\n",
         "pipelines[0].every: 0.0001 days is outside the allowed range (28 days to 36,525 days)"},
        {kBase + "leaving: {pressure_review: 1e-9 days}\n", "leaving.pressure_review: 1e-9 days is outside the allowed range"},
        {"name: limits\nstart: 2020-01-01\nhorizon: 101 years\n" + sw + est, "horizon: 101 years is outside the allowed range"},
        {kHead + sw + "establishment: {teams: {a: {sw: 1e19}}}\n", "is not an FTE (0 to 2,000,000)"},
    };
    for (const auto& [text, message] : refused) {
        INFO(message);
        const auto r = test::run_wfsim("validate " + d.write("s.yaml", text));
        INFO(r.err.substr(0, 2000));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
    // At the limits (where it is cheap to say so), accepted.
    const std::vector<std::string> accepted = {
        kHead + grades(100) + "establishment: {teams: {a: {g0: 1}}}\n",
        kBase + pipelines(1000),
        kBase + targets(1000),
        "name: limits\nstart: 2020-01-01\nhorizon: 100 years\n" + sw + est +
            "pipelines: [{name: p, kind: university, grade: sw, first_intake: 2020-01-01, every: 12 months, "
            "last_intake: 2119-01-01, trainees: 20000}]\n",
    };
    for (const auto& text : accepted) {
        const auto r = test::run_wfsim("validate " + d.write("ok.yaml", text));
        INFO(text.substr(0, 300) << "\n" << r.err.substr(0, 2000));
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("every numeric option of every command is bounded, with the bounds in the message", "[limits][cli]") {
    test::TempDir d;
    const std::string s = d.write("s.yaml", kBase), out = " --out " + (d.path / "o").string();
    const std::string obs = d.write("obs.csv", "metric,month,value\nvacancy_rate,3,0.1\n");
    const std::string cal = "calibrate " + s + " --observed " + obs + " --fit leaving.base_rate.sw" + out;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"run " + s + " --reps 0" + out, "wfsim run: --reps 0 is outside 1 to 100000000"},
        {"run " + s + " --reps 100000001" + out, "wfsim run: --reps 100000001 is outside 1 to 100000000"},
        {"run " + s + " --reps 99999999999999999999" + out, "wfsim run: --reps 99999999999999999999 is not a whole number from 1 to 100000000"},
        {"run " + s + " --reps 1e3" + out, "wfsim run: --reps 1e3 is not a whole number from 1 to 100000000"},
        {"run " + s + " --threads 4097" + out, "wfsim run: --threads 4097 is outside 0 to 4096 (0 uses all cores)"},
        {"run " + s + " --months 1201" + out, "wfsim run: --months 1201 is outside 1 to 1200"},
        {"run " + s + " --months -1" + out, "wfsim run: --months -1 is outside 1 to 1200"},
        {"run " + s + " --seed -1" + out, "wfsim run: --seed -1 is outside 0 to 9007199254740991"},
        {"run " + s + " --seed 9007199254740992" + out, "wfsim run: --seed 9007199254740992 is outside 0 to 9007199254740991"},
        {"compare " + s + " " + s + " --reps 100000001" + out, "wfsim compare: --reps 100000001 is outside 2 to 100000000"},
        {"compare " + s + " " + s + " --seed -2" + out, "wfsim compare: --seed -2 is outside 0 to"},
        {"compare " + s + " " + s + " --months 5000" + out, "wfsim compare: --months 5000 is outside 1 to 1200"},
        {"sweep " + s + " --grid leaving.base_rate.sw=0.1 --reps 1" + out, "wfsim sweep: --reps 1 is outside 2 to 100000000"},
        {"sweep " + s + " --grid leaving.base_rate.sw=0.1 --months 1201" + out, "wfsim sweep: --months 1201 is outside 1 to 1200"},
        {"sweep " + s + " --grid leaving.base_rate.sw=0.1 --seed x" + out, "wfsim sweep: --seed x is not a whole number from 0 to"},
        {cal + " --reps 1000001", "wfsim calibrate: --reps 1000001 is outside 2 to 1000000"},
        {cal + " --iterations 0", "wfsim calibrate: --iterations 0 is outside 1 to 1000"},
        {cal + " --iterations 1001", "wfsim calibrate: --iterations 1001 is outside 1 to 1000"},
        {cal + " --year 99999", "wfsim calibrate: --year 99999 is outside 1900 to 2200"},
        {cal + " --threads 10000", "wfsim calibrate: --threads 10000 is outside 0 to 4096"},
        {cal + " --months 1201", "wfsim calibrate: --months 1201 is outside 1 to 1200"},
        {"expected " + s + " --months 1201" + out, "wfsim expected: --months 1201 is outside 1 to 1200"},
        {"expected " + s + " --months 1e9" + out, "wfsim expected: --months 1e9 is not a whole number from 1 to 1200"},
        {"bench --threads 0", "wfsim bench: --threads 0 is outside 1 to 4096"},
        {"bench --reps 100000001", "wfsim bench: --reps 100000001 is outside 1 to 100000000"},
        {"bench --case nope", "wfsim bench: --case nope is not a case; the cases are renewal, council and national"},
        {"run " + s + " --breakdown nonsense" + out, "wfsim run: --breakdown 'nonsense' must be"},
        {"run " + s + " --shard 3/2" + out, "wfsim run: --shard 3/2: shards are numbered from 1 to n"},
        {"run " + s + " --nope" + out, "wfsim run: --nope is not an option of wfsim run"},
        {"frobnicate", "wfsim: unknown command 'frobnicate'"},
    };
    test::check_refused(cases);
    CHECK(!std::filesystem::exists(d.path / "o"));
}

TEST_CASE("a batch that would need more memory than the limit is refused before it starts", "[limits][cli]") {
    test::TempDir d;
    const std::string s = d.write("s.yaml", kBase), out = (d.path / "o").string();
    // Results: every metric by 5,000 teams for 1,200 months would be tens of GB of output alone.
    const std::string wide = d.write("wide.yaml", "name: wide\nstart: 2020-01-01\nhorizon: 100 years\n"
                                                  "grades: {sw: {salary: 30000}}\n" + teams(5000));
    std::string grid = "0";
    for (int i = 1; i < 50; ++i) grid += "," + std::to_string(i) + "%";
    struct Case {
        std::string args, env, message;
    };
    // Turnover: a leaving rate of 10,000 a year refilled at once employs 2.5 billion people in three months.
    const std::string hot = d.write("hot.yaml", kHead + "grades: {sw: {salary: 30000}}\n"
                                                "establishment: {teams: {a: {sw: 1000000}}}\n"
                                                "leaving: {base_rate: {sw: 10000}}\n"
                                                "recruitment: {method: fixed_delay, time_to_fill: 0 days}\n");
    const std::vector<Case> cases = {
        {"run " + wide + " --threads 1 -q --out " + out, "", "wfsim run: the batch would need about"},
        {"run " + hot + " --threads 1 -q --out " + out, "", "per replication of 1000000 posts, 3 months"},
        {"run " + wide + " --threads 1 -q --out " + out, "", "the limit is"},
        {"run " + s + " --threads 4 -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=4",
         "(4 threads x "},
        {"run " + s + " --threads 4 -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=4",
         "the limit is 4 MB (WFSIM_MEMORY_LIMIT_MB=4): use fewer threads"},
        {"compare " + s + " " + s + " --threads 1 -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=4", "wfsim compare: the batch would need about"},
        {"sweep " + s + " --grid leaving.base_rate.sw=0.1,0.2 --threads 1 -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=4",
         "wfsim sweep: the batch would need about"},
        // 2,500 points' scenarios, all held while the grid runs: refused before the rest are loaded.
        {"sweep " + s + " --grid leaving.base_rate.sw=" + grid + " --grid agency.fill_probability=" + grid +
             " --threads 1 -q --out " + out,
         "WFSIM_MEMORY_LIMIT_MB=4", "wfsim sweep: the 2500 points' scenarios ("},
        {"run " + s + " -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=lots", "WFSIM_MEMORY_LIMIT_MB=lots is not a whole number of MiB"},
        {"run " + s + " -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=0", "WFSIM_MEMORY_LIMIT_MB=0 is not a whole number of MiB"},
    };
    for (const auto& c : cases) {
        INFO(c.env << " " << c.args);
        const auto r = test::run_wfsim(c.args, c.env);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
    CHECK(!std::filesystem::exists(d.path / "o"));
    // The same small scenario fits a sensible limit.
    const auto ok = test::run_wfsim("run " + s + " --reps 3 --threads 2 -q --out " + out, "WFSIM_MEMORY_LIMIT_MB=256");
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
}

TEST_CASE("the estimate grows with threads, replications and months, and is checked against free disk", "[limits]") {
    params::Tree small, longer;
    test::TempDir d;
    REQUIRE(test::load_errors(d.write("a.yaml", kBase), {}, &small).empty());
    REQUIRE(test::load_errors(d.write("b.yaml", kBase), {"horizon=30 years"}, &longer).empty());
    const model::Footprint f = model::footprint(small, 0, model::Breakdown());
    const model::Footprint g = model::footprint(longer, 0, model::Breakdown());
    CHECK(f.posts == 10);
    CHECK(f.months == 3);
    CHECK(g.months == 360);
    CHECK(g.row_bytes > 50 * f.row_bytes);
    const std::size_t budget = std::size_t{64} << 20;
    const auto one = model::batch_needs(f, 1, 100, 1, budget), eight = model::batch_needs(f, 8, 100, 1, budget);
    CHECK(eight.memory > one.memory);
    CHECK(eight.memory - one.memory == Approx(7 * one.per_thread));
    // Rows past half the memory budget go to $TMPDIR: none for 100, all of them for a million.
    CHECK(model::batch_needs(g, 1, 100, 1, budget).temp_disk == 0);
    const auto many = model::batch_needs(g, 1, 1000000, 1, budget);
    CHECK(many.temp_disk == Approx(1e6 * g.row_bytes));
    // Refused when $TMPDIR has less free space than that, with both in the message.
    const std::string why = cli::refusal("run", g, many, 1, 1e12, "wfsim's limit", many.temp_disk / 2, "/small/tmp");
    INFO(why);
    CHECK(why.find("wfsim run: the batch's results would need about") != std::string::npos);
    CHECK(why.find("of temporary disk in /small/tmp, which has") != std::string::npos);
    CHECK(why.find("set TMPDIR to a folder with space") != std::string::npos);
    CHECK(cli::refusal("run", g, many, 1, 1e12, "wfsim's limit", many.temp_disk * 2, "/big/tmp").empty());
    CHECK(cli::refusal("run", g, many, 1, 1e12, "wfsim's limit", -1, "/unknown").empty());  // free space unknown: not refused
    // Memory over the limit, with the threads and the per-replication size in the message.
    const std::string mem = cli::refusal("compare", f, eight, 8, eight.memory / 2, "WFSIM_MEMORY_LIMIT_MB=1", -1, "");
    INFO(mem);
    CHECK(mem.find("wfsim compare: the batch would need about") != std::string::npos);
    CHECK(mem.find("(8 threads x ") != std::string::npos);
    CHECK(mem.find("use fewer threads") != std::string::npos);
    // --threads 0 runs as many threads as fit.
    const cli::BatchShape shape{0, 1, 1, 0};
    CHECK(cli::plan_batch("run", f, shape) >= 1);
}

TEST_CASE("the national benchmark is accepted, and its estimate is near its measured peak", "[limits]") {
    params::Tree national;
    const std::vector<std::string> sets = {
        "establishment.teams.england={asye: 120000, sw: 900000, senior: 300000, manager: 180000}",
        "initial_staff.vacancies={asye: 10000, sw: 190000, senior: 30000, manager: 20000}",
        "caseload.cases.england=22900000", "establishment.changes=[]"};
    REQUIRE(test::load_errors(test::source_path("scenarios/england/england-children-2017.yaml"), sets, &national).empty());
    const model::Footprint f = model::footprint(national, 120, model::Breakdown());
    CHECK(f.posts == 1500000);
    // Measured: 846,052 kB peak resident (wfsim run, 1 replication, 120 months; models/limits/footprint.cpp).
    const double measured = 846052.0 * 1024;
    const double estimate = model::batch_needs(f, 1, 1, 1, std::size_t{64} << 20).memory;
    INFO("estimate " << estimate / 1e6 << " MB");
    CHECK(estimate > 0.8 * measured);
    CHECK(estimate < 2.0 * measured);
    // One thread fits wfsim's limit, and so do several.
    CHECK(model::batch_needs(f, 8, 1, 1, std::size_t{64} << 20).memory <
          static_cast<double>(model::limits::kDefaultMemoryLimitMiB) * (1 << 20));
}

TEST_CASE("files are read with a size limit before they are trusted", "[limits][files][cli]") {
    test::TempDir d;
    const std::string s = d.write("s.yaml", kBase);
    // A shard with bytes after its checksum, or one endless first line, is refused.
    const std::string shard = (d.path / "shard").string();
    auto r = test::run_wfsim("run " + s + " --reps 2 -q --shard 1/1 --out " + shard);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::filesystem::path file = d.path / "shard" / "shard.wfsim";
    REQUIRE(std::filesystem::exists(file));
    { std::ofstream(file, std::ios::app) << "extra"; }
    r = test::run_wfsim("merge -q " + shard + " --out " + (d.path / "m").string());
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("5 bytes follow its checksum") != std::string::npos);
    { std::ofstream(file, std::ios::trunc) << std::string(1 << 20, 'x'); }
    r = test::run_wfsim("merge -q " + shard + " --out " + (d.path / "m").string());
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("its first line is longer than 64 bytes") != std::string::npos);
    // A header promising more results than the file holds: refused before reading them.
    r = test::run_wfsim("run " + s + " --reps 2 -q --shard 1/1 --force --out " + shard);
    REQUIRE(r.exit_code == 0);
    std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
    r = test::run_wfsim("merge -q " + shard + " --out " + (d.path / "m").string());
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("truncated") != std::string::npos);
    // calibrate's observations: a 65 MiB file (sparse, so cheap) is not read.
    const std::string big = (d.path / "big.csv").string();
    { std::ofstream(big) << "metric,month,value\n"; }
    std::filesystem::resize_file(big, std::uintmax_t{65} << 20);
    r = test::run_wfsim("calibrate " + s + " --observed " + big + " --fit leaving.base_rate.sw --out " + (d.path / "c").string());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("wfsim reads at most 64 MiB of observations") != std::string::npos);
}
