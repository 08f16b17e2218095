// Collects located error messages so that a whole file is checked before
// anything runs, and prints them one per line (habit: report all errors, not
// just the first). Warnings (input that is valid but probably not meant) are
// kept apart from errors: ok() and count() are about errors only.
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace wfsim::params {

// Where a value came from: a file position (1-based), or a pseudo-source
// such as a command-line override, for which line is 0.
// A message as one readable line: a value echoed into it that is longer than
// 200 characters (a 12 MB CSV field) is cut to its first 60, with its length,
// and control characters are shown as \xNN, so that no escape code reaches a
// terminal. Every message wfsim prints goes through it.
std::string readable(const std::string& text);

struct Loc {
    std::shared_ptr<const std::string> file;
    int line = 0;
    int col = 0;
    // When the file was read for another's `extends`: where that was, as
    // "a.yaml:3:10: in 'extends: b.yaml'" (outermost first), printed before.
    std::shared_ptr<const std::string> via = nullptr;
    std::string str() const;  // "[via: ]file:line:col" or "[via: ]file"
};

class Diagnostics {
public:
    // path: the key path ("recruitment.offer_acceptance"); may be empty.
    void error(const Loc& loc, const std::string& path, const std::string& message);
    bool ok() const { return messages_.empty(); }
    std::size_t count() const { return messages_.size(); }
    const std::vector<std::string>& messages() const { return messages_; }
    // Prints at most `limit` messages, then a count of the rest.
    void print(std::ostream& out, std::size_t limit = 20) const;

    // A warning: printed as "file:line:col: warning: path: message", the way
    // compilers do, and not counted by ok() or count().
    void warning(const Loc& loc, const std::string& path, const std::string& message);
    std::size_t warning_count() const { return warnings_.size() + dropped_warnings_; }
    // The warning lines, "file:line:col: warning: path: message", in the
    // order of their places in each file (files in the order first warned of).
    std::vector<std::string> warning_lines() const;
    // Turns every warning into an error (a --strict check), located and
    // worded the same, without the "warning:".
    void warnings_as_errors();

    // Guard against pathological inputs producing millions of messages.
    static constexpr std::size_t kMaxKept = 1000;

private:
    struct Warning {
        Loc loc;
        std::string text;  // "path: message"
    };
    std::vector<std::string> messages_;
    std::size_t dropped_ = 0;
    std::vector<Warning> warnings_;
    std::size_t dropped_warnings_ = 0;
    std::vector<const Warning*> sorted_warnings() const;
};

// Thrown when input is unusable; carries the diagnostics gathered so far.
struct InputError : std::exception {
    Diagnostics diagnostics;
    explicit InputError(Diagnostics d) : diagnostics(std::move(d)) {}
    const char* what() const noexcept override { return "invalid input"; }
};

}  // namespace wfsim::params
