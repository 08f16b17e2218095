// Long batches in bounded memory: results are reduced in replication order as
// they arrive, and the rows that exact percentiles need go to a temporary
// file beyond a memory budget, without changing a byte of the outputs.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "engine/io/spool.h"
#include "engine/sim/batch.h"
#include "engine/stats/column_store.h"
#include "helpers.h"
#include "models/output/outputs.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;

namespace {

std::vector<std::vector<double>> random_rows(std::size_t rows, std::size_t width, unsigned seed) {
    std::mt19937_64 gen(seed);
    std::normal_distribution<double> z;
    std::vector<std::vector<double>> out(rows, std::vector<double>(width));
    for (auto& row : out)
        for (double& v : row) v = z(gen);
    return out;
}

}  // namespace

TEST_CASE("a column store gives back every column exactly, in memory or from its file", "[streaming]") {
    const std::size_t width = 37, rows = 20000;
    const auto data = random_rows(rows, width, 7);
    for (std::size_t budget : {std::size_t{1} << 30, std::size_t{300} << 10, std::size_t{1}}) {
        INFO("budget " << budget);
        stats::ColumnStore store(width, budget);
        for (const auto& row : data) store.append(row.data());
        REQUIRE(store.rows() == rows);
        if (budget == (std::size_t{1} << 30)) CHECK(store.spilled_bytes() == 0);
        else CHECK(store.spilled_bytes() > 0);
        // In order, backwards and at random: the cache of columns read
        // together must not mix them up.
        std::vector<std::size_t> order;
        for (std::size_t c = 0; c < width; ++c) order.push_back(c);
        for (std::size_t c = width; c-- > 0;) order.push_back(c);
        std::mt19937 gen(3);
        for (int i = 0; i < 20; ++i) order.push_back(gen() % width);
        for (std::size_t c : order) {
            const std::vector<double> col = store.column(c);
            REQUIRE(col.size() == rows);
            bool same = true;
            for (std::size_t r = 0; r < rows; ++r) same = same && col[r] == data[r][c];
            CHECK(same);
        }
    }
}

TEST_CASE("a column store's memory stays within its budget however many rows arrive", "[streaming]") {
    const std::size_t width = 200, budget = std::size_t{4} << 20;
    stats::ColumnStore store(width, budget);
    std::vector<double> row(width, 1.5);
    std::size_t most = 0;
    for (std::size_t r = 0; r < 60000; ++r) {  // 96 MB of rows
        row[0] = static_cast<double>(r);
        store.append(row.data());
        most = std::max(most, store.memory_bytes());
    }
    // Half the budget for kept blocks, plus the block being filled (1 MiB).
    CHECK(most <= budget / 2 + (std::size_t{1} << 20) + width * sizeof(double));
    CHECK(store.spilled_bytes() > std::uint64_t{80} << 20);
    const std::vector<double> first = store.column(0);
    CHECK(store.memory_bytes() <= budget + (std::size_t{1} << 20) + width * sizeof(double));
    REQUIRE(first.size() == 60000);
    CHECK(first[0] == 0);
    CHECK(first[59999] == 59999);
}

TEST_CASE("a spool gives back its bytes in order, from memory or from its file", "[streaming]") {
    std::string all;
    std::mt19937 gen(5);
    for (int i = 0; i < 300000; ++i) all.push_back(static_cast<char>(gen() & 0xff));
    for (std::size_t limit : {std::size_t{1} << 30, std::size_t{4096}}) {
        io::Spool spool("test bytes", limit);
        for (std::size_t at = 0; at < all.size(); at += 1000) spool.append(all.data() + at, std::min<std::size_t>(1000, all.size() - at));
        CHECK(spool.size() == all.size());
        std::string back;
        std::size_t pieces = 0;
        spool.read(7000, [&](const char* p, std::size_t n) {
            CHECK(n <= 7000);
            back.append(p, n);
            ++pieces;
        });
        CHECK(pieces == (all.size() + 6999) / 7000);
        CHECK(back == all);
    }
}

TEST_CASE("the batch runner hands results over in replication order, whatever the threads", "[streaming]") {
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
        std::vector<std::size_t> seen;
        const bool done = engine::run_batch_in_order<std::size_t>(
            500, threads,
            [](std::size_t i) {
                // Uneven work, so that replications finish out of order.
                volatile double x = 0;
                for (std::size_t k = 0; k < (i % 7) * 20000; ++k) x = x + 1e-9 * static_cast<double>(k);
                return i;
            },
            [&](std::size_t i, std::size_t&& r) {
                CHECK(i == r);
                seen.push_back(r);
            });
        CHECK(done);
        REQUIRE(seen.size() == 500);
        for (std::size_t i = 0; i < seen.size(); ++i) REQUIRE(seen[i] == i);
    }
}

TEST_CASE("an error in a replication or in the sink stops the batch and is reported", "[streaming]") {
    auto fails_at = [](std::size_t bad) {
        return [bad](std::size_t i) -> int {
            if (i == bad) throw std::runtime_error("replication " + std::to_string(i) + " failed");
            return static_cast<int>(i);
        };
    };
    std::size_t handed = 0;
    CHECK_THROWS_WITH((engine::run_batch_in_order<int>(100, 3, fails_at(40), [&](std::size_t, int&&) { ++handed; })),
                      "replication 40 failed");
    CHECK(handed <= 40);
    CHECK_THROWS_WITH((engine::run_batch_in_order<int>(
                          100, 3, [](std::size_t i) { return static_cast<int>(i); },
                          [](std::size_t i, int&&) {
                              if (i == 10) throw std::runtime_error("disk full");
                          })),
                      "disk full");
}

TEST_CASE("outputs are byte-identical whether the results stay in memory or go to a file", "[streaming]") {
    const std::string yaml = read_file(test::source_path("scenarios/default.yaml"));
    // 24 months make rows of about 6 KB, so 300 replications fill a block
    // (1 MiB) and, with a budget of 1 byte, go to the file.
    const auto reps = test::simulate(yaml, 300, 11, 24);
    model::BatchInfo info;
    info.scenario_name = "streaming";
    info.seed = 11;
    info.calendar = test::calendar_of(yaml, 24);
    std::vector<std::string> warnings;
    info.targets = model::read_targets(test::simulate_tree(yaml), info.calendar, warnings);
    REQUIRE(!info.targets.empty());
    model::BatchResults small(info.calendar, info.targets, 1);  // every full block to the file
    for (const auto& r : reps) small.add(r);
    CHECK(small.spilled_bytes() > 0);
    CHECK(model::trajectory_csv(info, small) == model::trajectory_csv(info, reps));
    CHECK(model::financial_years_csv(info, small) == model::financial_years_csv(info, reps));
    CHECK(model::summary_json(info, small) == model::summary_json(info, reps));
}

TEST_CASE("wfsim run writes the same files with a small results memory", "[streaming][cli]") {
    TempDir d;
    const std::string base = "run " + test::source_path("scenarios/default.yaml") + " --reps 400 --months 24 -q --seed 9 --out ";
    REQUIRE(run_wfsim(base + (d.path / "memory").string()).exit_code == 0);
    // With 1 MiB, the 400 rows of about 6 KB (two blocks of 1 MiB) go to the file.
    const auto spilled = run_wfsim(base + (d.path / "file").string() + " --threads 2", "WFSIM_RESULTS_MEMORY_MB=1");
    const auto bad = run_wfsim(base + (d.path / "bad").string(), "WFSIM_RESULTS_MEMORY_MB=many");
    REQUIRE(spilled.exit_code == 0);
    for (const char* f : {"trajectory.csv", "financial_years.csv", "summary.json"}) {
        INFO(f);
        CHECK(read_file((d.path / "memory" / f).string()) == read_file((d.path / "file" / f).string()));
    }
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("WFSIM_RESULTS_MEMORY_MB=many") != std::string::npos);
}

TEST_CASE("a batch whose temporary file cannot be made or written stops with a message and writes nothing",
          "[streaming][cli]") {
    TempDir d;
    const std::string args = "run " + test::source_path("scenarios/default.yaml") +
                             " --reps 400 --months 24 -q --seed 9 --threads 2 --out ";
    const auto no_folder = run_wfsim(args + (d.path / "a").string(),
                                     "WFSIM_RESULTS_MEMORY_MB=1 TMPDIR=" + (d.path / "no-such-folder").string());
    // A file size limit of 1 MiB: the first block (about 1 MiB) cannot be written whole.
    rlimit old{};
    ::getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = 1 << 20;
    ::setrlimit(RLIMIT_FSIZE, &small);
    const auto full = run_wfsim(args + (d.path / "b").string(), "WFSIM_RESULTS_MEMORY_MB=1");
    ::setrlimit(RLIMIT_FSIZE, &old);
    CHECK(no_folder.exit_code == 1);
    CHECK(no_folder.err.find("cannot make a temporary file in " + (d.path / "no-such-folder").string()) != std::string::npos);
    CHECK(full.exit_code == 1);
    CHECK(full.err.find("cannot write replication results to a temporary file") != std::string::npos);
    for (const char* out : {"a", "b"}) CHECK(!std::filesystem::exists(d.path / out / "summary.json"));
}
