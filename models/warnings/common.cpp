#include <cmath>

#include "models/check_helpers.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

void declare_warnings(params::Schema& s) {
    warn_no_permanent_route(s);
    warn_neutral_payments(s);
    warn_salary_bounds(s);
    warn_agency_cheaper(s);
    warn_target_beyond_horizon(s);
}

std::optional<double> number_of(const params::Tree* node) {
    if (!node || !node->is_scalar()) return std::nullopt;
    std::string why;
    if (auto v = params::parse_number(node->scalar, true, why)) return v;
    return params::parse_money(node->scalar, why);
}

bool written(const params::Tree* node) { return node && !params::is_default(*node); }

params::Loc key_loc(const params::Tree& map, const std::string& key) {
    for (std::size_t i = 0; i < map.map.size(); ++i)
        if (map.map[i].first == key) return map.key_locs[i];
    return map.loc;
}

std::string pounds(double amount) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(amount))));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return amount < 0 ? "-" + out : out;
}

double posts_of(const params::Tree& root, const std::string& grade) {
    double posts = 0;
    if (const params::Tree* teams = node_at(root, "establishment.teams"); teams && teams->is_map())
        for (const auto& [team, grades] : teams->map)
            if (auto v = number_of(grades.find(grade))) posts += *v;
    auto additions = [&](const params::Tree& change) {
        if (auto v = number_of(change.find(grade)); v && *v > 0) posts += *v;
    };
    if (const params::Tree* changes = node_at(root, "establishment.changes"); changes && changes->is_seq())
        for (const auto& change : changes->seq) additions(change);
    if (const params::Tree* list = node_at(root, "interventions"); list && list->is_seq())
        for (const auto& item : list->seq)
            if (const params::Tree* extra = item.find("extra_posts"); extra && extra->is_map())
                for (const auto& [team, grades] : extra->map) additions(grades);
    return posts;
}

}  // namespace wfsim::model
