// wfsim serve: a local what-if page (tools/wfsim/serve/).
#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "batch_runner.h"
#include "cli.h"
#include "models/limits/limits.h"
#include "serve/server.h"

namespace wfsim::cli {

int cmd_serve(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::vector<std::string> files;
    std::string host = "127.0.0.1", save_dir;
    long long port = 8080, reps = 500, seed = -1, threads = 0, max_seconds = 120;
    options.add_options()("scenario", po::value(&files)->required(), "SCENARIO then any ALTERNATIVEs (each can be chosen on the page, compared with SCENARIO)")(
        "port", po::value(&port)->default_value(8080), "the port to listen on (0: a free one; the address is printed)")(
        "host", po::value(&host)->default_value("127.0.0.1"),
        "the address to listen on; beyond this machine (not 127.0.0.1) every request needs the secret token "
        "printed in the address")(
        "reps", po::value(&reps)->default_value(500), "paired replications of each variant against the scenario")(
        "seed", po::value(&seed), "random seed (default: the scenario's)")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "save-dir", po::value(&save_dir), "the folder \"save as scenario\" writes into (default: the scenario's)")(
        "max-seconds", po::value(&max_seconds)->default_value(120), "the wall time one run may take (1 to 3600)");
    po::positional_options_description pos;
    pos.add("scenario", -1);
    po::variables_map vm;
    if (!parse_args("serve", "SCENARIO [ALTERNATIVE...] [--port P] [--host H] [--reps N] [--seed S] [--save-dir FOLDER]\n"
                    "  (the page compares a variant of SCENARIO, or of an ALTERNATIVE chosen on it, with SCENARIO;\n"
                    "  each answer can be saved as a scenario or downloaded as report.html and report.xlsx)",
                    args, options, pos, vm))
        return kSuccess;
    check_bounds("serve", "--port", port, 0, 65535);
    check_bounds("serve", "--max-seconds", max_seconds, 1, 3600);
    constexpr long long kMaxServeReps = 100000;  // each run keeps the base's replications in memory
    check_bounds("serve", "--reps", reps, 2, kMaxServeReps, "intervals need two replications or more");
    if (host.empty()) throw UsageError("wfsim serve: --host is empty: give an address, or leave it out for 127.0.0.1");
    if (vm.count("save-dir") && save_dir.empty())
        throw UsageError("wfsim serve: --save-dir is empty: give a folder, or leave it out for the scenario's");

    serve::ServeOptions o;
    o.files = files;
    o.host = host;
    o.port = static_cast<int>(port);
    o.reps = static_cast<std::size_t>(reps);
    if (vm.count("seed")) o.seed = static_cast<std::uint64_t>(seed);
    o.save_dir = save_dir;
    o.threads = static_cast<unsigned>(threads);
    o.max_seconds = static_cast<double>(max_seconds);
    if (!serve::is_loopback(host)) o.token = serve::new_token();

    std::unique_ptr<serve::Server> server;
    try {
        server = std::make_unique<serve::Server>(o);
    } catch (const std::runtime_error& e) {
        std::cerr << e.what();
        if (*e.what() && std::string(e.what()).back() != '\n') std::cerr << "\n";
        return kBadInput;
    }
    try {
        server->bind();
    } catch (const std::runtime_error& e) {
        std::cerr << "wfsim serve: " << e.what() << "\n";
        return kRunFailure;
    }
    InterruptGuard guard;  // Ctrl-C or SIGTERM: stop serving, exit 130 or 143
    std::signal(SIGPIPE, SIG_IGN);  // a browser that goes away mid-answer is an error on that socket only
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        while (!done) {
            if (interrupted_exit_code() > 128) {
                server->stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    std::cout << "wfsim serve: " << files[0] << " on " << server->address() << "\n"
              << "  (" << reps << " paired replications per change; Ctrl-C to stop)" << std::endl;
    const bool ok = server->listen();
    done = true;
    watcher.join();
    server.reset();
    if (interrupted_exit_code() > 128) {
        std::cerr << "wfsim serve: stopped\n";
        return interrupted_exit_code();
    }
    if (!ok) std::cerr << "wfsim serve: the server stopped unexpectedly\n";
    return ok ? kSuccess : kRunFailure;
}

}  // namespace wfsim::cli
