#include "server.h"

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>

#include "engine/params/diagnostics.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "tools/wfsim/output_dir.h"
#include "download.h"
#include "page.h"
#include "runner.h"
#include "scenarios.h"

namespace wfsim::serve {

namespace {

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message, json extra = json::object()) {
    extra["error"] = params::readable(message);
    send_json(res, status, extra);
}

// The deepest nesting of arrays and objects in a JSON text (strings skipped),
// checked before parsing so that a hostile body cannot recurse deeply.
std::size_t nesting(const std::string& text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

// The request's JSON object, or an error response (and nullopt).
std::optional<json> body_object(const httplib::Request& req, httplib::Response& res, const std::set<std::string>& allowed) {
    if (req.body.size() > kMaxBodyBytes) {
        send_error(res, 413, "the request is larger than " + std::to_string(kMaxBodyBytes / 1024) + " KiB");
        return std::nullopt;
    }
    if (nesting(req.body) > 32) {
        send_error(res, 400, "the JSON is nested more than 32 deep");
        return std::nullopt;
    }
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
        send_error(res, 400, "the request body is not JSON");
        return std::nullopt;
    }
    if (!body.is_object()) {
        send_error(res, 400, "the request body must be a JSON object");
        return std::nullopt;
    }
    for (const auto& [k, v] : body.items())
        if (!allowed.count(k)) {
            std::string names;
            for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
            send_error(res, 400, "unknown field '" + k.substr(0, 60) + "'; the fields are " + names);
            return std::nullopt;
        }
    return body;
}

bool same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::string host_name_of(const std::string& host_header) {
    if (!host_header.empty() && host_header[0] == '[') return host_header.substr(0, host_header.find(']') + 1);
    return host_header.substr(0, host_header.find(':'));
}

}  // namespace

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    // 127.0.0.0/8 written as four numbers (not a name such as 127.example.com).
    if (host.rfind("127.", 0) != 0) return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
}

std::string new_token() {
    std::random_device rd;
    std::string out;
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) out += hex[rd() % 16];
    return out;
}

struct Server::Impl {
    ServeOptions options;
    Scenarios scenarios;
    std::unique_ptr<Runner> runner;
    httplib::Server http;
    int port = 0;
    std::mutex save_mutex;  // one save at a time: the check for an existing file and the write are one step
    // One report built at a time (each is a few seconds of work at most), and
    // the last one kept, so that its HTML and its workbook are built once.
    std::mutex report_mutex;
    std::string report_run;  // the run whose report is kept
    ReportFiles report;

    explicit Impl(ServeOptions o) : options(std::move(o)), scenarios(options.files) {
        RunnerOptions r;
        r.reps = options.reps;
        r.seed = options.seed ? *options.seed
                              : static_cast<std::uint64_t>(params::Params(&scenarios.base().tree, "").number("seed"));
        r.threads = options.threads;
        r.max_seconds = options.max_seconds;
        r.base_memory = options.base_memory;
        runner = std::make_unique<Runner>(scenarios, r);
        if (options.save_dir.empty()) {
            options.save_dir = params::directory_of(options.files[0]);
            if (options.save_dir.empty()) options.save_dir = ".";
        }
        routes();
    }

    // Which scenario a request changes: "from", 0 (the base) when absent.
    bool from_of(const json& body, httplib::Response& res, std::size_t& from) {
        from = 0;
        if (!body.contains("from")) return true;
        const json& f = body["from"];
        if (!f.is_number_unsigned() || f.get<std::uint64_t>() >= scenarios.all().size()) {
            send_error(res, 400, "from: give the number of a scenario, 0 to " + std::to_string(scenarios.all().size() - 1));
            return false;
        }
        from = f.get<std::size_t>();
        return true;
    }

    void refuse_variant(httplib::Response& res, const Variant& v) {
        json extra;
        extra["fields"] = v.field_errors;
        extra["errors"] = v.errors;
        std::string first = !v.errors.empty() ? v.errors.front() : "";
        if (first.empty() && !v.field_errors.empty()) first = v.field_errors.begin().key() + ": " + v.field_errors.begin().value().get<std::string>();
        send_error(res, 400, "the changes are not valid: " + first, extra);
    }

    // GET /api/run/ID/report.html or .xlsx: the report of a finished run, as
    // `wfsim compare --report` writes it, sent as a file to save.
    void download(const std::string& id, bool xlsx, httplib::Response& res) {
        std::string state;
        const auto files = runner->compare_files(id, state);
        if (state == "unknown") return send_error(res, 404, "no run " + id + " (runs are kept while newer ones come)");
        if (!files) {
            const std::string why =
                state == "superseded" ? "was superseded by a newer change, and is never shown"
                : state == "stopped"  ? "stopped before all its replications (the report is of a finished run)"
                : state == "failed"   ? "failed"
                                      : "is still running: the report is ready once all its replications are done";
            return send_error(res, 409, "run " + id + " " + why, {{"state", state}});
        }
        std::lock_guard<std::mutex> lock(report_mutex);
        if (report_run != id) {
            report_run.clear();
            report = build_report(*files);  // throws: a 500 with its message
            report_run = id;
        }
        // A file name of the scenario's name in letters, digits and dashes only.
        const std::string name = cli::default_output_dir(scenarios.base().name).substr(8) + "-what-if-" + id;
        res.set_header("Content-Disposition", "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".html") + "\"");
        if (xlsx)
            res.set_content(report.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        else
            res.set_content(report.html, "text/html; charset=utf-8");
    }

    void routes() {
        http.set_payload_max_length(kMaxBodyBytes);
        http.set_read_timeout(10, 0);
        http.set_write_timeout(10, 0);
        http.set_keep_alive_max_count(100);
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Security-Policy",
                           "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
                           "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
            if (!options.token.empty()) {
                std::string given = req.has_param("token") ? req.get_param_value("token") : req.get_header_value("X-Wfsim-Token");
                if (!same_secret(given, options.token)) {
                    send_error(res, 403, "this server needs its token: open the address it printed (with ?token=...)");
                    return httplib::Server::HandlerResponse::Handled;
                }
            } else {
                // On loopback without a token: only requests addressed to this
                // machine by name (no other site's page reaching it by a DNS name).
                const std::string host = host_name_of(req.get_header_value("Host"));
                if (!is_loopback(host) && host != options.host) {
                    send_error(res, 403, "requests must be addressed to " + options.host);
                    return httplib::Server::HandlerResponse::Handled;
                }
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });
        http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            const int status = res.status;
            std::string message = status == 404   ? "no such page: the server has /, /api/scenario, /api/run, /api/run/ID, "
                                                    "/api/run/ID/report.html, /api/run/ID/report.xlsx and /api/save"
                                  : status == 413 ? "the request is larger than 64 KiB"
                                  : status == 405 ? "that method is not allowed here"
                                                  : "bad request";
            send_error(res, status, message);
        });
        http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "internal error";
            try {
                if (ep) std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            send_error(res, 500, what);
        });

        http.Get("/", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(kPageHtml, "text/html; charset=utf-8");
        });
        http.Get("/api/scenario", [this](const httplib::Request&, httplib::Response& res) {
            json d = scenarios.describe();
            d["replications"] = runner->options().reps;
            d["seed"] = runner->options().seed;
            d["save_dir"] = options.save_dir;
            send_json(res, 200, d);
        });
        http.Post("/api/run", [this](const httplib::Request& req, httplib::Response& res) {
            auto body = body_object(req, res, {"changes", "from"});
            if (!body) return;
            std::size_t from = 0;
            if (!from_of(*body, res, from)) return;
            const Variant v = scenarios.variant(from, body->value("changes", json::object()));
            if (!v.ok) return refuse_variant(res, v);
            const std::string id = runner->submit(v);
            send_json(res, 202, {{"id", id}, {"status", "/api/run/" + id}, {"warnings", v.warnings}});
        });
        http.Get(R"(/api/run/(\d{1,12}))", [this](const httplib::Request& req, httplib::Response& res) {
            const auto s = runner->status(req.matches[1]);
            if (!s) return send_error(res, 404, "no run " + std::string(req.matches[1]) + " (runs are kept while newer ones come)");
            send_json(res, 200, *s);
        });
        http.Get(R"(/api/run/(\d{1,12})/report\.(html|xlsx))", [this](const httplib::Request& req, httplib::Response& res) {
            download(req.matches[1], req.matches[2] == "xlsx", res);
        });
        http.Post("/api/save", [this](const httplib::Request& req, httplib::Response& res) {
            auto body = body_object(req, res, {"name", "changes", "overwrite", "from"});
            if (!body) return;
            std::size_t from = 0;
            if (!from_of(*body, res, from)) return;
            if (!body->contains("name") || !(*body)["name"].is_string())
                return send_error(res, 400, "name: give the file name to save as");
            if (body->contains("overwrite") && !(*body)["overwrite"].is_boolean())
                return send_error(res, 400, "overwrite: true or false");
            const Variant v = scenarios.variant(from, body->value("changes", json::object()));
            if (!v.ok) return refuse_variant(res, v);
            try {
                std::lock_guard<std::mutex> lock(save_mutex);
                const std::string path = scenarios.save(v, (*body)["name"].get<std::string>(),
                                                        body->value("overwrite", false), options.save_dir);
                send_json(res, 201, {{"file", path}, {"compare", "wfsim compare " + scenarios.base().file + " " + path +
                                                                     " --reps " + std::to_string(runner->options().reps) +
                                                                     " --seed " + std::to_string(runner->options().seed)}});
            } catch (const SaveError& e) {
                send_error(res, e.status, e.what());
            }
        });
    }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() {
    stop();
    impl_->runner->stop();
}

int Server::bind() {
    auto& o = impl_->options;
    if (o.port == 0) {
        impl_->port = impl_->http.bind_to_any_port(o.host);
        if (impl_->port < 0) throw std::runtime_error("cannot listen on " + o.host + " (any free port)");
    } else {
        if (!impl_->http.bind_to_port(o.host, o.port))
            throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                     " (in use? give another --port, or --port 0 for a free one)");
        impl_->port = o.port;
    }
    return impl_->port;
}

std::string Server::address() const {
    const auto& o = impl_->options;
    const std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
    return "http://" + host + ":" + std::to_string(impl_->port) + "/" + (o.token.empty() ? "" : "?token=" + o.token);
}

bool Server::listen() { return impl_->http.listen_after_bind(); }

void Server::stop() {
    impl_->runner->stop();
    impl_->http.stop();
}

}  // namespace wfsim::serve
