#include "models/prepared.h"

#include <algorithm>
#include <utility>

#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "models/simulation.h"  // calendar_for
#include "models/uncertainty.h"

namespace wfsim::model {

Config settings_of(params::Tree& tree, int months) {
    Config cfg = read_config(tree);
    // A grade without a market comparator is compared with its own salary as
    // first given: write that into the tree, so that a later pay uplift
    // raises pay against an unchanged market.
    for (std::size_t g = 0; g < cfg.grades.size(); ++g) {
        const std::string key = "grades." + cfg.names.grades[g] + ".market_salary";
        if (!params::Params(&tree, "").has(key)) {
            std::string why;
            params::assign_path(tree, key, params::Tree::make_scalar(params::format_number(cfg.grades[g].salary), {}), {}, why);
        }
    }
    if (months > 0) {
        cfg.horizon_months = months;
        cfg.horizon_days = cfg.day_of(params::add_months(cfg.start, months));
        // Yearly awards run to the horizon in force.
        cfg.pay_steps = read_pay_steps(params::Params(&tree, ""), cfg.start, cfg.horizon_days, cfg.names);
    }
    return cfg;
}

void change_tree(params::Tree& tree, std::uint64_t index) {
    const params::Params item = params::Params(&tree, "").at("interventions." + std::to_string(index));
    std::string why;
    // Copy what is read before the tree is changed under it.
    std::vector<std::pair<std::string, params::Tree>> sets;
    if (const params::Tree* set = item.at("set").tree(); set && set->is_map())
        for (const auto& kv : set->map) sets.push_back(kv);
    std::vector<std::pair<std::string, double>> uplifts;
    for (const auto& g : item.at("pay_uplift").keys()) uplifts.push_back({g, item.number("pay_uplift." + g)});

    for (auto& [path, value] : sets) params::assign_path(tree, path, value, value.loc, why);
    for (const auto& [g, uplift] : uplifts) {
        const std::string key = "grades." + g + ".salary";
        const double salary = params::Params(&tree, "").money(key) * (1 + uplift);
        params::assign_path(tree, key, params::Tree::make_scalar(params::format_number(salary), {}), {}, why);
    }
}

Config reread_settings(const params::Tree& tree, const Config& before) {
    Config cfg = read_config(tree);
    cfg.horizon_days = before.horizon_days;
    cfg.horizon_months = before.horizon_months;
    cfg.pay_steps = before.pay_steps;  // pay_awards, market_pay and agency_rates cannot change at a date
    return cfg;
}

PreparedScenario::PreparedScenario(const params::Tree& scenario, std::string scenario_dir, int months)
    : scenario_(scenario), scenario_dir_(std::move(scenario_dir)), months_(months) {
    calendar_ = calendar_for(scenario_, months_);
    Step start;
    start_tree_ = scenario_;
    if (sample_uncertain(start_tree_, 0, 0) > 0) {  // not shared
        start_tree_ = params::Tree();
        return;
    }
    shared_ = true;
    start.config = settings_of(start_tree_, months_);
    // The interventions within the horizon in the order the kernel runs them:
    // by day, ties in the order of the list (the order they are scheduled in).
    std::vector<std::pair<double, std::uint64_t>> order;
    const auto items = params::Params(&start_tree_, "").at("interventions").items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const double t = start.config.day_of(items[i].date("at"));
        if (t < start.config.horizon_days) order.emplace_back(t, i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    steps_.reserve(order.size() + 1);
    steps_.push_back(std::move(start));
    // One working tree carried through the changes: each step keeps only the settings.
    params::Tree tree = start_tree_;
    for (const auto& [t, index] : order) {
        Step next;
        next.intervention = index;
        change_tree(tree, index);
        next.config = reread_settings(tree, steps_.back().config);
        steps_.push_back(std::move(next));
    }
}

params::Tree PreparedScenario::tree_after(std::size_t k) const {
    params::Tree tree = start_tree_;
    for (std::size_t i = 1; i <= k && i < steps_.size(); ++i) change_tree(tree, steps_[i].intervention);
    return tree;
}

}  // namespace wfsim::model
