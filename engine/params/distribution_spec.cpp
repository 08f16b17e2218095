#include "distribution_spec.h"

#include <cmath>

#include "units.h"

namespace wfsim::params {

namespace {

bool number_at(const Tree& t, const char* key, double& out, std::string& why) {
    const Tree* v = t.find(key);
    if (!v) {
        why = std::string("the distribution needs '") + key + "'";
        return false;
    }
    if (!v->is_scalar()) {
        why = std::string("'") + key + "' should be a number";
        return false;
    }
    std::string w;
    auto n = parse_number(v->scalar, true, w);
    if (!n) {
        why = std::string("'") + key + "': " + v->scalar + " " + w;
        return false;
    }
    out = *n;
    return true;
}

bool only_keys(const Tree& t, std::initializer_list<const char*> keys, std::string& why) {
    for (const auto& kv : t.map) {
        bool ok = kv.first == "dist";
        for (const char* k : keys) ok = ok || kv.first == k;
        if (!ok) {
            why = "unknown key '" + kv.first + "' in the distribution; it takes";
            for (const char* k : keys) why += std::string(" ") + k;
            return false;
        }
    }
    return true;
}

}  // namespace

bool parse_distribution(const Tree& t, double lo, double hi, bool positive, DistributionSpec& d, std::string& why) {
    const Tree* dist = t.find("dist");
    const std::string name = dist && dist->is_scalar() ? dist->scalar : "";
    d.lo = lo;
    d.hi = hi;
    auto within = [&](double v, const char* what) {
        if (v < lo || v > hi) {
            why = std::string("the distribution's ") + what + " " + format_number(v) + " is outside the allowed range";
            return false;
        }
        return true;
    };
    if (name == "normal") {
        d.type = DistributionSpec::Type::Normal;
        if (!only_keys(t, {"mean", "sd"}, why) || !number_at(t, "mean", d.a, why) || !number_at(t, "sd", d.b, why))
            return false;
        if (d.b <= 0) { why = "sd must be above 0"; return false; }
        return within(d.a, "mean");
    }
    if (name == "lognormal") {
        d.type = DistributionSpec::Type::Lognormal;
        if (!positive) { why = "a lognormal suits only values that cannot be negative"; return false; }
        if (!only_keys(t, {"mean", "sd"}, why) || !number_at(t, "mean", d.a, why) || !number_at(t, "sd", d.b, why))
            return false;
        if (d.a <= 0 || d.b <= 0) { why = "a lognormal needs mean and sd above 0"; return false; }
        return within(d.a, "mean");
    }
    if (name == "uniform") {
        d.type = DistributionSpec::Type::Uniform;
        if (!only_keys(t, {"min", "max"}, why) || !number_at(t, "min", d.a, why) || !number_at(t, "max", d.b, why))
            return false;
        if (d.a > d.b) { why = "min is above max"; return false; }
        return within(d.a, "min") && within(d.b, "max");
    }
    if (name == "beta") {
        d.type = DistributionSpec::Type::Beta;
        if (lo < 0 || hi > 1) { why = "a beta suits only probabilities and shares (0 to 1)"; return false; }
        double mean = 0, sd = 0;
        if (!only_keys(t, {"mean", "sd"}, why) || !number_at(t, "mean", mean, why) || !number_at(t, "sd", sd, why))
            return false;
        if (mean <= 0 || mean >= 1 || sd <= 0 || sd * sd >= mean * (1 - mean)) {
            why = "a beta needs 0 < mean < 1 and 0 < sd < sqrt(mean(1-mean))";
            return false;
        }
        // Method of moments.
        double k = mean * (1 - mean) / (sd * sd) - 1;
        d.a = mean * k;
        d.b = (1 - mean) * k;
        return true;
    }
    if (name == "triangular") {
        d.type = DistributionSpec::Type::Triangular;
        if (!only_keys(t, {"min", "mode", "max"}, why) || !number_at(t, "min", d.a, why) ||
            !number_at(t, "mode", d.b, why) || !number_at(t, "max", d.c, why))
            return false;
        if (!(d.a <= d.b && d.b <= d.c) || d.a == d.c) { why = "a triangular needs min <= mode <= max and min < max"; return false; }
        return within(d.a, "min") && within(d.c, "max");
    }
    why = "'" + name + "' is not a distribution; use normal, lognormal, uniform, beta or triangular";
    return false;
}

double distribution_mean(const DistributionSpec& d) {
    switch (d.type) {
        case DistributionSpec::Type::Normal:
        case DistributionSpec::Type::Lognormal: return d.a;
        case DistributionSpec::Type::Uniform: return 0.5 * (d.a + d.b);
        case DistributionSpec::Type::Beta: return d.a / (d.a + d.b);
        case DistributionSpec::Type::Triangular: return (d.a + d.b + d.c) / 3.0;
    }
    return d.a;
}

}  // namespace wfsim::params
