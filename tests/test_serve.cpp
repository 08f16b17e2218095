// wfsim serve (issue 17): the API on a server started in-process, with the
// same HTTP library's client; the page's figures against `wfsim compare` of
// the saved variant; hostile requests; and the command itself as a child
// process with --port 0, stopped by SIGTERM.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "engine/params/schema.h"
#include "helpers.h"
#include "models/report/text.h"
#include "tools/wfsim/serve/server.h"

using json = nlohmann::json;
using namespace wfsim;

namespace {

const char* kScenario = R"(name: serve test
start: 2016-04-01
horizon: 24 months
seed: 7
grades:
  sw: {salary: 30000, on_costs: 0.25, market_salary: 33000}
  senior: {salary: 36000}
establishment:
  teams:
    north: {sw: 20, senior: 5}
initial_staff:
  vacancies: {sw: 4}
  agency_covered: 0.5
leaving:
  base_rate: {sw: 0.15, senior: 0.1}
  pay_elasticity: -1
recruitment:
  applicants_per_advert: {sw: 0.5, senior: 0.3}
  applicant_pay_elasticity: 2
agency:
  fill_probability: 0.8
  cost_per_year: 60000
targets:
  - {name: vacancy rate under 15%, metric: vacancy_rate, op: "<", value: 0.15, month: 12}
  - {name: agency share at most 10%, metric: agency_rate, op: "<=", value: 0.10, month: 18}
)";

// A server on a free port of 127.0.0.1, serving on its own thread.
struct TestServer {
    test::TempDir dir;
    std::string base;
    std::unique_ptr<serve::Server> server;
    std::thread thread;
    int port = 0;
    // `alternative`: the text of an ALTERNATIVE file (alternative.yaml) given after the base.
    explicit TestServer(std::size_t reps = 40, std::string token = "", std::size_t base_memory = std::size_t{512} << 20,
                        double max_seconds = 120, const char* alternative = nullptr) {
        base = dir.write("base.yaml", kScenario);
        serve::ServeOptions o;
        o.files = {base};
        if (alternative) o.files.push_back(dir.write("alternative.yaml", alternative));
        o.port = 0;
        o.reps = reps;
        o.threads = 2;
        o.token = std::move(token);
        o.base_memory = base_memory;
        o.max_seconds = max_seconds;
        server = std::make_unique<serve::Server>(o);
        port = server->bind();
        thread = std::thread([this] { server->listen(); });
    }
    ~TestServer() {
        server->stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(30, 0);
        return c;
    }
};

json parse(const httplib::Result& r) {
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->get_header_value("Content-Type").find("application/json") == 0);
    return json::parse(r->body);
}

json post(httplib::Client& c, const std::string& path, const json& body) {
    return parse(c.Post(path.c_str(), body.dump(), "application/json"));
}

// Polls a run until it is done (or fails the test after 60 s).
json wait_done(httplib::Client& c, const std::string& id) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        json s = parse(c.Get(("/api/run/" + id).c_str()));
        if (s["state"] != "running" && s["state"] != "queued") return s;
        REQUIRE(std::chrono::steady_clock::now() < until);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

const json kUplift = {{"interventions.0.at", "2016-10-01"},
                      {"interventions.0.name", "uplift"},
                      {"interventions.0.pay_uplift.sw", "7%"},
                      {"retention.bonuses.0.name", "bonus"},
                      {"retention.bonuses.0.amount", 3000},
                      {"retention.bonuses.0.at_service", "18 months"},
                      {"retention.bonuses.0.leaving_multiplier_before", 0.9},
                      {"recruitment.marketing_multiplier", 1.2}};

}  // namespace

TEST_CASE("serve: the scenario, its levers with units and ranges from the schema, and the page", "[serve]") {
    TestServer s;
    auto c = s.client();
    const auto page = c.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<!DOCTYPE html>") == 0);
    CHECK(page->body.find("http://") == std::string::npos);  // nothing fetched from elsewhere
    CHECK(page->body.find("https://") == std::string::npos);
    const json d = parse(c.Get("/api/scenario"));
    CHECK(d["base"]["name"] == "serve test");
    CHECK(d["replications"] == 40);
    CHECK(d["seed"] == 7);
    const json& sc = d["scenarios"][0];
    CHECK(sc["targets"].size() == 2);
    CHECK(sc["assumptions_html"].get<std::string>().size() > 100);
    bool found_uplift = false, found_bonus = false;
    for (const auto& g : sc["levers"])
        for (const auto& l : g["levers"]) {
            if (l["path"] == "interventions.0.pay_uplift.sw") {
                found_uplift = true;
                CHECK(l["kind"] == params::kind_name(params::Kind::Share));
                CHECK(l["min"] == 0);
                CHECK(l["max"] == 1);
            }
            if (l["path"] == "retention.bonuses.0.leaving_multiplier_before") found_bonus = true;
        }
    CHECK(found_uplift);
    CHECK(found_bonus);
}

TEST_CASE("serve: the page's figures for a variant are exactly those of wfsim compare of the saved file", "[serve]") {
    // With the base's replications kept, and run beside each variant's when they would not fit.
    const std::size_t memory = GENERATE(std::size_t{512} << 20, std::size_t{1});
    INFO("memory for the base's replications: " << memory);
    TestServer s(40, "", memory);
    auto c = s.client();
    const json started = post(c, "/api/run", {{"changes", kUplift}});
    REQUIRE(started.contains("id"));
    const json done = wait_done(c, started["id"]);
    REQUIRE(done["state"] == "done");
    CHECK(done["replications_done"] == 40);
    const json& f = done["figures"];
    for (const char* chart : {"vacant_fte", "agency_rate", "permanent_share", "spend_total"})
        CHECK(f["charts"][chart].get<std::string>().find("<svg") != std::string::npos);
    CHECK(f["words"].get<std::string>().find("paired (common random numbers)") != std::string::npos);

    const json saved = parse(c.Post("/api/save", json{{"name", "uplift-and-bonus"}, {"changes", kUplift}}.dump(), "application/json"));
    const std::string file = saved["file"];
    CHECK(file == (s.dir.path / "uplift-and-bonus.yaml").string());
    const std::string text = test::read_file(file);
    CHECK(text.find("extends: base.yaml") != std::string::npos);
    // Refused when it exists, unless overwrite.
    const auto again = c.Post("/api/save", json{{"name", "uplift-and-bonus"}, {"changes", kUplift}}.dump(), "application/json");
    REQUIRE(again);
    CHECK(again->status == 409);
    const auto over = c.Post("/api/save", json{{"name", "uplift-and-bonus"}, {"changes", kUplift}, {"overwrite", true}}.dump(),
                             "application/json");
    REQUIRE(over);
    CHECK(over->status == 201);

    const std::string out = (s.dir.path / "cmp").string();
    const auto r = test::run_wfsim("compare " + s.base + " " + file + " --reps 40 --seed 7 --out " + out + " -q");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json cli = json::parse(test::read_file(out + "/summary.json"));
    json page = f["summary"];
    // The same numbers; only the variant's name and file differ.
    json a = cli["alternatives"][0], b = page["alternatives"][0];
    for (auto* j : {&a, &b}) {
        j->erase("scenario");
        j->erase("file");
    }
    CHECK(a.dump() == b.dump());
    json ta = cli["targets_by_scenario"], tb = page["targets_by_scenario"];
    for (auto* j : {&ta, &tb})
        for (auto& sc : *j) sc.erase("scenario");
    CHECK(ta.dump() == tb.dump());
    CHECK(cli["replications"] == page["replications"]);
    CHECK(cli["seed"] == page["seed"]);
}

namespace {

// TMPDIR pointed at a folder of the test's for the life of this (each test
// case runs in a process of its own), so that the report's private folders
// can be seen to go.
struct TmpdirIn {
    std::string old;
    bool had;
    explicit TmpdirIn(const std::filesystem::path& dir) : had(std::getenv("TMPDIR") != nullptr) {
        if (had) old = std::getenv("TMPDIR");
        std::filesystem::create_directories(dir);
        ::setenv("TMPDIR", dir.c_str(), 1);
    }
    ~TmpdirIn() {
        if (had) ::setenv("TMPDIR", old.c_str(), 1);
        else ::unsetenv("TMPDIR");
    }
};

}  // namespace

TEST_CASE("serve: download report gives the report and workbook of the comparison on screen", "[serve]") {
    TestServer s;
    const TmpdirIn tmp(s.dir.path / "tmp");
    auto c = s.client();
    const json started = post(c, "/api/run", {{"changes", kUplift}});
    const std::string id = started["id"];
    const json done = wait_done(c, id);
    REQUIRE(done["state"] == "done");

    const auto xlsx = c.Get(("/api/run/" + id + "/report.xlsx").c_str());
    REQUIRE(xlsx);
    CHECK(xlsx->status == 200);
    CHECK(xlsx->body.rfind("PK", 0) == 0);  // a zip, as every xlsx is
    CHECK(xlsx->body.size() > 1000);
    CHECK(xlsx->get_header_value("Content-Type").find("spreadsheetml") != std::string::npos);
    CHECK(xlsx->get_header_value("Content-Disposition") == "attachment; filename=\"serve-test-what-if-" + id + ".xlsx\"");

    const auto page = c.Get(("/api/run/" + id + "/report.html").c_str());
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(page->get_header_value("Content-Disposition") == "attachment; filename=\"serve-test-what-if-" + id + ".html\"");
    const std::string& html = page->body;
    CHECK(html.find("<!DOCTYPE html>") == 0);
    CHECK(html.find("<script") == std::string::npos);  // the report stays script-free
    // Each target's probability that /api/run/ID gives, in the report's own
    // words (rounded) and, exactly, as the width of its bar.
    const json& targets = done["figures"]["summary"]["targets_by_scenario"][1]["targets"];
    REQUIRE(targets.size() == 2);
    for (const auto& t : targets) {
        const double p = t["probability"];
        INFO(t["name"] << ": " << p);
        CHECK(html.find(t["name"].get<std::string>()) != std::string::npos);
        CHECK(html.find("<strong>" + report::percent(p, 0) + "</strong>") != std::string::npos);
        std::ostringstream width;
        width << "width:" << p * 100 << "%";
        CHECK(html.find(width.str()) != std::string::npos);
    }
    // The private folders the report was made in are gone.
    CHECK(std::filesystem::is_empty(s.dir.path / "tmp"));

    // Unknown runs, and anything else under a run, are 404s with a JSON message.
    for (const char* url : {"/api/run/99999/report.html", "/api/run/abc/report.xlsx", "/api/run/1/report.pdf",
                            "/api/run/1/report.html/x", "/api/run/1/../../base.yaml", "/api/run/1/report"}) {
        INFO(url);
        const auto r = c.Get(url);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(json::parse(r->body).contains("error"));
    }
}

TEST_CASE("serve: an alternative given to serve, started from unchanged, is compared with the base as compare does", "[serve]") {
    TestServer s(40, "", std::size_t{512} << 20, 120,
                 "extends: base.yaml\nname: more marketing\nrecruitment: {marketing_multiplier: 1.5}\n");
    auto c = s.client();
    const json d = parse(c.Get("/api/scenario"));
    REQUIRE(d["scenarios"].size() == 2);
    CHECK(d["scenarios"][1]["name"] == "more marketing");
    const json started = post(c, "/api/run", {{"from", 1}, {"changes", json::object()}});
    const json done = wait_done(c, started["id"]);
    REQUIRE(done["state"] == "done");
    const json& page = done["figures"]["summary"];
    // Named as the alternative, in the answer and in the report.
    CHECK(page["alternatives"][0]["scenario"] == "more marketing");
    CHECK(done["figures"]["words"].get<std::string>().find("more marketing") != std::string::npos);
    const auto html = c.Get(("/api/run/" + started["id"].get<std::string>() + "/report.html").c_str());
    REQUIRE(html);
    CHECK(html->status == 200);
    CHECK(html->body.find("more marketing") != std::string::npos);

    const std::string out = (s.dir.path / "cmp").string();
    const auto r = test::run_wfsim("compare " + s.base + " " + (s.dir.path / "alternative.yaml").string() +
                                   " --reps 40 --out " + out + " -q");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json cli = json::parse(test::read_file(out + "/summary.json"));
    CHECK(cli["alternatives"][0]["file"] == page["alternatives"][0]["file"]);
    CHECK(cli["alternatives"][0].dump() == page["alternatives"][0].dump());
    CHECK(cli["targets_by_scenario"].dump() == page["targets_by_scenario"].dump());
}

TEST_CASE("serve: download report refuses a run in progress or superseded with a 409", "[serve]") {
    TestServer s(2000);
    auto c = s.client();
    const json first = post(c, "/api/run", {{"changes", {{"recruitment.marketing_multiplier", 1.5}}}});
    const std::string url = "/api/run/" + first["id"].get<std::string>() + "/report.html";
    const auto running = c.Get(url.c_str());
    REQUIRE(running);
    CHECK(running->status == 409);
    CHECK(json::parse(running->body)["error"].get<std::string>().find("still running") != std::string::npos);
    post(c, "/api/run", {{"changes", {{"recruitment.marketing_multiplier", 2}}}});
    json o;
    for (int i = 0; i < 200; ++i) {
        o = parse(c.Get(("/api/run/" + first["id"].get<std::string>()).c_str()));
        if (o["state"] != "running" && o["state"] != "queued") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(o["state"] == "superseded");
    const auto superseded = c.Get(url.c_str());
    REQUIRE(superseded);
    CHECK(superseded->status == 409);
    const json j = json::parse(superseded->body);
    CHECK(j["state"] == "superseded");
    CHECK(j["error"].get<std::string>().find("superseded") != std::string::npos);
}

TEST_CASE("serve: a wrong change gets the CLI's message beside its field and a 400", "[serve]") {
    TestServer s;
    auto c = s.client();
    const auto r = c.Post("/api/run",
                          json{{"changes", {{"recruitment.offer_acceptance", 1.7}, {"foo.bar", 1}, {"interventions.0.at", "2010-01-01"}}}}.dump(),
                          "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    const json j = json::parse(r->body);
    CHECK(j["fields"]["recruitment.offer_acceptance"] == "recruitment.offer_acceptance: 1.7 is not a probability (0 to 1)");
    CHECK(j["fields"]["foo.bar"].get<std::string>().find("unknown key 'foo'") != std::string::npos);
    CHECK(j["fields"]["interventions.0.at"].get<std::string>().find("before the scenario's start") != std::string::npos);
    // The same message as the command line's.
    const auto v = test::run_wfsim("validate " + s.base + " --set recruitment.offer_acceptance=1.7");
    CHECK(v.err.find("recruitment.offer_acceptance: 1.7 is not a probability (0 to 1)") != std::string::npos);
    // Keys that name files are refused.
    for (const char* key : {"extends", "initial_staff.staff_list"}) {
        const auto f = c.Post("/api/run", json{{"changes", {{key, "x.yaml"}}}}.dump(), "application/json");
        REQUIRE(f);
        CHECK(f->status == 400);
        CHECK(json::parse(f->body)["fields"][key].get<std::string>().find("names a file") != std::string::npos);
    }
}

TEST_CASE("serve: a newer run supersedes the one in progress, which is never shown", "[serve]") {
    TestServer s(2000);
    auto c = s.client();
    const json first = post(c, "/api/run", {{"changes", {{"recruitment.marketing_multiplier", 1.5}}}});
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const json second = post(c, "/api/run", {{"changes", {{"recruitment.marketing_multiplier", 2}}}});
    const json old = parse(c.Get(("/api/run/" + first["id"].get<std::string>()).c_str()));
    // It stops at its next replication.
    json o = old;
    for (int i = 0; i < 200 && o["state"] == "running"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        o = parse(c.Get(("/api/run/" + first["id"].get<std::string>()).c_str()));
    }
    CHECK(o["state"] == "superseded");
    CHECK(o["figures"].is_null());
    // The newer one gives a first answer before all its replications.
    json n;
    for (int i = 0; i < 3000; ++i) {
        n = parse(c.Get(("/api/run/" + second["id"].get<std::string>()).c_str()));
        if (!n["figures"].is_null()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(!n["figures"].is_null());
    CHECK(n["figures"]["summary"]["replications"].get<int>() < 2000);
}

TEST_CASE("serve: a run stops at its wall-time bound, keeping the answer so far", "[serve]") {
    TestServer s(100000, "", std::size_t{512} << 20, 0.5);
    auto c = s.client();
    const auto t0 = std::chrono::steady_clock::now();
    const json started = post(c, "/api/run", {{"changes", {{"recruitment.marketing_multiplier", 1.5}}}});
    const json done = wait_done(c, started["id"]);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    CHECK(done["state"] == "stopped");
    CHECK(done["message"].get<std::string>().find("a run may take at most") != std::string::npos);
    CHECK(done["replications_done"].get<int>() < 100000);
}

TEST_CASE("serve: saving is confined to the save folder", "[serve]") {
    TestServer s;
    auto c = s.client();
    for (const char* name : {"../escape", "a/b", "/etc/x", "..", ".hidden", "", "a\\b", "x\ny"}) {
        INFO(name);
        const auto r = c.Post("/api/save", json{{"name", name}, {"changes", json::object()}}.dump(), "application/json");
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(json::parse(r->body).contains("error"));
    }
    CHECK(!std::filesystem::exists(s.dir.path.parent_path() / "escape.yaml"));
}

TEST_CASE("serve: hostile requests get a 4xx and a JSON error, and the server keeps answering", "[serve]") {
    TestServer s(10);
    auto c = s.client();
    const std::vector<std::string> bodies = {
        "", "{", "[1,2", "null", "42", "\"text\"", "{\"changes\": 5}", "{\"changes\": {\"a\": null}}",
        "{\"unknown\": 1}", "{\"changes\": {\"recruitment.offer_acceptance\": 1e400}}",
        "{\"changes\": {\"seed\": 99999999999999999999999}}", "{\"changes\": {\"horizon\": \"9999 years\"}}",
        "{\"changes\": {\"start\": \"2010-01-01\"}}",
        "{\"changes\": {\"interventions.7.at\": \"2017-01-01\"}}", "{\"changes\": {\"grades..sw\": 1}}",
        "{\"changes\": {\"a.b.c.d.e.f.g\": {\"h\": {\"i\": []}}}}", "{\"from\": 3}", "{\"from\": -1}",
        "{\"changes\": {\"name\": \"\\u0000\"}}", std::string(40000, '[') + std::string(40000, ']'),
        "{\"changes\": {\"targets\": [{\"name\": \"x\", \"metric\": \"nope\", \"op\": \"<\", \"value\": 1}]}}",
        "\xff\xfe{}", "{\"changes\": {\"" + std::string(5000, 'a') + "\": 1}}"};
    for (const auto& body : bodies) {
        INFO(body.substr(0, 200));
        const auto r = c.Post("/api/run", body, "application/json");
        REQUIRE(r);
        CHECK(r->status >= 400);
        CHECK(r->status < 500);
        CHECK(json::parse(r->body).contains("error"));
    }
    // Huge numbers the schema allows are run (or refused), never a crash.
    for (const char* body : {"{\"changes\": {\"recruitment.marketing_multiplier\": 1e308}}",
                             "{\"changes\": {\"agency.cost_per_year\": 1.7e308}}"}) {
        INFO(body);
        const auto r = c.Post("/api/run", body, "application/json");
        REQUIRE(r);
        CHECK(r->status < 500);
        if (r->status == 202) CHECK(wait_done(c, json::parse(r->body)["id"])["state"] != "running");
    }
    // A body over 64 KiB.
    const auto big = c.Post("/api/run", "{\"changes\": {\"name\": \"" + std::string(100000, 'x') + "\"}}", "application/json");
    REQUIRE(big);
    CHECK(big->status == 413);
    // Paths of the file system, and anything but the page and the API.
    for (const char* url : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/api/../../base.yaml",
                            "/base.yaml", "/api/run/../../x", "/api/run/abc", "/api/run/99999", "/index.html", "//"}) {
        INFO(url);
        const auto r = c.Get(url);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("name: serve test") == std::string::npos);
        CHECK(json::parse(r->body).contains("error"));
    }
    const auto del = c.Delete("/api/scenario");
    REQUIRE(del);
    CHECK(del->status >= 400);
    // A burst of a thousand requests from several clients at once.
    std::vector<std::thread> burst;
    std::atomic<int> answered{0};
    for (int t = 0; t < 8; ++t)
        burst.emplace_back([&, t] {
            httplib::Client bc("127.0.0.1", s.port);
            bc.set_read_timeout(30, 0);
            for (int i = 0; i < 125; ++i) {
                httplib::Result r = (i % 3 == 0) ? bc.Get("/api/scenario")
                                    : (i % 3 == 1) ? bc.Post("/api/run", "{\"changes\": {\"recruitment.marketing_multiplier\": " +
                                                                            std::to_string(1 + t * 0.01 + i * 0.001) + "}}",
                                                             "application/json")
                                                   : bc.Get("/nope");
                if (r && r->status > 0) ++answered;
            }
        });
    for (auto& t : burst) t.join();
    CHECK(answered == 1000);
    // Still serving, and a run still completes.
    const json last = post(c, "/api/run", {{"changes", {{"recruitment.marketing_multiplier", 1.3}}}});
    CHECK(wait_done(c, last["id"])["state"] == "done");
}

TEST_CASE("serve: with a token, every request without it is refused", "[serve]") {
    TestServer s(10, "0123456789abcdef0123456789abcdef");
    auto c = s.client();
    for (const char* url : {"/", "/api/scenario", "/?token=wrong", "/api/scenario?token=0123", "/api/run/1/report.html"}) {
        const auto r = c.Get(url);
        REQUIRE(r);
        CHECK(r->status == 403);
    }
    const auto ok = c.Get("/?token=0123456789abcdef0123456789abcdef");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    httplib::Headers h = {{"X-Wfsim-Token", "0123456789abcdef0123456789abcdef"}};
    const auto api = c.Get("/api/scenario", h);
    REQUIRE(api);
    CHECK(api->status == 200);
}

TEST_CASE("serve: requests addressed to another host name are refused on loopback", "[serve]") {
    TestServer s(10);
    auto c = s.client();
    for (const char* host : {"attacker.example:80", "127.attacker.example", "localhost.example:8080"}) {
        INFO(host);
        httplib::Headers h = {{"Host", host}};
        const auto r = c.Get("/api/scenario", h);
        REQUIRE(r);
        CHECK(r->status == 403);
    }
    CHECK(serve::is_loopback("127.0.0.1"));
    CHECK(serve::is_loopback("localhost"));
    CHECK(!serve::is_loopback("0.0.0.0"));
    CHECK(!serve::is_loopback("127.0.0.1.example"));
}

TEST_CASE("wfsim serve --port 0 prints its address, answers, and stops with 143 on SIGTERM", "[serve][signals]") {
    test::TempDir dir;
    const std::string base = dir.write("base.yaml", kScenario);
    const std::string out = (dir.path / "out.txt").string();
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        FILE* f = std::freopen(out.c_str(), "w", stdout);
        (void)f;
        execl(WFSIM_BINARY, WFSIM_BINARY, "serve", base.c_str(), "--port", "0", "--reps", "10", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::string address;
    for (int i = 0; i < 200 && address.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string text = test::read_file(out);
        const auto at = text.find("http://127.0.0.1:");
        if (at != std::string::npos && text.find('\n', at) != std::string::npos)
            address = text.substr(at, text.find_first_of("/\n", at + 7) - at);
    }
    REQUIRE(!address.empty());
    const int port = std::stoi(address.substr(address.rfind(':') + 1));
    httplib::Client c("127.0.0.1", port);
    const auto r = c.Get("/api/scenario");
    REQUIRE(r);
    CHECK(r->status == 200);
    ::kill(pid, SIGTERM);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 143);
}
