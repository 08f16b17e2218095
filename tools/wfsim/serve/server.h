// wfsim serve: the HTTP server (cpp-httplib) that serves the page and its
// JSON API, and nothing else: no path of the file system is ever read from
// a URL. Safe by default: it listens on 127.0.0.1; on any other address it
// requires the secret token printed in its address on every request.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wfsim::serve {

struct ServeOptions {
    std::vector<std::string> files;  // the base, then alternatives
    std::string host = "127.0.0.1";
    int port = 8080;                 // 0: a free port
    std::size_t reps = 500;
    std::optional<std::uint64_t> seed;  // default: the base's
    std::string save_dir;            // default: the base's folder
    unsigned threads = 0;
    double max_seconds = 120;        // wall time of one run
    std::string token;               // required on every request when not empty
    std::size_t base_memory = std::size_t{512} << 20;  // for keeping the base's replications
};

constexpr std::size_t kMaxBodyBytes = 64 * 1024;

// Whether a host name or address is this machine's loopback.
bool is_loopback(const std::string& host);
// A random secret of 32 hex digits.
std::string new_token();

class Server {
public:
    // Loads the scenarios; throws std::runtime_error with the CLI's messages.
    explicit Server(ServeOptions options);
    ~Server();
    // Binds the port; throws std::runtime_error when it cannot. Returns the port.
    int bind();
    // The address to open: http://HOST:PORT/ with ?token=... when one is needed.
    std::string address() const;
    // Serves until stop(); false if the server failed.
    bool listen();
    void stop();  // from any thread

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wfsim::serve
