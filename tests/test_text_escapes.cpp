// Texts in a scenario survive scenario.resolved.yaml (issue 14, point 5):
// every text is written with the quotes and escapes YAML needs, so the
// resolved file reads back the same strings (and a quoted one stays quoted);
// an intervention without a name loads back; control characters, never
// needed in a name, are refused with their place, so no raw escape code
// reaches a terminal, a resolved file or a shard.
#include <catch2/catch.hpp>

#include <filesystem>

#include "engine/params/tree.h"
#include "helpers.h"

using namespace wfsim;
namespace fs = std::filesystem;

namespace {

// Texts that a plain scalar would not give back: quotes, backslashes,
// comments, indicators, flow delimiters, texts that read as numbers, true or
// null, spaces at either end, document markers, line breaks, control
// characters, Unicode line separators and byte-order marks.
const std::vector<std::string> kTexts = {
    "O'Brien \"North\" team", "back\\slash", "\\", "\"", "'", "#1 choice", "a #b", "a#b", "key: value", "ends:",
    ": starts", "- leading dash", "-", "-x", "?", "? question", "?x", "a?b", "what if?", "&anchor", "*alias", "!tag", "|pipe", ">fold",
    "%percent", "@at", "`tick", "{brace}", "[bracket]", "a,b", "a:b", "Café — £34,720 ✓", "007", "1e3", "0x1F", ".5",
    "true", "false", "yes", "no", "on", "null", "Null", "NULL", "~", "", " leading", "trailing ", " both ", "---",
    "--- x", "...", "line\nbreak", "cr\rlf\r\n", "tab\there", "\ttab first", "esc\x1b[31mred", std::string("nul\0byte", 8),
    "del\x7f", "c1 \xc2\x9b csi", "nel\xc2\x85", "ls\xe2\x80\xa8ps\xe2\x80\xa9", "bom\xef\xbb\xbf", "\xef\xbb\xbf" "bom first",
    "a: b # c, [d] {e}", "plain words"};

params::Tree scalar(const std::string& text, bool quoted) {
    params::Tree t = params::Tree::make_scalar(text, params::Loc{});
    t.quoted = quoted;
    return t;
}

params::Tree parsed(const std::string& yaml) {
    params::Tree t;
    params::Diagnostics diags;
    INFO(yaml);
    REQUIRE(params::parse_yaml_text(yaml, params::Loc{}, t, diags));
    return t;
}

// The emitted text holds no raw control character (but the line feeds between
// its lines), nor a C1 control, line separator or byte-order mark.
bool no_raw_controls(const std::string& yaml) {
    for (std::size_t i = 0; i < yaml.size(); ++i) {
        const auto c = static_cast<unsigned char>(yaml[i]);
        const auto next = i + 1 < yaml.size() ? static_cast<unsigned char>(yaml[i + 1]) : 0;
        if ((c < 0x20 && c != '\n') || c == 0x7f || (c == 0xC2 && next >= 0x80 && next <= 0x9F) ||
            yaml.compare(i, 3, "\xe2\x80\xa8") == 0 || yaml.compare(i, 3, "\xe2\x80\xa9") == 0 ||
            yaml.compare(i, 3, "\xef\xbb\xbf") == 0)
            return false;
    }
    return true;
}

// A scenario with `text` (as written in YAML) as every name-like text it has,
// an unnamed intervention among them.
std::string scenario_with(const std::string& text) {
    return "name: " + text + "\n"
           "description: " + text + "\n"
           "start: 2020-01-01\n"
           "horizon: 3 months\n"
           "grades: {sw: {salary: 30000}}\n"
           "establishment: {teams: {a: {sw: 10}}}\n"
           "pipelines:\n"
           "  - {name: " + text + ", kind: step_up, grade: sw, first_intake: 2020-02-01, trainees: 2}\n"
           "retention:\n"
           "  bonuses:\n"
           "    - {name: " + text + ", at_service: 6 months, amount: 1000}\n"
           "targets:\n"
           "  - {name: " + text + ", metric: vacancy_rate, op: '<=', value: 0.3, month: 2}\n"
           "interventions:\n"
           "  - {at: 2020-02-01, name: " + text + ", pay_uplift: {sw: 0.05}}\n"
           "  - {at: 2020-03-01, pay_uplift: {sw: 0.01}}\n";
}

std::vector<const params::Tree*> name_nodes(const params::Tree& root) {
    return {root.find("name"), root.find("description"), root.find("pipelines")->seq.at(0).find("name"),
            root.find("retention")->find("bonuses")->seq.at(0).find("name"), root.find("targets")->seq.at(0).find("name"),
            root.find("interventions")->seq.at(0).find("name")};
}

}  // namespace

TEST_CASE("every text emitted as YAML reads back the same, in every place a text can be", "[hardening][roundtrip][yaml]") {
    for (const auto& text : kTexts)
        for (const bool quoted : {false, true}) {
            INFO("text: '" << text << "' (" << text.size() << " bytes), quoted " << quoted);
            // A value in a block mapping, in a flow mapping (a short leaf), in a
            // list, in a list of mappings, and as a key.
            params::Tree root = params::Tree::make_map(params::Loc{});
            root.set("block", scalar(text, quoted), params::Loc{});
            params::Tree flow = params::Tree::make_map(params::Loc{});
            flow.set("a", scalar(text, quoted), params::Loc{});
            flow.set("b", scalar("x", false), params::Loc{});
            root.set("flow", flow, params::Loc{});
            params::Tree list;
            list.type = params::Tree::Type::Seq;
            list.seq = {scalar(text, quoted), scalar("x", false)};
            root.set("list", list, params::Loc{});
            params::Tree items;
            items.type = params::Tree::Type::Seq;
            params::Tree item = params::Tree::make_map(params::Loc{});
            item.set("name", scalar(text, quoted), params::Loc{});
            item.set("more", flow, params::Loc{});
            items.seq = {item};
            root.set("items", items, params::Loc{});
            root.set(text, scalar("key", false), params::Loc{});

            const std::string yaml = params::emit_yaml(root);
            INFO(yaml);
            CHECK(no_raw_controls(yaml));
            const params::Tree back = parsed(yaml);
            const params::Tree* got[] = {back.find("block"), back.find("flow") ? back.find("flow")->find("a") : nullptr,
                                         back.find("list") && back.find("list")->is_seq() ? &back.find("list")->seq.at(0) : nullptr,
                                         back.find("items") && back.find("items")->is_seq()
                                             ? back.find("items")->seq.at(0).find("name")
                                             : nullptr};
            for (const params::Tree* t : got) {
                REQUIRE(t);
                CHECK(t->is_scalar());
                CHECK(t->scalar == text);
                if (quoted) CHECK(t->quoted);  // "007" stays text; 007 stays as written
                if (!quoted && (text == "007" || text == "1e3" || text == "true" || text == "plain words")) CHECK_FALSE(t->quoted);
            }
            const params::Tree* key = back.find(text);
            REQUIRE(key);
            CHECK(key->scalar == "key");
            CHECK(params::emit_yaml(back) == yaml);  // a fixed point: what `wfsim merge` checks of a shard
        }
}

TEST_CASE("unusual but allowed texts in every name load back from the resolved scenario with the same results",
          "[hardening][roundtrip][cli]") {
    test::TempDir d;
    // Each as written in the scenario, and the text it stands for.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"("O'Brien \"North\" team")", "O'Brien \"North\" team"},
        {R"("back\\slash \\")", "back\\slash \\"},
        {R"("#1 choice: the 'best'")", "#1 choice: the 'best'"},
        {R"("- leading dash")", "- leading dash"},
        {R"("? & * ! | > % @ ` {[,]}")", "? & * ! | > % @ ` {[,]}"},
        {R"("Café — £34,720 ✓ 日本")", "Café — £34,720 ✓ 日本"},
        {R"('007')", "007"},
        {"007", "007"},
        {R"("1e3")", "1e3"},
        {R"("true")", "true"},
        {R"("null")", "null"},
        {R"("~")", "~"},
        {R"(" leading and trailing ")", " leading and trailing "},
        {R"("---")", "---"},
        {R"('it''s')", "it's"},
        {R"("line\u2028separator")", "line\xe2\x80\xa8separator"},
    };
    int n = 0;
    for (const auto& [yaml, text] : cases) {
        INFO(yaml);
        const std::string path = d.write("s" + std::to_string(n) + ".yaml", scenario_with(yaml));
        params::Tree tree;
        const auto errors = test::load_errors(path, {}, &tree);
        INFO((errors.empty() ? std::string() : errors.front()));
        REQUIRE(errors.empty());
        for (const params::Tree* t : name_nodes(tree)) {
            REQUIRE(t);
            CHECK(t->scalar == text);
        }
        CHECK_FALSE(tree.find("interventions")->seq.at(1).find("name"));  // no name: none written, none needed

        const fs::path first = d.path / ("a" + std::to_string(n)), again = d.path / ("b" + std::to_string(n));
        ++n;
        auto r = test::run_wfsim("run " + path + " --months 2 -q --out " + first.string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string resolved = (first / "scenario.resolved.yaml").string();
        CHECK(no_raw_controls(test::read_file(resolved)));
        params::Tree back;
        const auto errors2 = test::load_errors(resolved, {}, &back);
        INFO((errors2.empty() ? std::string() : errors2.front()));
        REQUIRE(errors2.empty());
        for (const params::Tree* t : name_nodes(back)) CHECK(t->scalar == text);
        r = test::run_wfsim("run " + resolved + " --months 2 -q --out " + again.string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        for (const char* file : {"trajectory.csv", "financial_years.csv", "summary.json", "scenario.resolved.yaml"})
            CHECK(test::read_file((first / file).string()) == test::read_file((again / file).string()));
    }
}

TEST_CASE("a control character in a name is refused with its place, and never reaches the terminal",
          "[hardening][validate][cli]") {
    test::TempDir d;
    const std::string base = "start: 2020-01-01\nhorizon: 3 months\ngrades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 10}}}\n";
    const std::string names = "; names are plain text";
    // The scenario (its name line first), and the message expected.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"name: \"a\\e[31mred\"\n" + base, "s.yaml:1:7: name: \"a\\x1b[31mred\" holds a control character (U+001B) at character 2" + names},
        {"name: \"\\0\"\n" + base, "s.yaml:1:7: name: \"\\x00\" holds a control character (U+0000) at character 1" + names},
        {"name: \"tab\\tin a name\"\n" + base, "holds a control character (U+0009) at character 4" + names},
        {"name: \"two\\nlines\"\n" + base, "holds a control character (U+000A) at character 4" + names},
        {"name: \"del\\x7f\"\n" + base, "holds a control character (U+007F) at character 4" + names},
        {"name: \"café\\u009b2J\"\n" + base, "name: \"café\\u009b2J\" holds a control character (U+009B) at character 5" + names},
        {"name: x\ndescription: \"free\\ttext\\non lines, but \\e[2J no escape\"\n" + base,
         "s.yaml:2:14: description: \"free\\x09text\\x0aon lines, but \\x1b[2J no escape\" holds a control character "
         "(U+001B) at character 25; only tabs and line breaks are allowed in a text"},
        {"name: x\n" + base + "pipelines: [{name: \"Step\\eUp\", kind: step_up, grade: sw, first_intake: 2020-02-01, trainees: 2}]\n",
         "s.yaml:6:20: pipelines[0].name: \"Step\\x1bUp\" holds a control character (U+001B) at character 5" + names},
        {"name: x\n" + base + "retention: {bonuses: [{name: \"\\abell\", at_service: 6 months, amount: 1000}]}\n",
         "retention.bonuses[0].name: \"\\x07bell\" holds a control character (U+0007) at character 1" + names},
        {"name: x\n" + base + "targets: [{name: \"t\\x1b\", metric: vacancy_rate, op: '<=', value: 0.3, month: 2}]\n",
         "targets[0].name: \"t\\x1b\" holds a control character (U+001B) at character 2" + names},
        {"name: x\n" + base + "interventions: [{at: 2020-02-01, name: \"\\x1b]0;title\\x07\", pay_uplift: {sw: 0.05}}]\n",
         "interventions[0].name: \"\\x1b]0;title\\x07\" holds a control character (U+001B) at character 1" + names},
        {"name: x\n" + base + "initial_staff: {staff_list: \"staff\\e.csv\"}\n",
         "initial_staff.staff_list: \"staff\\x1b.csv\" holds a control character (U+001B) at character 6; a file's path is plain text"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        const std::string path = d.write("s.yaml", text);
        for (const std::string& command : {std::string("validate "), "run -q --out " + (d.path / "out").string() + " "}) {
            const auto r = test::run_wfsim(command + path);
            INFO(command << ": " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.find(message) != std::string::npos);
            CHECK(no_raw_controls(r.err));
        }
    }
    // The same through --set, and a description's tabs and line breaks are fine.
    const std::string ok = d.write("ok.yaml", "name: ok\n" + base);
    auto r = test::run_wfsim("validate " + ok + " --set 'name=\"a\\eb\"'");
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("name: \"a\\x1bb\" holds a control character (U+001B) at character 2" + names) != std::string::npos);
    CHECK(no_raw_controls(r.err));
    r = test::run_wfsim("validate " + d.write("desc.yaml", "name: ok\ndescription: |\n  two\tcolumns\n  and lines\n" + base));
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("shards of a scenario with unusual texts merge to the bytes of one run", "[hardening][roundtrip][shard]") {
    test::TempDir d;
    const std::string path = d.write("s.yaml", scenario_with(R"("O'Brien \"North\" #1: a\\b — café ✓ \u2028")"));
    const std::string args = "run " + path + " --reps 4 --months 3 -q";
    const fs::path one = d.path / "one", merged = d.path / "merged";
    auto r = test::run_wfsim(args + " --out " + one.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string folders;
    for (int i = 1; i <= 2; ++i) {
        const fs::path s = d.path / ("shard" + std::to_string(i));
        r = test::run_wfsim(args + " --shard " + std::to_string(i) + "/2 --out " + s.string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        folders += " " + s.string();
    }
    r = test::run_wfsim("merge -q" + folders + " --out " + merged.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const auto& e : fs::directory_iterator(one)) {
        const std::string name = e.path().filename().string();
        if (name == "timing.json") continue;
        INFO(name);
        CHECK(test::read_file(e.path().string()) == test::read_file((merged / name).string()));
    }
}
