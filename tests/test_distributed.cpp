// Beyond one machine: `mpirun -np K wfsim run|compare|sweep` and
// `--shard i/n` + `wfsim merge` must write the same bytes as one process.
// The MPI tests need Open MPI (Debian: openmpi-bin, libopenmpi-dev) and a
// wfsim built with it; without them they fail and say so.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "helpers.h"
#include "tools/wfsim/batch_runner.h"
#include "tools/wfsim/shard.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kScenario = test::source_path("scenarios/default.yaml");

// Every file of folder `a` (but timing.json) is in `b` with the same bytes,
// and `b` has no others.
void require_same_files(const fs::path& a, const fs::path& b) {
    std::vector<std::string> names_a, names_b;
    for (const auto& e : fs::directory_iterator(a)) names_a.push_back(e.path().filename().string());
    for (const auto& e : fs::directory_iterator(b)) names_b.push_back(e.path().filename().string());
    std::sort(names_a.begin(), names_a.end());
    std::sort(names_b.begin(), names_b.end());
    REQUIRE(names_a == names_b);
    REQUIRE(names_a.size() > 2);
    for (const auto& name : names_a) {
        if (name == "timing.json") continue;
        INFO(a.string() << " against " << b.string() << ": " << name);
        const std::string x = read_file((a / name).string());
        CHECK(!x.empty());
        CHECK(x == read_file((b / name).string()));
    }
}

// Fails the test, saying what to install, when there is no MPI to run.
void require_mpi() {
#ifndef WFSIM_WITH_MPI
    FAIL("wfsim was built without MPI (CMake found none): install openmpi-bin and libopenmpi-dev, "
         "then configure and build again");
#endif
    if (std::system("command -v mpirun >/dev/null 2>&1") != 0)
        FAIL("mpirun is not installed: install openmpi-bin and libopenmpi-dev (tools/install-deps)");
}

// Runs `mpirun -np ranks wfsim args`. As root mpirun needs
// --allow-run-as-root; --oversubscribe lets 3 ranks share 2 cores. Leak
// checking is off for the ranks: Open MPI keeps memory until exit.
test::RunResult mpirun(int ranks, const std::string& args) {
    TempDir tmp;
    const std::string out = (tmp.path / "out").string(), err = (tmp.path / "err").string();
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string cmd = "ASAN_OPTIONS='" + std::string(asan ? asan : "") + ":detect_leaks=0' " +
                            "mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                            WFSIM_BINARY + " " + args + " >" + out + " 2>" + err + " </dev/null";
    const int status = std::system(cmd.c_str());
    test::RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("mpirun sensitivity writes the bytes of one process, and seek is refused in the user's words", "[distributed][mpi]") {
    require_mpi();
    TempDir d;
    const std::string args = "sensitivity " + kScenario + " --vary agency.fill_probability --reps 4 --months 12 -q --out ";
    const fs::path one = d.path / "one", two = d.path / "two";
    REQUIRE(run_wfsim(args + one.string()).exit_code == 0);
    const auto r = mpirun(2, args + two.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    require_same_files(one, two);
    // Which value seek runs next depends on results only rank 0 holds.
    const auto seek = mpirun(2, "seek " + kScenario + " --lever agency.fill_probability --range 0.1,0.9 --goal 'x>=0.5' --reps 4");
    CHECK(seek.exit_code == 2);
    CHECK(seek.err.find("wfsim seek: runs in one process") != std::string::npos);
}

TEST_CASE("mpirun with 2 and 3 ranks writes the bytes of one process: run, compare, sweep", "[distributed][mpi]") {
    require_mpi();
    TempDir d;
    const std::string alt = d.write("cheap.yaml", "extends: " + kScenario + "\nname: cheaper agency\nagency: {cost_per_year: 60000}\n");
    const std::string run = "run " + kScenario + " --reps 7 --months 12 --seed 11 -q --out ";
    const std::string compare = "compare " + kScenario + " " + alt + " --reps 5 --months 12 --seed 11 -q --out ";
    const std::string sweep = "sweep " + kScenario + " --grid agency.cost_per_year=60000,78000 --grid "
                              "leaving.pay_elasticity=-1.5,-0.5 --minimise spend_agency --reps 4 --months 12 -q --out ";
    for (const auto& [name, args] : {std::pair{"run", run}, {"compare", compare}, {"sweep", sweep}}) {
        INFO(name);
        const fs::path one = d.path / (std::string(name) + "-1");
        REQUIRE(run_wfsim(args + one.string()).exit_code == 0);
        for (int ranks : {2, 3}) {
            INFO(ranks << " ranks");
            const fs::path many = d.path / (std::string(name) + "-" + std::to_string(ranks));
            const auto r = mpirun(ranks, args + many.string());
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
            require_same_files(one, many);
            CHECK(r.out.empty());  // -q: nothing, and nothing from the other ranks
        }
    }
    // The ranks really shared the work: rank 0 received the others' results.
    const std::string timing = read_file((d.path / "run-3" / "timing.json").string());
    CHECK(timing.find("\"mpi_ranks\": 3") != std::string::npos);
    CHECK(timing.find("\"bytes_gathered_by_rank_0\": 0") == std::string::npos);
}

TEST_CASE("mpirun to a precision stops where one process does, with the same replications.csv", "[distributed][mpi][precision]") {
    // Only rank 0 holds the results, so it decides, block by block, for all.
    require_mpi();
    TempDir d;
    const std::string tiny = d.write("tiny.yaml", test::minimal_scenario() +
                                                      "leaving: {base_rate: {sw: {dist: uniform, min: 0.1, max: 0.3}}}\n"
                                                      "recruitment: {method: none}\n"
                                                      "targets:\n"
                                                      "  - {name: nine in post, metric: permanent_fte, op: \">=\", value: 9, by: 2017-03-31}\n");
    const std::string args = "run " + tiny + " --precision 0.06 --reps 2000 --per-replication -q --out ";
    const fs::path one = d.path / "one", two = d.path / "two";
    REQUIRE(run_wfsim(args + one.string()).exit_code == 0);
    const auto r = mpirun(2, args + two.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    require_same_files(one, two);
    CHECK(read_file((one / "summary.json").string()).find("\"precision_reached\": true") != std::string::npos);
}

TEST_CASE("under mpirun only rank 0 prints, a bad command line still exits with 2", "[distributed][mpi]") {
    require_mpi();
    TempDir d;
    auto r = mpirun(3, "run " + kScenario + " --reps 4 --months 12 --out " + (d.path / "o").string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count_of(r.out, "4 replications of 12 months") == 1);
    r = mpirun(2, "run " + kScenario + " --reps 0 --out " + (d.path / "bad").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("wfsim run: --reps 0 is outside 1 to 100000000") != std::string::npos);
    CHECK(!fs::exists(d.path / "bad"));
    // More ranks than replications: some ranks have nothing to do.
    r = mpirun(3, "run " + kScenario + " --reps 2 --months 12 --seed 2 -q --out " + (d.path / "few").string());
    REQUIRE(r.exit_code == 0);
    REQUIRE(run_wfsim("run " + kScenario + " --reps 2 --months 12 --seed 2 -q --out " + (d.path / "few-1").string()).exit_code == 0);
    require_same_files(d.path / "few-1", d.path / "few");
}

TEST_CASE("an MPI job can run a shard: mpirun shard 1/2 + shard 2/2 merge to one run", "[distributed][mpi][shard]") {
    require_mpi();
    TempDir d;
    const std::string args = "run " + kScenario + " --reps 5 --months 12 --seed 3 -q";
    REQUIRE(run_wfsim(args + " --out " + (d.path / "one").string()).exit_code == 0);
    REQUIRE(mpirun(2, args + " --shard 1/2 --out " + (d.path / "s1").string()).exit_code == 0);
    REQUIRE(run_wfsim(args + " --shard 2/2 --out " + (d.path / "s2").string()).exit_code == 0);
    const auto r = run_wfsim("merge -q " + (d.path / "s1").string() + " " + (d.path / "s2").string() + " --out " +
                             (d.path / "merged").string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    require_same_files(d.path / "one", d.path / "merged");
}

TEST_CASE("shards merged in any order write the bytes of one run: run, compare, sweep", "[distributed][shard]") {
    TempDir d;
    const std::string alt = d.write("cheap.yaml", "extends: " + kScenario + "\nname: cheaper agency\nagency: {cost_per_year: 60000}\n");
    struct Case {
        std::string name, args;
        int shards;
    };
    const std::vector<Case> cases = {
        {"run", "run " + kScenario + " --reps 7 --months 12 --seed 9 -q", 3},
        {"compare", "compare " + kScenario + " " + alt + " --reps 5 --months 12 -q", 2},
        {"sweep", "sweep " + kScenario + " --grid agency.cost_per_year=60000,78000 --goal "
                  "'80:20 permanent to agency by October 2016>=0.01' --reps 4 --months 18 -q", 2},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const fs::path one = d.path / (c.name + "-one");
        REQUIRE(run_wfsim(c.args + " --out " + one.string()).exit_code == 0);
        std::string folders;
        for (int i = c.shards; i >= 1; --i) {  // merged last to first: order does not matter
            const fs::path s = d.path / (c.name + "-shard" + std::to_string(i));
            const auto r = run_wfsim(c.args + " --shard " + std::to_string(i) + "/" + std::to_string(c.shards) +
                                     " --out " + s.string());
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
            CHECK(fs::exists(s / "shard.wfsim"));
            folders += " " + s.string();
        }
        const fs::path merged = d.path / (c.name + "-merged");
        const auto r = run_wfsim("merge -q" + folders + " --out " + merged.string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        require_same_files(one, merged);
        if (c.name == "run") {  // --report reads the merged files as it reads a run's
            REQUIRE(run_wfsim(c.args + " --report --out " + one.string()).exit_code == 0);
            REQUIRE(run_wfsim("merge -q --report" + folders + " --out " + merged.string()).exit_code == 0);
            CHECK(read_file((one / "report.html").string()) == read_file((merged / "report.html").string()));
        }
    }
}

TEST_CASE("merge refuses shards that do not make one run, with one line and exit code 2", "[distributed][shard]") {
    TempDir d;
    const std::string run = "run " + kScenario + " --reps 6 -q";  // the scenario's seed, 20150601
    auto shard = [&](const std::string& folder, const std::string& spec, const std::string& extra = "") {
        const std::string months = extra.find("--months") == std::string::npos ? " --months 12 " : " ";
        const auto r = run_wfsim(run + months + extra + " --shard " + spec + " --out " + (d.path / folder).string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return " " + (d.path / folder).string();
    };
    const std::string s1 = shard("s1", "1/3"), s2 = shard("s2", "2/3"), s3 = shard("s3", "3/3");
    const std::string out = " --out " + (d.path / "merged").string();
    REQUIRE(run_wfsim("merge -q" + s1 + s2 + s3 + out).exit_code == 0);

    // A shard of another version: its header says so.
    fs::copy(d.path / "s2", d.path / "old", fs::copy_options::recursive);
    std::string text = read_file((d.path / "old" / "shard.wfsim").string());
    const std::string version = std::string("engine_version: ") + WFSIM_VERSION + "\n";
    REQUIRE(text.find(version) != std::string::npos);
    text.replace(text.find(version), version.size(), "engine_version: 0.0.1\n");
    d.write("old/shard.wfsim", text);
    // A shard whose results were damaged.
    fs::copy(d.path / "s2", d.path / "bad", fs::copy_options::recursive);
    text = read_file((d.path / "bad" / "shard.wfsim").string());
    text[text.size() - 100] ^= 1;
    d.write("bad/shard.wfsim", text);
    const std::string compare_shard = [&] {
        const auto r = run_wfsim("compare " + kScenario + " " + kScenario + " --reps 6 --months 12 --seed 3 -q --shard 2/3 --out " +
                                 (d.path / "cmp").string());
        REQUIRE(r.exit_code == 0);
        return " " + (d.path / "cmp").string();
    }();

    const std::vector<std::pair<std::string, std::string>> refusals = {
        {s1 + shard("seed", "2/3", "--seed 4") + s3, "were run with different seeds (20150601 against 4)"},
        {s1 + shard("scen", "2/3", "--set agency.cost_per_year=70000") + s3, "were run on different scenarios"},
        {s1 + shard("months", "2/3", "--months 13") + s3, "were run with different options (months=12 breakdown=grade,team against months=13 breakdown=grade,team)"},
        {s1 + " " + (d.path / "old").string() + s3, "was written by wfsim 0.0.1 but this is wfsim " + std::string(WFSIM_VERSION)},
        {s1 + compare_shard + s3, "are shards of different commands (wfsim run against wfsim compare)"},
        {s1 + s3, "shard 2/3 is missing; give every shard from 1/3 to 3/3"},
        {s1 + s2 + s2 + s3, "shard 2/3 is given twice"},
        {s1 + shard("split", "2/2") + s3, "of different splits"},
        {s1 + " " + (d.path / "bad").string() + s3, "is damaged"},
        {s1 + " " + d.path.string(), "holds no shard.wfsim"},
    };
    for (const auto& [folders, message] : refusals) {
        INFO(folders);
        const auto r = run_wfsim("merge" + folders + " --out " + (d.path / "refused").string());
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("wfsim merge: ", 0) == 0);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(count_of(r.err, "\n") == 1);
        CHECK(!fs::exists(d.path / "refused"));
    }
}

TEST_CASE("the shard option i/n is checked: numbered 1 to n, no more shards than replications", "[distributed][shard]") {
    TempDir d;
    const std::string run = "run " + kScenario + " --reps 4 --months 12 -q --out " + (d.path / "o").string() + " --shard ";
    for (const auto& [spec, message] : std::vector<std::pair<std::string, std::string>>{
             {"0/4", "numbered from 1"}, {"5/4", "numbered from 1"}, {"2", "expected i/n"}, {"a/b", "expected i/n"},
             {"1/8", "use at most 4 shards"}}) {
        INFO(spec);
        const auto r = run_wfsim(run + spec);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
}

TEST_CASE("records keep every bit of a result, blocks split replications exactly", "[distributed][shard]") {
    model::ReplicationResult r;
    const double specials[] = {0.0, -0.0, 1.0 / 3, std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::denorm_min(),
                               -1e308, 42};
    r.monthly.assign(model::kMetrics, std::vector<double>(5));
    for (int k = 0; k < model::kMetrics; ++k)
        for (std::size_t m = 0; m < 5; ++m) r.monthly[k][m] = specials[(k + m) % 8];
    r.financial_years = {model::Amounts{1, 2, 3, 4, -0.0}, model::Amounts{5, 6, 7, 8, 9}};
    r.events = 1234567890123ull;
    r.max_fte_imbalance = 1e-12;
    const cli::RecordLayout layout = cli::layout_of(r);
    CHECK(layout.bytes() == 16 + 8 * (model::kMetrics * 5 + 2 * 5));
    std::string bytes;
    cli::encode_record(r, layout, bytes);
    REQUIRE(bytes.size() == layout.bytes());
    model::ReplicationResult back;
    cli::decode_record(bytes.data(), layout, back);
    std::string again;
    cli::encode_record(back, layout, again);
    CHECK(again == bytes);  // bit for bit, NaN and -0 included
    CHECK(back.events == r.events);
    CHECK(std::signbit(back.financial_years[0][4]));
    r.monthly[3].pop_back();
    CHECK_THROWS(cli::encode_record(r, layout, bytes));

    for (std::size_t n : {1u, 2u, 7u, 100u})
        for (std::size_t parts : {1u, 2u, 3u, 8u}) {
            std::size_t next = 5;
            for (std::size_t p = 0; p < parts; ++p) {
                const cli::Range b = cli::block_of({5, 5 + n}, p, parts);
                CHECK(b.begin == next);
                CHECK(b.size() + 1 >= (n + parts - 1) / parts);
                next = b.end;
            }
            CHECK(next == 5 + n);
        }
}

TEST_CASE("merge keeps the shards' breakdown by grade and team, and refuses shards of different breakdowns",
          "[distributed][merge][cli]") {
    TempDir d;
    auto shard = [&](const std::string& name, const std::string& spec, const std::string& extra) {
        const auto r = run_wfsim("run " + kScenario + " --reps 6 --months 6 --seed 3 -q --shard " + spec + " " + extra +
                                 " --out " + (d.path / name).string());
        REQUIRE(r.exit_code == 0);
        return " " + (d.path / name).string();
    };
    const std::string a = shard("a", "1/2", "--breakdown grade"), b = shard("b", "2/2", "--breakdown grade");
    REQUIRE(run_wfsim("merge -q" + a + b + " --out " + (d.path / "merged").string()).exit_code == 0);
    REQUIRE(run_wfsim("run " + kScenario + " --reps 6 --months 6 --seed 3 -q --breakdown grade --out " +
                      (d.path / "whole").string())
                .exit_code == 0);
    // The merged rows, by grade and not by team, are those of the unsharded run.
    const std::string merged = read_file((d.path / "merged" / "trajectory.csv").string());
    CHECK(merged == read_file((d.path / "whole" / "trajectory.csv").string()));
    CHECK(merged.find(",sw,,") != std::string::npos);
    const auto r = run_wfsim("merge" + a + shard("c", "2/2", "--breakdown none") + " --out " + (d.path / "x").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("breakdown=grade against") != std::string::npos);
}
