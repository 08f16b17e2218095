// Malformed input of every kind gets exit code 2 and a clear message: never a
// crash, a hang or a memory spike. Each case runs the real binary.
#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.h"

using wfsim::test::run_wfsim;
using wfsim::test::TempDir;

namespace {

void expect_rejected(const std::string& file, const std::string& message) {
    auto r = run_wfsim("validate " + file);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') <= 21);
}

}  // namespace

TEST_CASE("a YAML syntax error is located", "[malformed]") {
    TempDir d;
    expect_rejected(d.write("x.yaml", "name: x\nstart: [2016-01-01\n"), "x.yaml:3:1: YAML syntax error:");
}

TEST_CASE("an empty or comment-only file", "[malformed]") {
    TempDir d;
    expect_rejected(d.write("e.yaml", ""), "e.yaml: the file is empty");
    expect_rejected(d.write("c.yaml", "# nothing\n"), "c.yaml:1:1: the file holds no values");
}

TEST_CASE("a list or a single value where the top-level mapping belongs", "[malformed]") {
    TempDir d;
    expect_rejected(d.write("l.yaml", "- a\n- b\n"), "l.yaml:1:1: the top level must be a mapping of keys");
    expect_rejected(d.write("s.yaml", "hello\n"), "s.yaml:1:1: the top level must be a mapping of keys");
}

TEST_CASE("binary data", "[malformed]") {
    TempDir d;
    std::string bin("\x7f" "ELF\x02\x01\x01\x00\x00\xff\xfe", 11);
    expect_rejected(d.write("b.yaml", bin), "is not UTF-8 text");
}

TEST_CASE("a file of tens of megabytes is refused without reading it all", "[malformed]") {
    TempDir d;
    std::string path = (d.path / "big.yaml").string();
    {
        std::ofstream out(path);
        std::string line = "# " + std::string(1000, 'x') + "\n";
        for (int i = 0; i < 40000; ++i) out << line;  // 40 MB
    }
    expect_rejected(path, "is larger than 8 MiB");
}

TEST_CASE("very deep nesting", "[malformed]") {
    TempDir d;
    expect_rejected(d.write("d1.yaml", "a: " + std::string(100000, '[')), "nesting too deep");
    std::string mid = "name: x\nstart: " + std::string(100, '[') + std::string(100, ']') + "\n";
    expect_rejected(d.write("d2.yaml", mid), "nesting deeper than 64 levels");
}

TEST_CASE("aliases that expand enormously", "[malformed]") {
    TempDir d;
    std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    std::string prev = "a";
    for (char c = 'b'; c <= 'j'; ++c) {
        text += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
        text += "]\n";
        prev = std::string(1, c);
    }
    expect_rejected(d.write("lol.yaml", text), "expands to more than 200000 values");
}

TEST_CASE("a missing or cyclic extends", "[malformed]") {
    TempDir d;
    expect_rejected(d.write("m.yaml", "extends: gone.yaml\n"), "extends: gone.yaml not found");
    d.write("p.yaml", "extends: q.yaml\n");
    expect_rejected(d.write("q.yaml", "extends: p.yaml\n"), "the extends chain is a cycle");
    expect_rejected(d.write("self.yaml", "extends: self.yaml\n"), "the extends chain is a cycle");
}

TEST_CASE("a file that does not exist", "[malformed]") {
    TempDir d;
    expect_rejected((d.path / "none.yaml").string(), "none.yaml: the file does not exist");
}

TEST_CASE("NaN and infinity written in YAML are refused at load", "[malformed]") {
    TempDir d;
    expect_rejected(d.write("n.yaml", wfsim::test::minimal_scenario() + "leaving: {base_rate: {sw: .nan}}\n"),
                    "leaving.base_rate.sw: .nan is not a number (NaN)");
    expect_rejected(d.write("i.yaml", wfsim::test::minimal_scenario() + "agency: {cost_per_year: .inf}\n"),
                    "agency.cost_per_year: .inf is not an amount in pounds");
}
