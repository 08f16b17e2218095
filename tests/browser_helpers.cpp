#include "browser_helpers.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace wfsim::test {

namespace {
const char* const kChromium = "/usr/bin/chromium";
}  // namespace

int shell(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void require_chromium() {
    if (!fs::exists(kChromium))
        FAIL("Chromium is not installed (/usr/bin/chromium): run tools/install-deps chromium "
             "(tools/install-deps --test, which tools/test runs, installs it) to test the report in a real browser");
}

int chromium(const TempDir& tmp, const std::string& args, const std::string& out_file) {
    static int profile = 0;
    const fs::path user_data = tmp.path / ("chromium-profile-" + std::to_string(profile++));
    fs::create_directories(user_data);
    const std::string cmd = std::string("timeout 60 ") + kChromium +
                            " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                            " --disable-background-networking --disable-component-update --disable-sync"
                            " --hide-scrollbars --user-data-dir=" +
                            quoted(user_data.string()) + " " + args + " >" + quoted(out_file) + " 2>" +
                            quoted((tmp.path / "chromium.err").string()) + " </dev/null";
    return shell(cmd);
}

std::string dump_dom(const TempDir& tmp, const std::string& html_path) {
    require_chromium();
    const std::string out = (tmp.path / "dom.html").string();
    const int rc = chromium(tmp, "--dump-dom " + quoted("file://" + fs::absolute(html_path).string()), out);
    INFO(read_file((tmp.path / "chromium.err").string()));
    REQUIRE(rc == 0);
    return read_file(out);
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

}  // namespace wfsim::test
