#include "models/check_helpers.h"

namespace wfsim::model {

const params::Tree* node_at(const params::Tree& root, const std::string& dotted) {
    const params::Tree* n = &root;
    std::string seg;
    auto step = [&](const std::string& s) {
        if (n) n = n->is_map() ? n->find(s) : nullptr;
    };
    for (char c : dotted) {
        if (c == '.') { step(seg); seg.clear(); }
        else seg += c;
    }
    if (!seg.empty()) step(seg);
    return n;
}

bool date_at(const params::Tree& root, const std::string& dotted, params::Date& out) {
    const params::Tree* n = node_at(root, dotted);
    if (!n || !n->is_scalar()) return false;
    std::string why;
    auto d = params::parse_date(n->scalar, why);
    if (!d) return false;
    out = *d;
    return true;
}

}  // namespace wfsim::model
