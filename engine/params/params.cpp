#include "params.h"

#include <stdexcept>

namespace wfsim::params {

void Params::fail(const std::string& key, const std::string& what) const {
    throw std::logic_error("scenario key " + (path_.empty() ? key : key.empty() ? path_ : path_ + "." + key) + ": " +
                           what);
}

Params Params::at(const std::string& dotted) const {
    const Tree* n = node_;
    std::string p = path_;
    std::string seg;
    auto step = [&](const std::string& s) {
        p += (p.empty() ? "" : ".") + s;
        if (!n) return;
        if (n->is_map()) n = n->find(s);
        else if (n->is_seq()) {
            std::size_t i = 0;
            try { i = std::stoul(s); } catch (...) { n = nullptr; return; }
            n = i < n->seq.size() ? &n->seq[i] : nullptr;
        } else n = nullptr;
    };
    for (char c : dotted) {
        if (c == '.') { step(seg); seg.clear(); }
        else seg += c;
    }
    if (!seg.empty()) step(seg);
    return Params(n, p);
}

bool Params::has(const std::string& key) const { return at(key).present(); }

const Tree& Params::leaf(const std::string& key) const {
    Params v = key.empty() ? *this : at(key);
    if (!v.node_ || !v.node_->is_scalar()) fail(key, "expected a value (was the scenario validated?)");
    return *v.node_;
}

double Params::number(const std::string& key) const {
    std::string why;
    const Tree& t = leaf(key);
    if (auto v = parse_number(t.scalar, true, why)) return *v;
    if (auto v = parse_money(t.scalar, why)) return *v;
    fail(key, t.scalar + " " + why);
}

double Params::number_or(const std::string& key, double fallback) const {
    return has(key) ? number(key) : fallback;
}

double Params::money(const std::string& key) const {
    std::string why;
    const Tree& t = leaf(key);
    if (auto v = parse_money(t.scalar, why)) return *v;
    fail(key, t.scalar + " " + why);
}

Duration Params::duration(const std::string& key) const {
    std::string why;
    const Tree& t = leaf(key);
    if (auto v = parse_duration(t.scalar, why)) return *v;
    fail(key, t.scalar + " " + why);
}

double Params::days(const std::string& key) const { return duration(key).days(); }

Date Params::date(const std::string& key) const {
    std::string why;
    const Tree& t = leaf(key);
    if (auto v = parse_date(t.scalar, why)) return *v;
    fail(key, t.scalar + " " + why);
}

std::string Params::str(const std::string& key) const { return leaf(key).scalar; }

std::string Params::str_or(const std::string& key, const std::string& fallback) const {
    Params v = at(key);
    return v.node_ && v.node_->is_scalar() ? v.node_->scalar : fallback;
}

bool Params::flag(const std::string& key) const {
    const std::string& s = leaf(key).scalar;
    return s == "true" || s == "yes" || s == "on";
}

std::vector<std::string> Params::names(const std::string& key) const {
    Params v = at(key);
    std::vector<std::string> out;
    if (!v.node_) return out;
    if (v.node_->is_scalar()) out.push_back(v.node_->scalar);
    for (const auto& item : v.node_->seq) out.push_back(item.scalar);
    return out;
}

std::vector<std::string> Params::keys() const {
    std::vector<std::string> out;
    if (node_ && node_->is_map())
        for (const auto& kv : node_->map) out.push_back(kv.first);
    return out;
}

std::vector<Params> Params::items() const {
    std::vector<Params> out;
    if (node_ && node_->is_seq())
        for (std::size_t i = 0; i < node_->seq.size(); ++i)
            out.emplace_back(&node_->seq[i], path_ + "." + std::to_string(i));
    return out;
}

double Params::as_number() const { return number(""); }
double Params::as_money() const { return money(""); }
double Params::as_days() const { return days(""); }
Date Params::as_date() const { return date(""); }
std::string Params::as_str() const { return str(""); }

}  // namespace wfsim::params
