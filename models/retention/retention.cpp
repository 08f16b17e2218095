// Retention payments: market supplements (pay, after a qualifying period),
// milestone bonuses with clawback, golden hellos, relocation packages and
// recognition awards. Each costs money and changes the leaving hazard.
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

RetentionConfig read_retention(const params::Params& p, const Config& c) {
    RetentionConfig r;
    r.supplement_grades = grade_flags(p, "market_supplement.grades", c.names, false);
    r.supplement_share = p.number("market_supplement.share");
    r.supplement_after_days = p.days("market_supplement.after");
    for (const auto& item : p.at("bonuses").items()) {
        BonusScheme b;
        b.name = item.str("name");
        b.grades = grade_flags(item, "grades", c.names, true);
        b.at_service_days = item.days("at_service");
        b.amount = item.money("amount");
        if (item.has("from")) b.from = c.day_of(item.date("from"));
        if (item.has("until")) b.until = c.day_of(item.date("until"));
        b.clawback_days = item.days("clawback_within");
        b.clawback_share = item.number("clawback_share");
        b.taper = item.flag("clawback_taper");
        b.anticipation_days = item.days("anticipation");
        b.multiplier_before = item.number("leaving_multiplier_before");
        b.after_days = item.days("after_window");
        b.multiplier_after = item.number("leaving_multiplier_after");
        b.elasticity_before = item.number("leaving_elasticity_before");
        b.elasticity_after = item.number("leaving_elasticity_after");
        r.bonuses.push_back(b);
    }
    r.hello_amount = p.money("golden_hello.amount");
    r.hello_grades = grade_flags(p, "golden_hello.grades", c.names, true);
    r.hello_clawback_days = p.days("golden_hello.clawback_within");
    r.hello_acceptance = p.number("golden_hello.acceptance_multiplier");
    r.hello_acceptance_elasticity = p.number("golden_hello.acceptance_elasticity");
    r.relocation_amount = p.money("relocation.amount");
    r.relocation_share = p.number("relocation.share_of_hires");
    r.recognition_awards = p.number("recognition.awards_per_year");
    r.recognition_value = p.money("recognition.value");
    r.recognition_leave_days = p.number("recognition.extra_leave_days");
    r.recognition_multiplier = p.number("recognition.leaving_multiplier");
    r.recognition_from = p.has("recognition.from") ? c.day_of(p.date("recognition.from")) : 0.0;
    return r;
}

double RetentionConfig::hello_acceptance_factor(std::size_t grade, double salary) const {
    if (!(hello_amount > 0 && hello_grades[grade])) return 1.0;
    double f = hello_acceptance;
    // The size-dependent part: a bigger hello against the grade's pay is worth more.
    if (hello_acceptance_elasticity != 0 && salary > 0) f *= std::pow(1 + hello_amount / salary, hello_acceptance_elasticity);
    return f;
}

namespace {

const Payment* payment_of(const Person& p, int scheme) {
    for (const auto& pay : p.payments)
        if (pay.scheme == scheme) return &pay;
    return nullptr;
}

// The day a scheme's bonus falls due for this person, if it will be paid.
double due_day(const Person& p, const BonusScheme& b) {
    if (!b.grades[static_cast<std::size_t>(p.grade)]) return kNever;
    const double t = p.service_start + b.at_service_days;
    return (t >= 0 && t >= b.from && t < b.until) ? t : kNever;
}

// The size-dependent part of a bonus's effect: (1 + amount / salary) ^ e,
// with the worker's grade's annual salary now (so the same bonus means less
// to a better-paid grade, and after a pay award).
double size_effect(const BonusScheme& b, double elasticity, double salary) {
    if (elasticity == 0 || salary <= 0) return 1.0;
    return std::pow(1.0 + b.amount / salary, elasticity);
}

}  // namespace

bool Simulation::supplement_due(const Person& p, double t) const {
    const RetentionConfig& r = cfg_->retention;
    return r.supplement_share > 0 && r.supplement_grades[static_cast<std::size_t>(p.grade)] &&
           t - p.service_start >= r.supplement_after_days;
}

double Simulation::retention_multiplier(const Person& p, double t) const {
    const RetentionConfig& r = cfg_->retention;
    double m = (r.recognition_awards > 0 && t >= r.recognition_from) ? r.recognition_multiplier : 1.0;
    const double salary = cfg_->grades[static_cast<std::size_t>(p.grade)].salary;
    for (std::size_t s = 0; s < r.bonuses.size(); ++s) {
        const BonusScheme& b = r.bonuses[s];
        if (const Payment* paid = payment_of(p, static_cast<int>(s))) {
            if (t < paid->paid_at + b.after_days) m *= b.multiplier_after * size_effect(b, b.elasticity_after, salary);
            continue;
        }
        const double due = due_day(p, b);
        if (t >= due - b.anticipation_days && t < due) m *= b.multiplier_before * size_effect(b, b.elasticity_before, salary);
    }
    return m;
}

void Simulation::retention_change_points(const Person& p, double t, double& next) const {
    auto consider = [&](double x) {
        if (x > t + kSameMoment && x < next) next = x;
    };
    const RetentionConfig& r = cfg_->retention;
    for (std::size_t s = 0; s < r.bonuses.size(); ++s) {
        const BonusScheme& b = r.bonuses[s];
        if (const Payment* paid = payment_of(p, static_cast<int>(s))) {
            consider(paid->paid_at + b.after_days);
            continue;
        }
        const double due = due_day(p, b);
        if (!std::isfinite(due)) continue;
        consider(due - b.anticipation_days);
        consider(due);
    }
    if (r.supplement_share > 0 && r.supplement_grades[static_cast<std::size_t>(p.grade)] && !p.supplement)
        consider(p.service_start + r.supplement_after_days);
}

void Simulation::pay_due_bonuses(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    const RetentionConfig& r = cfg_->retention;
    for (std::size_t s = 0; s < r.bonuses.size(); ++s) {
        const BonusScheme& b = r.bonuses[s];
        if (payment_of(p, static_cast<int>(s)) || std::fabs(due_day(p, b) - now()) > 2 * kSameMoment) continue;
        ledger_.lump(kRetention, b.amount);
        group_lump(p.grade, p.team, kRetention, b.amount);
        p.payments.push_back({now(), b.amount, b.clawback_days, b.clawback_share, b.taper, static_cast<std::int16_t>(s)});
        p.paid_total += b.amount;
    }
}

void Simulation::on_starter_payments(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    const RetentionConfig& r = cfg_->retention;
    if (r.hello_amount > 0 && r.hello_grades[static_cast<std::size_t>(p.grade)]) {
        ledger_.lump(kRetention, r.hello_amount);
        group_lump(p.grade, p.team, kRetention, r.hello_amount);
        p.payments.push_back({now(), r.hello_amount, r.hello_clawback_days, 1.0, false, -1});
        p.paid_total += r.hello_amount;
    }
    if (r.relocation_amount > 0 && streams_[kStreamRetention].bernoulli(r.relocation_share)) {
        ledger_.lump(kRetention, r.relocation_amount);
        group_lump(p.grade, p.team, kRetention, r.relocation_amount);
    }
}

void Simulation::clawback(Person& p) {
    for (const auto& pay : p.payments) {
        const double held = now() - pay.paid_at;
        if (held >= pay.clawback_days) continue;
        double repay = pay.amount * pay.clawback_share;
        if (pay.taper) repay *= 1.0 - held / pay.clawback_days;
        ledger_.lump(kRetention, -repay);
        group_lump(p.grade, p.team, kRetention, -repay);
        clawed_ += repay;
        p.clawed_total += repay;
    }
}

}  // namespace wfsim::model
