// Helpers for the tests that render a page in headless Chromium (the report,
// the tornado and seek pages): a shell command, quoting for it, and Chromium
// with a fresh profile that fetches nothing.
#pragma once
#include <cstddef>
#include <string>

#include "helpers.h"

namespace wfsim::test {

// The command's exit code (128 + the signal when a signal ended it).
int shell(const std::string& command);
// `s` in single quotes for the shell.
std::string quoted(const std::string& s);

// Fails the test, saying how to install it, when /usr/bin/chromium is missing.
void require_chromium();
// Headless Chromium with a fresh profile under `tmp`, nothing fetched, nothing
// synced; `args` as given. Returns the exit code; stdout goes to `out_file`,
// stderr to tmp/chromium.err.
int chromium(const TempDir& tmp, const std::string& args, const std::string& out_file);
// The page's DOM after Chromium has laid it out.
std::string dump_dom(const TempDir& tmp, const std::string& html_path);

// How many times `what` occurs in `text` (without overlaps).
std::size_t count(const std::string& text, const std::string& what);

}  // namespace wfsim::test
