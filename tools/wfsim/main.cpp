// wfsim: the command line. `wfsim COMMAND --help` explains each command.
#include <iostream>

#include "cli.h"

namespace {

void print_help() {
    std::cout << "wfsim " << WFSIM_VERSION
              << ": simulate a social care workforce (vacancies, agency cover, spend) under the options a council "
                 "is weighing.\n\nusage: wfsim COMMAND [OPTIONS]\n\ncommands:\n";
    for (const auto& c : wfsim::cli::commands()) std::cout << "  " << c.name << std::string(12 - c.name.size(), ' ') << c.summary << "\n";
    std::cout << "\n  wfsim COMMAND --help   options of a command\n  wfsim --version\n\n"
                 "exit codes: 0 success, 1 a failure while running, 2 a bad command line or scenario\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace wfsim::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
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
    for (const auto& c : commands()) {
        if (c.name != args[0]) continue;
        try {
            return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
        } catch (const UsageError& e) {
            std::cerr << e.what() << "\n";
            return kBadInput;
        } catch (const std::exception& e) {
            std::cerr << "wfsim " << c.name << ": failed: " << e.what() << "\n";
            return kRunFailure;
        }
    }
    std::string names;
    for (const auto& c : commands()) names += (names.empty() ? "" : ", ") + c.name;
    std::cerr << "wfsim: unknown command '" << args[0] << "'; the commands are " << names << " (see wfsim --help)\n";
    return kBadInput;
}
