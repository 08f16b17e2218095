// wfsim: the command line. `wfsim COMMAND --help` explains each command.
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cli.h"
#include "engine/params/diagnostics.h"
#include "engine/stats/column_store.h"
#include "mpi_batch.h"

namespace {

void print_help() {
    std::cout << "wfsim " << WFSIM_VERSION
              << ": simulate a social care workforce (vacancies, agency cover, spend) under the options a council "
                 "is weighing.\n\nusage: wfsim COMMAND [OPTIONS]\n\ncommands:\n";
    for (const auto& c : wfsim::cli::commands()) std::cout << "  " << c.name << std::string(12 - c.name.size(), ' ') << c.summary << "\n";
    std::cout << "\n  wfsim COMMAND --help   options of a command\n  wfsim --version\n\n"
                 "exit codes: 0 success, 1 a failure while running, 2 a bad command line or scenario\n";
}

// WFSIM_RESULTS_MEMORY_MB: memory for a batch's results before they go to a
// temporary file (README, "Long batches").
bool set_results_memory() {
    const char* text = std::getenv("WFSIM_RESULTS_MEMORY_MB");
    if (!text || !*text) return true;
    char* end = nullptr;
    errno = 0;
    const long long mb = std::strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0' || mb < 1 || mb > (1LL << 20)) {
        std::cerr << "wfsim: WFSIM_RESULTS_MEMORY_MB=" << text
                  << " is not a whole number of MiB from 1 to 1048576 (the memory for a batch's results before "
                     "they go to a temporary file; unset it for 64)\n";
        return false;
    }
    wfsim::stats::ColumnStore::set_default_budget(static_cast<std::size_t>(mb) << 20);
    return true;
}

int dispatch(std::vector<std::string> args) {
    using namespace wfsim::cli;
    if (args.empty()) {
        print_help();
        return kBadInput;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        if (args.size() > 1 && args[0] == "help") args = {args[1], "--help"};
        else {
            print_help();
            return kSuccess;
        }
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "wfsim " << WFSIM_VERSION << "\n";
        return kSuccess;
    }
    if (!set_results_memory()) return kBadInput;
    for (const auto& c : commands()) {
        if (c.name != args[0]) continue;
        try {
            return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
        } catch (const UsageError& e) {
            if (*e.what()) std::cerr << wfsim::params::readable(e.what()) << "\n";  // empty: the error is printed already
            return kBadInput;
        } catch (const std::exception& e) {
            std::cerr << "wfsim " << c.name << ": failed: " << wfsim::params::readable(e.what()) << "\n";
            return kRunFailure;
        }
    }
    std::string names;
    for (const auto& c : commands()) names += (names.empty() ? "" : ", ") + c.name;
    std::cerr << "wfsim: unknown command '" << args[0] << "'; the commands are " << names << " (see wfsim --help)\n";
    return kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
    namespace mpi = wfsim::cli::mpi;
    // Past a file size limit (ulimit -f) a write fails with EFBIG, which wfsim
    // reports, instead of the signal ending the process without a word.
    std::signal(SIGXFSZ, SIG_IGN);
#ifdef WFSIM_WITH_MPI
    // Started by mpirun (or srun): one rank of a job that shares each batch.
    if (mpi::launcher_world_size() > 0)
        return mpi::run_rank(argc, argv, [&] { return dispatch(std::vector<std::string>(argv + 1, argv + argc)); });
#else
    if (mpi::launcher_world_size() > 1)
        std::cerr << "wfsim: warning: started by an MPI launcher as one of " << mpi::launcher_world_size()
                  << " processes, but this wfsim was built without MPI, so each process runs the whole batch; "
                     "install Open MPI (libopenmpi-dev) and rebuild\n";
#endif
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
}
