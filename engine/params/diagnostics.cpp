#include "diagnostics.h"

#include <algorithm>

namespace wfsim::params {

std::string Loc::str() const {
    std::string s = via ? *via + ": " : std::string();
    s += file ? *file : std::string("<input>");
    if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(col);
    return s;
}

// A message stays one readable line: a value echoed into it (a 12 MB CSV
// field, a huge number) is cut to its first 60 characters, with its length;
// control characters are shown as \xNN (C1 controls as \u00NN), so no
// escape code reaches a terminal.
std::string readable(const std::string& text) {
    constexpr std::size_t kLongest = 200, kKept = 60;  // paths stay whole; a 12 MB field does not
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find(' ', i);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(i, end - i);
        if (word.size() > kLongest) {
            std::size_t keep = kKept;  // not in the middle of a UTF-8 character
            while (keep > 0 && (static_cast<unsigned char>(word[keep]) & 0xC0) == 0x80) --keep;
            word = word.substr(0, keep) + "...(" + std::to_string(end - i) + " characters)";
        }
        static const char* hex = "0123456789abcdef";
        for (std::size_t k = 0; k < word.size(); ++k) {
            const auto c = static_cast<unsigned char>(word[k]);
            const auto next = k + 1 < word.size() ? static_cast<unsigned char>(word[k + 1]) : 0;
            if (c < 0x20 || c == 0x7f) {
                out += std::string("\\x") + hex[c >> 4] + hex[c & 15];
            } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // a C1 control (U+009B is CSI on some terminals)
                out += std::string("\\u00") + hex[next >> 4] + hex[next & 15];
                ++k;
            } else {
                out += static_cast<char>(c);
            }
        }
        if (end < text.size()) out += ' ';
        i = end + 1;
    }
    return out;
}

void Diagnostics::error(const Loc& loc, const std::string& path, const std::string& message) {
    if (messages_.size() >= kMaxKept) {
        ++dropped_;
        return;
    }
    std::string m = loc.str() + ": ";
    if (!path.empty()) m += readable(path) + ": ";
    m += readable(message);
    messages_.push_back(std::move(m));
}

void Diagnostics::warning(const Loc& loc, const std::string& path, const std::string& message) {
    if (warnings_.size() >= kMaxKept) {
        ++dropped_warnings_;
        return;
    }
    warnings_.push_back({loc, (path.empty() ? std::string() : readable(path) + ": ") + readable(message)});
}

std::vector<const Diagnostics::Warning*> Diagnostics::sorted_warnings() const {
    std::vector<std::string> files;  // in the order first warned of
    auto file_rank = [&](const Loc& loc) {
        const std::string name = loc.file ? *loc.file : std::string();
        auto it = std::find(files.begin(), files.end(), name);
        if (it == files.end()) it = files.insert(files.end(), name);
        return it - files.begin();
    };
    for (const auto& w : warnings_) file_rank(w.loc);
    std::vector<const Warning*> order;
    for (const auto& w : warnings_) order.push_back(&w);
    std::stable_sort(order.begin(), order.end(), [&](const Warning* a, const Warning* b) {
        const auto fa = file_rank(a->loc), fb = file_rank(b->loc);
        if (fa != fb) return fa < fb;
        if (a->loc.line != b->loc.line) return a->loc.line < b->loc.line;
        return a->loc.col < b->loc.col;
    });
    return order;
}

std::vector<std::string> Diagnostics::warning_lines() const {
    std::vector<std::string> lines;
    for (const Warning* w : sorted_warnings()) lines.push_back(w->loc.str() + ": warning: " + w->text);
    return lines;
}

void Diagnostics::warnings_as_errors() {
    for (const Warning* w : sorted_warnings()) {
        if (messages_.size() >= kMaxKept) ++dropped_;
        else messages_.push_back(w->loc.str() + ": " + w->text);
    }
    dropped_ += dropped_warnings_;
    warnings_.clear();
    dropped_warnings_ = 0;
}

void Diagnostics::print(std::ostream& out, std::size_t limit) const {
    std::size_t shown = 0;
    for (const auto& m : messages_) {
        if (shown == limit) break;
        out << m << '\n';
        ++shown;
    }
    std::size_t rest = messages_.size() - shown + dropped_;
    if (rest > 0) out << "... and " << rest << " more error" << (rest == 1 ? "" : "s") << '\n';
}

}  // namespace wfsim::params
