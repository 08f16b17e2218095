// libFuzzer target: the scenario loader (params::load_document with the
// workforce schema), including `extends` (base.yaml and mid.yaml sit beside
// the input) and `--set` overrides (lines after "#--set"). See harness.h for
// the input format and tools/fuzz for how to run it.
//
// A finding is a crash, a sanitizer report, an exception escaping the loader,
// or an unsound outcome (accepted with error messages, refused without one).
// With WFSIM_FUZZ_ROUNDTRIP=1 in the environment it also checks the round
// trip of every accepted input (ScenarioHarness::reload_resolved): its
// resolved form (scenario.resolved.yaml) parses back to itself, loads again,
// and validates to the same tree, which emits the same text. WFSIM_FUZZ_KNOWN=a|b
// names known, reported bugs to fuzz past: an input accepted although it drew
// messages, each containing one of those texts, is not a finding.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/harness.h"

namespace {

const wfsim::fuzz::ScenarioHarness& harness() {
    static const wfsim::fuzz::ScenarioHarness h;
    return h;
}

bool env_on(const char* name) {
    const char* v = std::getenv(name);
    return v && *v == '1';
}

std::vector<std::string> known_issues() {
    std::vector<std::string> out;
    const char* v = std::getenv("WFSIM_FUZZ_KNOWN");
    std::string s = v ? v : "";
    for (std::size_t pos = 0; pos < s.size();) {
        std::size_t end = s.find('|', pos);
        if (end == std::string::npos) end = s.size();
        if (end > pos) out.push_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

bool known(const wfsim::fuzz::Outcome& o) {
    static const std::vector<std::string> issues = known_issues();
    if (!o.accepted || o.messages.empty() || issues.empty()) return false;
    for (const auto& m : o.messages) {
        bool matched = false;
        for (const auto& k : issues) matched = matched || m.find(k) != std::string::npos;
        if (!matched) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool roundtrip = env_on("WFSIM_FUZZ_ROUNDTRIP");
    if (size > 64 * 1024) return -1;  // scenarios are a few KB; the 8 MiB limit is tested elsewhere
    const auto outcome = harness().run(data, size);
    if (!outcome.sound && !known(outcome)) std::abort();
    if (roundtrip && outcome.accepted) {
        const auto again = harness().reload_resolved(data, size);
        if (!again.sound) {
            std::fprintf(stderr, "round trip: the resolved form of an accepted input %s:\n",
                         again.accepted ? "loads, but not as the same scenario" : "is refused");
            for (const auto& m : again.messages) std::fprintf(stderr, "  %s\n", m.c_str());
            std::abort();
        }
    }
    return 0;
}
