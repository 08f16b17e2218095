#include "resources.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "batch_runner.h"
#include "cli.h"
#include "engine/stats/column_store.h"
#include "models/limits/limits.h"

namespace wfsim::cli {

double memory_limit(std::string& what) {
    if (const char* text = std::getenv("WFSIM_MEMORY_LIMIT_MB"); text && *text) {
        char* end = nullptr;
        errno = 0;
        const long long mb = std::strtoll(text, &end, 10);
        if (errno != 0 || *end != '\0' || mb < 1 || mb > (1LL << 30))
            throw UsageError(std::string("wfsim: WFSIM_MEMORY_LIMIT_MB=") + text +
                             " is not a whole number of MiB from 1 to 1073741824 (the most memory a batch may need; "
                             "unset it for " + std::to_string(model::limits::kDefaultMemoryLimitMiB) + ")");
        what = "WFSIM_MEMORY_LIMIT_MB=" + std::string(text);
        return static_cast<double>(mb) * (1 << 20);
    }
    double limit = static_cast<double>(model::limits::kDefaultMemoryLimitMiB) * (1 << 20);
    what = "wfsim's limit";
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page > 0 && static_cast<double>(pages) * static_cast<double>(page) < limit) {
        limit = static_cast<double>(pages) * static_cast<double>(page);
        what = "this machine's memory";
    }
    return limit;
}

double temp_free(std::string& folder) {
    const char* env = std::getenv("TMPDIR");
    folder = env && *env ? env : "/tmp";
    struct statvfs st {};
    if (::statvfs(folder.c_str(), &st) != 0) return -1;
    return static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize);
}

std::string refusal(const std::string& command, const model::Footprint& f, const model::BatchNeeds& needs,
                    unsigned threads, double limit, const std::string& limit_what, double free_disk,
                    const std::string& folder) {
    using model::format_bytes;
    if (needs.memory > limit) {
        std::string advice = threads > 1 ? "use fewer threads, fewer replications or a smaller scenario"
                                         : "use a smaller establishment, a shorter horizon, --breakdown none or fewer replications";
        return "wfsim " + command + ": the batch would need about " + format_bytes(needs.memory) + " of memory (" +
               std::to_string(threads) + " thread" + (threads == 1 ? "" : "s") + " x " + format_bytes(needs.per_thread) +
               " per replication of " + std::to_string(static_cast<long long>(f.posts)) + " posts, " +
               std::to_string(f.months) + " months and " + std::to_string(f.series) +
               " series, with the stored results and output files); the limit is " + format_bytes(limit) + " (" +
               limit_what + "): " + advice;
    }
    if (free_disk >= 0 && needs.temp_disk > free_disk)
        return "wfsim " + command + ": the batch's results would need about " + format_bytes(needs.temp_disk) +
               " of temporary disk in " + folder + ", which has " + format_bytes(free_disk) +
               " free: set TMPDIR to a folder with space, run fewer replications, or split the batch with --shard";
    return "";
}

double tree_bytes(const params::Tree& tree) {
    double bytes = sizeof(params::Tree) + static_cast<double>(tree.scalar.capacity());
    for (const auto& [key, value] : tree.map)
        bytes += static_cast<double>(sizeof(std::string) + key.capacity() + sizeof(params::Loc)) + tree_bytes(value);
    for (const auto& item : tree.seq) bytes += tree_bytes(item);
    return bytes;
}

void check_held(const std::string& command, double bytes, const std::string& what) {
    std::string limit_what;
    const double limit = memory_limit(limit_what);
    if (bytes > limit / 2)
        throw UsageError("wfsim " + command + ": " + what + " would take about " + model::format_bytes(bytes) +
                         " of memory; the limit is " + model::format_bytes(limit) + " (" + limit_what +
                         "), and half of it is for the simulation: use fewer points");
}

model::Footprint largest_footprint(const std::vector<params::Tree>& scenarios, int months, const model::Breakdown& breakdown) {
    model::Footprint big;
    for (const auto& tree : scenarios) {
        const model::Footprint f = model::footprint(tree, months, breakdown);
        big.posts = std::max(big.posts, f.posts);
        big.people = std::max(big.people, f.people);
        big.months = std::max(big.months, f.months);
        big.series = std::max(big.series, f.series);
        big.financial_years = std::max(big.financial_years, f.financial_years);
        big.targets = std::max(big.targets, f.targets);
        big.replication_bytes = std::max(big.replication_bytes, f.replication_bytes);
        big.result_bytes = std::max(big.result_bytes, f.result_bytes);
        big.row_bytes = std::max(big.row_bytes, f.row_bytes);
        big.output_bytes = std::max(big.output_bytes, f.output_bytes);
    }
    return big;
}

unsigned plan_batch(const std::string& command, const model::Footprint& f, const BatchShape& shape) {
    std::string limit_what, folder;
    const double limit = memory_limit(limit_what), free_disk = temp_free(folder);
    const std::size_t budget = stats::ColumnStore::default_budget();
    auto needs = [&](unsigned t) {
        model::BatchNeeds n = model::batch_needs(f, t, shape.reps, shape.stores, budget);
        n.memory += static_cast<double>(shape.held_results) * f.result_bytes + shape.held_bytes;
        return n;
    };
    unsigned threads = resolve_threads(shape.threads);
    // --threads 0: all cores, but no more threads than fit in memory.
    if (shape.threads == 0 && needs(threads).memory > limit) {
        const double fixed = needs(0).memory, per_thread = needs(1).memory - fixed;
        const double fit = per_thread > 0 ? std::floor((limit - fixed) / per_thread) : 1.0;
        threads = static_cast<unsigned>(std::clamp(fit, 1.0, static_cast<double>(threads)));
    }
    const std::string why = refusal(command, f, needs(threads), threads, limit, limit_what, free_disk, folder);
    if (!why.empty()) throw UsageError(why);
    return threads;
}

}  // namespace wfsim::cli
