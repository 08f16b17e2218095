#include "diagnostics.h"

namespace wfsim::params {

std::string Loc::str() const {
    std::string s = file ? *file : std::string("<input>");
    if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(col);
    return s;
}

void Diagnostics::error(const Loc& loc, const std::string& path, const std::string& message) {
    if (messages_.size() >= kMaxKept) {
        ++dropped_;
        return;
    }
    std::string m = loc.str() + ": ";
    if (!path.empty()) m += path + ": ";
    m += message;
    messages_.push_back(std::move(m));
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
