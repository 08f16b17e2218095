// The entry points shared by the libFuzzer targets (fuzz/fuzz_*.cpp) and the
// regression test that replays every input they found (tests/
// test_fuzz_regressions.cpp), so a regression runs exactly what crashed.
//
// Scenario inputs are a YAML document, optionally followed by a line
// "#--set" and then one `--set` assignment (key.path=value) per line:
//
//     name: x
//     start: 2016-04-01
//     extends: base.yaml
//     #--set
//     horizon=1 day
//     grades.sw.salary=0
//
// The document is written to scenario.yaml in a private folder that also holds
// base.yaml, mid.yaml (which extends base.yaml) and staff.csv, so `extends` and
// `initial_staff.staff_list` have something real to read.
//
// Staff-list inputs are CSV text, parsed against fixed grades and teams.
//
// Both return whether the input was accepted and the messages; `sound` says
// the outcome keeps the loaders' promise: accepted with no message, or refused
// with at least one (and, for a staff list, every accepted record usable).
// Exceptions are not caught: the loaders promise messages, never exceptions,
// so one escaping is a finding.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/params/diagnostics.h"
#include "engine/params/loader.h"
#include "engine/params/tree.h"
#include "engine/params/units.h"
#include "models/initial_staff/staff_list.h"
#include "models/names.h"
#include "models/schema.h"

namespace wfsim::fuzz {

// At most this many --set lines are applied (the rest are ignored), so one
// input cannot make an iteration slow.
inline constexpr std::size_t kMaxSets = 16;

struct Outcome {
    bool accepted = false;
    std::vector<std::string> messages;
    bool sound = true;
};

// Splits an input into the document and its --set assignments.
inline void split_scenario_input(const std::string& input, std::string& document, std::vector<std::string>& sets) {
    static const std::string marker = "#--set\n";
    std::size_t at = std::string::npos;
    if (input.compare(0, marker.size(), marker) == 0) at = 0;
    else if (auto p = input.find("\n" + marker); p != std::string::npos) at = p + 1;
    sets.clear();
    if (at == std::string::npos) {
        document = input;
        return;
    }
    document = input.substr(0, at);
    std::size_t pos = at + marker.size();
    while (pos < input.size() && sets.size() < kMaxSets) {
        std::size_t end = input.find('\n', pos);
        if (end == std::string::npos) end = input.size();
        std::string line = input.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) sets.push_back(line);
        pos = end + 1;
    }
}

class ScenarioHarness {
public:
    // The folder is a fresh temporary one, or the one named by WFSIM_FUZZ_DIR
    // (emptied first): a fixed folder makes every run see the same paths, so
    // that a fuzzing run with a fixed seed is the same run each time.
    ScenarioHarness() {
        if (const char* fixed = std::getenv("WFSIM_FUZZ_DIR"); fixed && *fixed) {
            dir_ = fixed;
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
            if (!std::filesystem::create_directories(dir_, ec)) std::abort();
        } else {
            std::string templ = (std::filesystem::temp_directory_path() / "wfsim-fuzz-XXXXXX").string();
            if (!::mkdtemp(templ.data())) std::abort();
            dir_ = templ;
        }
        write("base.yaml",
              "name: base\n"
              "start: 2016-04-01\n"
              "horizon: 12 months\n"
              "grades:\n"
              "  sw: {salary: 30000, on_costs: 0.28, market_salary: 31000}\n"
              "  senior: {salary: 36000}\n"
              "establishment:\n"
              "  teams:\n"
              "    north: {sw: 10, senior: 2}\n"
              "    south: {sw: 5.5}\n"
              "leaving: {base_rate: {sw: 0.15, senior: 0.1}}\n"
              "agency: {fill_probability: 0.9, cost_per_year: '78,000'}\n"
              "interventions:\n"
              "  - {at: 2016-09-01, pay_uplift: {sw: 0.05}}\n");
        write("mid.yaml", "extends: base.yaml\nname: mid\nhorizon: 2 years\n");
        write("staff.csv",
              "grade,team,fte,start_date,date_of_birth\n"
              "sw,north,1,2010-01-01,1980-05-05\n"
              "sw,south,0.5,2015-02-28,1990-02-28\n"
              "senior,north,1,2001-06-30,1970-12-31\n");
        scenario_ = (dir_ / "scenario.yaml").string();
    }
    ~ScenarioHarness() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    ScenarioHarness(const ScenarioHarness&) = delete;
    ScenarioHarness& operator=(const ScenarioHarness&) = delete;

    Outcome run(const std::uint8_t* data, std::size_t size) const {
        std::string document;
        params::LoadOptions options = load_options();
        split_scenario_input(std::string(reinterpret_cast<const char*>(data), size), document, options.sets);
        write("scenario.yaml", document);
        params::Tree tree;
        params::Diagnostics diags;
        Outcome o;
        o.accepted = params::load_document(scenario_, model::scenario_schema(), options, tree, diags);
        o.messages = diags.messages();
        o.sound = o.accepted == diags.ok();  // not accepted with errors, nor refused without a word
        return o;
    }

    // The round trip of an accepted input (the optional round-trip mode of the
    // fuzzer, and the regression test): its validated tree, with the staff list
    // pinned as `wfsim run` pins it, is emitted as scenario.resolved.yaml is;
    // that text must parse back to itself (what `wfsim merge` checks of a
    // shard's copy), load again through the same loader and schema, validate
    // to the same tree and emit the same text. The outputs are a function of
    // the validated tree, so an equal tree gives byte-identical results (the
    // scenarios in scenarios/ are also run both ways, in
    // tests/test_resolved_roundtrip.cpp). `accepted`: the resolved form loads;
    // `sound`: and every check held; `messages`: the loader's, then what differed.
    Outcome reload_resolved(const std::uint8_t* data, std::size_t size) const {
        std::string document;
        params::LoadOptions options = load_options();
        split_scenario_input(std::string(reinterpret_cast<const char*>(data), size), document, options.sets);
        write("scenario.yaml", document);
        params::Tree tree;
        params::Diagnostics diags;
        Outcome o;
        if (!params::load_document(scenario_, model::scenario_schema(), options, tree, diags)) return o;
        model::pin_staff_list(tree);
        const std::string text = params::emit_yaml(tree);
        write("scenario.resolved.yaml", text);
        params::Tree parsed;
        params::Diagnostics parse_diags;
        if (!params::parse_yaml_text(text, params::Loc{}, parsed, parse_diags)) {
            o.messages = parse_diags.messages();
            o.messages.push_back("the resolved text does not parse");
            o.sound = false;
            return o;
        }
        if (params::emit_yaml(parsed) != text) o.messages.push_back("the resolved text, parsed, emits a different text");
        params::Tree again;
        params::Diagnostics diags2;
        o.accepted = params::load_document((dir_ / "scenario.resolved.yaml").string(), model::scenario_schema(),
                                           load_options(), again, diags2);
        o.messages.insert(o.messages.begin(), diags2.messages().begin(), diags2.messages().end());
        if (o.accepted) {
            model::pin_staff_list(again);
            std::string where;
            if (!same_tree(tree, again, "", where)) o.messages.push_back("the reloaded tree differs at '" + where + "'");
            if (params::emit_yaml(again) != text) o.messages.push_back("the reloaded tree emits a different text");
        }
        o.sound = o.accepted && o.messages.empty();
        return o;
    }

    // Whether two trees hold the same values (their locations aside); a text
    // written in quotes stays quoted. `where` names the first difference.
    static bool same_tree(const params::Tree& a, const params::Tree& b, const std::string& path, std::string& where) {
        where = path;
        if (a.type != b.type || a.scalar != b.scalar || (a.quoted && !b.quoted) || a.map.size() != b.map.size() ||
            a.seq.size() != b.seq.size())
            return false;
        for (std::size_t i = 0; i < a.map.size(); ++i) {
            if (a.map[i].first != b.map[i].first) {
                where = path + "." + a.map[i].first;
                return false;
            }
            if (!same_tree(a.map[i].second, b.map[i].second, path + "." + a.map[i].first, where)) return false;
        }
        for (std::size_t i = 0; i < a.seq.size(); ++i)
            if (!same_tree(a.seq[i], b.seq[i], path + "[" + std::to_string(i) + "]", where)) return false;
        return true;
    }

    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;

    // The file-size limit is lowered from 8 MiB to 64 KiB (the fuzzers' inputs
    // are smaller still): the loader zero-fills a buffer of the limit for every
    // file it reads, which would otherwise cost most of each iteration.
    static params::LoadOptions load_options() {
        params::LoadOptions o;
        o.limits.max_bytes = 64u << 10;
        return o;
    }
    std::string scenario_;

    void write(const std::string& name, const std::string& text) const {
        // Removed, not truncated: ext4 flushes a file truncated and rewritten
        // when it is closed, which would make each iteration wait for the disk.
        std::error_code ec;
        std::filesystem::remove(dir_ / name, ec);
        std::ofstream out(dir_ / name, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) std::abort();
    }
};

inline Outcome run_staff_list(const std::uint8_t* data, std::size_t size) {
    static const model::Names names = [] {
        model::Names n;
        n.grades = {"asye", "sw", "senior", "manager"};
        n.teams = {"access", "children_in_need", "looked_after", "north"};
        return n;
    }();
    const params::Date start{2016, 4, 1};
    std::vector<model::StaffRecord> records;
    params::Diagnostics diags;
    Outcome o;
    o.accepted = model::parse_staff_list(std::string(reinterpret_cast<const char*>(data), size), "staff.csv", names,
                                         start, records, diags);
    o.messages = diags.messages();
    o.sound = o.accepted == diags.ok();
    if (o.accepted)
        for (const auto& r : records)
            if (r.grade < 0 || r.team < 0 || !(r.fte > 0 && r.fte <= 1) || !(r.age_years >= 16 && r.age_years <= 90))
                o.sound = false;  // a record the simulation cannot use got through
    return o;
}

}  // namespace wfsim::fuzz
