#include "schema.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "distribution_spec.h"
#include "units.h"

namespace wfsim::params {

struct Schema::Trie {
    std::vector<std::pair<std::string, std::unique_ptr<Trie>>> literals;
    std::unique_ptr<Trie> wildcard;
    std::string wildcard_set;  // "grade", "team", or a free label such as "name"
    std::unique_ptr<Trie> item;
    const KeyDecl* decl = nullptr;

    Trie* literal(const std::string& k) const {
        for (const auto& kv : literals)
            if (kv.first == k) return kv.second.get();
        return nullptr;
    }
    bool is_leaf() const { return decl && decl->kind != Kind::Section; }
    std::vector<std::string> literal_names() const {
        std::vector<std::string> v;
        for (const auto& kv : literals) v.push_back(kv.first);
        return v;
    }
};

// ---------------------------------------------------------------- builder

KeyDecl& KeyBuilder::decl() { return schema_.decls_[index_]; }
KeyBuilder& KeyBuilder::unit(std::string u) { decl().unit = std::move(u); return *this; }
KeyBuilder& KeyBuilder::def(std::string t) { decl().default_value = std::move(t); return *this; }
KeyBuilder& KeyBuilder::required() { decl().required = true; return *this; }
KeyBuilder& KeyBuilder::range(double lo, double hi) { decl().min = lo; decl().max = hi; return *this; }
KeyBuilder& KeyBuilder::choices(std::vector<std::string> c) { decl().choices = std::move(c); return *this; }
KeyBuilder& KeyBuilder::refers_to(std::string s) { decl().refers_to = std::move(s); return *this; }
KeyBuilder& KeyBuilder::uncertain() { decl().uncertain = true; return *this; }
KeyBuilder& KeyBuilder::free_text() { decl().free_text = true; return *this; }
KeyBuilder& KeyBuilder::doc(std::string d) { decl().doc = std::move(d); return *this; }

Schema::Schema() : trie_(std::make_unique<Trie>()) { decls_.reserve(1024); }
Schema::~Schema() = default;

KeyBuilder Schema::key(std::string path, Kind kind) {
    if (decls_.size() == decls_.capacity())
        throw std::logic_error("schema: too many keys for the reserved table");  // keeps pointers stable
    KeyDecl d;
    d.path = std::move(path);
    d.kind = kind;
    d.heading = headings_.empty() ? 0 : headings_.size() - 1;
    decls_.push_back(std::move(d));
    insert(decls_.size() - 1);
    return KeyBuilder(*this, decls_.size() - 1);
}

void Schema::define_names(const std::string& set, const std::string& path) { name_sets_[set] = path; }
void Schema::add_check(CrossCheck c) { checks_.push_back(std::move(c)); }
void Schema::add_warning_check(CrossCheck c) { warning_checks_.push_back(std::move(c)); }
void Schema::add_heading(std::string title, std::string text) {
    headings_.push_back({std::move(title), std::move(text)});
}

namespace {

std::vector<std::string> split_pattern(const std::string& path) {
    std::vector<std::string> segs;
    std::string cur;
    for (std::size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c == '.') {
            if (!cur.empty()) segs.push_back(cur);
            cur.clear();
        } else if (c == '[' && i + 1 < path.size() && path[i + 1] == ']') {
            if (!cur.empty()) segs.push_back(cur);
            cur.clear();
            segs.push_back("[]");
            ++i;
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) segs.push_back(cur);
    return segs;
}

bool is_wild(const std::string& seg) { return seg.size() > 2 && seg.front() == '<' && seg.back() == '>'; }

}  // namespace

void Schema::insert(std::size_t index) {
    Trie* node = trie_.get();
    for (const auto& seg : split_pattern(decls_[index].path)) {
        if (seg == "[]") {
            if (!node->item) node->item = std::make_unique<Trie>();
            node = node->item.get();
        } else if (is_wild(seg)) {
            if (!node->wildcard) {
                node->wildcard = std::make_unique<Trie>();
                node->wildcard_set = seg.substr(1, seg.size() - 2);
            }
            node = node->wildcard.get();
        } else {
            Trie* next = node->literal(seg);
            if (!next) {
                node->literals.emplace_back(seg, std::make_unique<Trie>());
                next = node->literals.back().second.get();
            }
            node = next;
        }
    }
    node->decl = &decls_[index];
}

const KeyDecl* Schema::find(const std::string& pattern) const {
    for (const auto& d : decls_)
        if (d.path == pattern) return &d;
    return nullptr;
}

// ---------------------------------------------------------------- suggestions

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t sub = prev[j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::string::npos;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_d) { best_d = d; best = c; }
    }
    // Close enough: a third of the longer word, at least one edit.
    std::size_t allowed = std::max<std::size_t>(1, std::max(word.size(), best.size()) / 3);
    return (best_d <= allowed) ? best : std::string();
}

namespace {

std::string join(const std::vector<std::string>& v, const std::string& sep = ", ") {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

std::string shown(const Tree& t) {
    switch (t.type) {
        case Tree::Type::Null: return "(empty)";
        case Tree::Type::Map: return "a mapping";
        case Tree::Type::Seq: return "a list";
        case Tree::Type::Scalar: break;
    }
    std::string s = t.scalar;
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return t.quoted ? "\"" + s + "\"" : s;
}

// A bound as people write it: 2,000,000 rather than 2e+06.
std::string fmt_bound(double v) {
    if (v != std::floor(v) || std::fabs(v) >= 1e15) return format_number(v);
    std::string digits = std::to_string(static_cast<long long>(std::fabs(v)));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (v < 0 ? "-" : "") + digits;
}

std::string range_text(const KeyDecl& d, const std::string& noun) {
    bool lo = std::isfinite(d.min), hi = std::isfinite(d.max);
    if (lo && hi) return noun + " (" + fmt_bound(d.min) + " to " + fmt_bound(d.max) + ")";
    if (lo) return noun + " (" + fmt_bound(d.min) + " or more)";
    if (hi) return noun + " (at most " + fmt_bound(d.max) + ")";
    return noun;
}

bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 64 || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+') return false;
    return true;
}

// The first control character of a text (C0, DEL or C1; tab and line feed
// too unless `free_text`): its code point and its position in characters
// from 1. Names and paths never need one, and one written raw to a terminal
// is an escape code.
bool control_character(const std::string& s, bool free_text, unsigned& code, std::size_t& position) {
    position = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) ++position;  // not a continuation byte: a new character
        if (c < 0x20 || c == 0x7f) {
            if (free_text && (c == '\t' || c == '\n')) continue;
            code = c;
            return true;
        }
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            code = static_cast<unsigned char>(s[i + 1]);
            return true;
        }
    }
    return false;
}

std::string code_point(unsigned code) {
    static const char* hex = "0123456789ABCDEF";
    std::string s = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) s += hex[(code >> shift) & 15];
    return s;
}

bool check_range(const KeyDecl& d, double v, const std::string& noun, std::string& why) {
    if (v < d.min || v > d.max) {
        why = "is not " + range_text(d, noun);
        return false;
    }
    return true;
}

}  // namespace

std::string kind_name(Kind k) {
    switch (k) {
        case Kind::Section: return "section";
        case Kind::String: return "text";
        case Kind::Bool: return "true/false";
        case Kind::Integer: return "whole number";
        case Kind::Number: return "number";
        case Kind::Probability: return "probability";
        case Kind::Share: return "share";
        case Kind::Rate: return "rate";
        case Kind::Multiplier: return "multiplier";
        case Kind::Money: return "pounds";
        case Kind::Fte: return "FTE";
        case Kind::SignedFte: return "FTE change";
        case Kind::Duration: return "duration";
        case Kind::Date: return "date";
        case Kind::Enum: return "one of";
        case Kind::NameRef: return "name";
        case Kind::NameList: return "list of names";
        case Kind::Path: return "file";
        case Kind::Overrides: return "key: value pairs";
    }
    return "?";
}

bool check_leaf(const KeyDecl& d, const Tree& t, std::string& why) {
    if (t.is_null()) {
        why = "has no value";
        return false;
    }
    if (d.kind == Kind::NameList) {
        if (t.is_scalar()) {
            if (valid_name(t.scalar)) return true;
            why = "is not a name (letters, digits, _ and -)";
            return false;
        }
        if (!t.is_seq()) { why = "should be a list of names, e.g. [sw, senior]"; return false; }
        for (const auto& item : t.seq)
            if (!item.is_scalar() || !valid_name(item.scalar)) {
                why = "should be a list of names, e.g. [sw, senior]";
                return false;
            }
        return true;
    }
    if (d.kind == Kind::Overrides) {
        if (t.is_map()) return true;
        why = "should be a mapping of key paths to values, e.g. {leaving.base_rate.sw: 0.2}";
        return false;
    }
    if (!t.is_scalar()) {
        why = "should be a single value (" + kind_name(d.kind) + "), not " + shown(t);
        return false;
    }
    const std::string& s = t.scalar;
    switch (d.kind) {
        case Kind::String:
        case Kind::Path: {
            if (s.empty()) { why = "is empty"; return false; }
            unsigned code = 0;
            std::size_t position = 0;
            if (control_character(s, d.kind == Kind::String && d.free_text, code, position)) {
                why = "holds a control character (" + code_point(code) + ") at character " + std::to_string(position) +
                      (d.kind == Kind::Path ? "; a file's path is plain text"
                       : d.free_text        ? "; only tabs and line breaks are allowed in a text"
                                            : "; names are plain text");
                return false;
            }
            return true;
        }
        case Kind::Bool:
            if (s == "true" || s == "false" || s == "yes" || s == "no" || s == "on" || s == "off") return true;
            why = "is not true or false";
            return false;
        case Kind::Integer: {
            auto v = parse_number(s, false, why);
            if (!v) return false;
            if (std::floor(*v) != *v) { why = "is not a whole number"; return false; }
            return check_range(d, *v, "a whole number", why);
        }
        case Kind::Number:
        case Kind::Multiplier: {
            auto v = parse_number(s, false, why);
            if (!v) return false;
            return check_range(d, *v, d.kind == Kind::Multiplier ? "a multiplier" : "a number", why);
        }
        case Kind::Probability:
        case Kind::Share: {
            auto v = parse_number(s, true, why);
            if (!v) return false;
            if (*v < 0 || *v > 1) {
                why = d.kind == Kind::Probability ? "is not a probability (0 to 1)" : "is not a share (0 to 1)";
                return false;
            }
            return check_range(d, *v, d.kind == Kind::Probability ? "a probability" : "a share", why);
        }
        case Kind::Rate: {
            auto v = parse_number(s, true, why);
            if (!v) return false;
            if (*v < 0) { why = "is not a rate per year (0 or more)"; return false; }
            // 10,000 a year is someone leaving within an hour: far beyond any
            // real service, and higher rates only make a run endless.
            if (*v > 1e4) { why = "is not a rate per year from 0 to 10,000"; return false; }
            return check_range(d, *v, "a rate per year", why);
        }
        case Kind::Money: {
            auto v = parse_money(s, why);
            if (!v) return false;
            if (*v < 0) { why = "is not an amount in pounds (0 or more)"; return false; }
            return check_range(d, *v, "an amount in pounds", why);
        }
        case Kind::Fte:
        case Kind::SignedFte: {
            auto v = parse_number(s, false, why);
            if (!v) return false;
            if (d.kind == Kind::Fte && *v < 0) { why = "is not an FTE (0 or more)"; return false; }
            return check_range(d, *v, "an FTE", why);
        }
        case Kind::Duration: {
            auto v = parse_duration(s, why);
            if (!v) return false;
            double days = v->days();
            if (days < d.min || days > d.max) {
                why = "is outside the allowed range (" + (std::isfinite(d.min) ? fmt_bound(d.min) + " days" : "0") +
                      " to " + (std::isfinite(d.max) ? fmt_bound(d.max) + " days" : "any length") + ")";
                return false;
            }
            return true;
        }
        case Kind::Date:
            return parse_date(s, why).has_value();
        case Kind::Enum:
            if (std::find(d.choices.begin(), d.choices.end(), s) != d.choices.end()) return true;
            why = "is not one of " + join(d.choices);
            if (auto m = did_you_mean(s, d.choices); !m.empty()) why += " (did you mean '" + m + "'?)";
            return false;
        case Kind::NameRef:
            if (valid_name(s)) return true;
            why = "is not a name (letters, digits, _ and -)";
            return false;
        default:
            return true;
    }
}

// ---------------------------------------------------------------- validation

namespace {

using Names = std::map<std::string, std::vector<std::string>>;

struct Walker {
    const Schema& schema;
    const std::map<std::string, std::string>& name_sets;
    Names names;
    Diagnostics& diags;
    // Every error found (Diagnostics stops keeping messages after a while),
    // and where: the entries whose values or keys were wrong, as paths of
    // map keys and list indices, to be taken out before the cross-key checks.
    std::size_t errors = 0;
    std::vector<std::string> at;  // the path being walked
    std::vector<std::vector<std::string>> wrong;

    // A mapping or list of the right shape has its own wrong entries taken
    // out below it; anything else that was wrong goes whole.
    static bool holds_its_own(const Schema::Trie& node, const Tree& t) {
        if (node.is_leaf()) return false;
        return node.item ? t.is_seq() : t.is_map();
    }

    void error(const Loc& loc, const std::string& path, const std::string& message) {
        ++errors;
        diags.error(loc, path, message);
    }

    bool is_defining(const std::string& set, const std::string& concrete_path) const {
        auto it = name_sets.find(set);
        return it != name_sets.end() && it->second == concrete_path;
    }

    bool check_member(const std::string& set, const std::string& name, const Loc& loc, const std::string& path) {
        auto it = names.find(set);
        if (it == names.end()) return true;  // a free label, not a reference
        const auto& v = it->second;
        if (std::find(v.begin(), v.end(), name) != v.end()) return true;
        std::string msg = "'" + name + "' is not a " + set + " of this scenario";
        msg += v.empty() ? " (none is defined)" : "; the " + set + "s are " + join(v);
        if (auto m = did_you_mean(name, v); !m.empty()) msg += " (did you mean '" + m + "'?)";
        error(loc, path, msg);
        return false;
    }

    void leaf(const KeyDecl& d, const Tree& t, const std::string& path) {
        if (d.uncertain && t.is_map() && t.find("dist")) {
            std::string why;
            if (!check_distribution(d, t, why)) error(t.loc, path, why);
            return;
        }
        std::string why;
        if (!check_leaf(d, t, why)) {
            if (d.uncertain && t.is_map())
                why += " (to give a distribution, write {dist: normal, mean: ..., sd: ...})";
            error(t.loc, path, shown(t) + " " + why);
            return;
        }
        if (d.kind == Kind::NameRef) check_member(d.refers_to, t.scalar, t.loc, path);
        if (d.kind == Kind::NameList) {
            if (t.is_scalar()) check_member(d.refers_to, t.scalar, t.loc, path);
            for (const auto& item : t.seq) check_member(d.refers_to, item.scalar, item.loc, path);
        }
        if (d.kind == Kind::Overrides) overrides(t, path);
    }

    void overrides(const Tree& t, const std::string& path) {
        for (std::size_t i = 0; i < t.map.size(); ++i) {
            const auto& [key, value] = t.map[i];
            std::string why;
            const KeyDecl* d = schema.match_concrete(key, why);
            std::string p = path + "." + key;
            if (!d) {
                error(t.key_locs[i], p, why);
                continue;
            }
            if (d->kind == Kind::Overrides || d->kind == Kind::Section) {
                error(t.key_locs[i], p, "cannot be changed at a date; name a single value");
                continue;
            }
            check_path_names(key, t.key_locs[i], p);
            leaf(*d, value, p);
        }
    }

    // Names inside a concrete key path must exist ("leaving.base_rate.swx").
    void check_path_names(const std::string& key, const Loc& loc, const std::string& shown_path) {
        walk_names(split_pattern(key), loc, shown_path);
    }
    void walk_names(const std::vector<std::string>& segs, const Loc& loc, const std::string& shown_path);

    void walk(Tree& t, const Schema::Trie& node, const std::string& path) {
        if (node.is_leaf()) {
            leaf(*node.decl, t, path);
            return;
        }
        if (node.item) {
            if (t.is_null()) return;
            if (!t.is_seq()) {
                error(t.loc, path, shown(t) + " should be a list (items starting with '- ')");
                return;
            }
            for (std::size_t i = 0; i < t.seq.size(); ++i) {
                const std::size_t errors_before = errors;
                at.push_back("[" + std::to_string(i));
                walk(t.seq[i], *node.item, path + "[" + std::to_string(i) + "]");
                if (errors > errors_before && !holds_its_own(*node.item, t.seq[i])) wrong.push_back(at);
                at.pop_back();
            }
            return;
        }
        if (t.is_null()) return;
        if (!t.is_map()) {
            error(t.loc, path, shown(t) + " should be a mapping of keys");
            return;
        }
        for (std::size_t i = 0; i < t.map.size(); ++i) {
            auto& [key, child] = t.map[i];
            std::string p = path.empty() ? key : path + "." + key;
            const std::size_t errors_before = errors;
            bool key_wrong = false;
            const Schema::Trie* below = nullptr;
            at.push_back("." + key);  // marked, so that a key such as "[x" is never read as an index
            if (const Schema::Trie* lit = node.literal(key)) {
                below = lit;
                walk(child, *lit, p);
            } else if (node.wildcard) {
                // A year may be written 2016/17 (the scenario's own checks say which years are allowed).
                const bool year = node.wildcard_set == "year" && key.find('/') != std::string::npos;
                if (!valid_name(year ? std::string(key).replace(key.find('/'), 1, "-") : key)) {
                    error(t.key_locs[i], p, "'" + key + "' is not a valid " + node.wildcard_set +
                                                      " name (letters, digits, _ and -; no spaces or dots)");
                    key_wrong = true;
                } else {
                    if (!is_defining(node.wildcard_set, path))
                        key_wrong = !check_member(node.wildcard_set, key, t.key_locs[i], p);
                    below = node.wildcard.get();
                    walk(child, *node.wildcard, p);
                }
            } else {
                std::string msg = "unknown key '" + key + "'";
                auto lits = node.literal_names();
                if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() == 3)
                    // `salary: 30,500` inside {...}: the comma ends the entry, and 500 becomes a key.
                    msg += " (a comma inside {...} ends the entry, so a number such as 30,500 is cut there: "
                           "write 30500, or quote it: '30,500')";
                else if (auto m = did_you_mean(key, lits); !m.empty()) msg += " (did you mean '" + m + "'?)";
                else if (!lits.empty()) msg += "; allowed here: " + join(lits);
                error(t.key_locs[i], p, msg);
                key_wrong = true;
            }
            if (errors > errors_before && (key_wrong || !below || !holds_its_own(*below, child))) {
                // A name defined here (a grade, a team) stays defined with no
                // value, so that the names the checks read still cover every
                // place that refers to them.
                if (!key_wrong && below == node.wildcard.get() && is_defining(node.wildcard_set, path))
                    at.back()[0] = '~';
                wrong.push_back(at);
            }
            at.pop_back();
        }
        for (const auto& [key, lit] : node.literals) {
            if (lit->decl && lit->decl->required && !t.find(key)) {
                std::string p = path.empty() ? key : path + "." + key;
                std::string msg = "missing required key '" + key + "'";
                if (!lit->decl->doc.empty()) msg += " (" + lit->decl->doc + ")";
                error(t.loc, p, msg);
            }
        }
    }

    bool check_distribution(const KeyDecl& d, const Tree& t, std::string& why) {
        DistributionSpec spec;
        return parse_distribution(t, d.kind == Kind::Probability || d.kind == Kind::Share ? 0.0 : d.min,
                                  d.kind == Kind::Probability || d.kind == Kind::Share ? 1.0 : d.max,
                                  d.kind == Kind::Rate || d.kind == Kind::Money || d.kind == Kind::Multiplier ||
                                      d.kind == Kind::Fte,
                                  spec, why);
    }
};

}  // namespace

const KeyDecl* Schema::match_concrete(const std::string& path, std::string& why) const {
    const Trie* node = trie_.get();
    std::string so_far;
    const std::vector<std::string> segs = split_pattern(path);
    for (std::size_t k = 0; k < segs.size(); ++k) {
        const std::string& seg = segs[k];
        // Past a mapping of overrides, the rest of the path is a key of its
        // own: "changes.0.set.a.b" (where "changes[].set" holds overrides)
        // is declared by "a.b".
        if (node->decl && node->decl->kind == Kind::Overrides) {
            std::string rest;
            for (std::size_t r = k; r < segs.size(); ++r) rest += (rest.empty() ? "" : ".") + segs[r];
            return match_concrete(rest, why);
        }
        const Trie* next = nullptr;
        if (node->item && !seg.empty() && std::all_of(seg.begin(), seg.end(), ::isdigit)) next = node->item.get();
        else if (const Trie* lit = node->literal(seg)) next = lit;
        else if (node->wildcard && valid_name(seg)) next = node->wildcard.get();
        if (!next) {
            why = "'" + path + "' is not a scenario key";
            auto lits = node->literal_names();
            if (auto m = did_you_mean(seg, lits); !m.empty())
                why += " (did you mean '" + (so_far.empty() ? m : so_far + "." + m) + "'?)";
            else if (!lits.empty()) why += "; after '" + (so_far.empty() ? std::string("(top)") : so_far) + "' come: " + join(lits);
            return nullptr;
        }
        so_far += (so_far.empty() ? "" : ".") + seg;
        node = next;
    }
    if (!node->decl) {
        why = "'" + path + "' is a group of keys, not a single value";
        auto lits = node->literal_names();
        if (!lits.empty()) why += "; inside it: " + join(lits);
        return nullptr;
    }
    return node->decl;
}

void Walker::walk_names(const std::vector<std::string>& segs, const Loc& loc, const std::string& shown_path) {
    // Find the declaration whose pattern the path follows, then check each
    // segment that stands for a name (a grade, a team) against its set.
    for (const auto& d : schema.decls()) {
        auto pat = split_pattern(d.path);
        if (pat.size() != segs.size()) continue;
        bool match = true;
        for (std::size_t i = 0; i < pat.size() && match; ++i) {
            if (pat[i] == "[]") match = std::all_of(segs[i].begin(), segs[i].end(), ::isdigit);
            else if (!is_wild(pat[i])) match = pat[i] == segs[i];
        }
        if (!match) continue;
        for (std::size_t i = 0; i < pat.size(); ++i)
            if (is_wild(pat[i])) check_member(pat[i].substr(1, pat[i].size() - 2), segs[i], loc, shown_path);
        return;
    }
}

std::vector<std::string> Schema::names(const Tree& root, const std::string& set) const {
    std::vector<std::string> out;
    auto it = name_sets_.find(set);
    if (it == name_sets_.end()) return out;
    const Tree* t = &root;
    for (const auto& seg : split_pattern(it->second)) {
        if (!t->is_map()) return out;
        t = t->find(seg);
        if (!t) return out;
    }
    if (t->is_map())
        for (const auto& kv : t->map)
            if (valid_name(kv.first)) out.push_back(kv.first);
    return out;
}

namespace {

bool has_defaults(const Schema::Trie& node) {
    if (node.is_leaf()) return node.decl->default_value.has_value();
    if (node.item) return false;
    if (node.wildcard && node.wildcard->is_leaf() && node.wildcard->decl->default_value) return true;
    for (const auto& kv : node.literals)
        if (has_defaults(*kv.second)) return true;
    return false;
}

Tree default_tree(const KeyDecl& d) {
    static const auto origin = std::make_shared<const std::string>("<default>");
    Tree t;
    Diagnostics ignored;
    parse_yaml_text(*d.default_value, Loc{origin, 0, 0}, t, ignored);
    auto fix = [](auto& self, Tree& n) -> void {
        n.loc = Loc{origin, 0, 0};
        for (auto& kv : n.map) self(self, kv.second);
        for (auto& k : n.key_locs) k = Loc{origin, 0, 0};
        for (auto& s : n.seq) self(self, s);
    };
    fix(fix, t);
    return t;
}

void fill_defaults(Tree& t, const Schema::Trie& node, const Names& names, const std::map<std::string, std::string>& sets,
                   const std::string& path) {
    if (node.is_leaf()) return;
    if (node.item) {
        if (t.is_seq())
            for (auto& item : t.seq) fill_defaults(item, *node.item, names, sets, path + "[]");
        return;
    }
    if (!t.is_map() && !t.is_null()) return;
    static const auto origin = std::make_shared<const std::string>("<default>");
    for (const auto& [key, lit] : node.literals) {
        Tree* child = t.find(key);
        if (!child) {
            if (!has_defaults(*lit)) continue;
            if (t.is_null()) t = Tree::make_map(t.loc);
            child = &t.set(key, lit->is_leaf() ? default_tree(*lit->decl) : Tree::make_map(Loc{origin, 0, 0}),
                           Loc{origin, 0, 0});
        }
        fill_defaults(*child, *lit, names, sets, path.empty() ? key : path + "." + key);
    }
    if (node.wildcard) {
        // A wildcard over a known set with a default gets an entry per name.
        auto set_it = names.find(node.wildcard_set);
        auto def_it = sets.find(node.wildcard_set);
        bool defining = def_it != sets.end() && def_it->second == path;
        if (!defining && set_it != names.end() && node.wildcard->is_leaf() && node.wildcard->decl->default_value) {
            for (const auto& n : set_it->second)
                if (!t.find(n)) {
                    if (t.is_null()) t = Tree::make_map(t.loc);
                    t.set(n, default_tree(*node.wildcard->decl), Loc{origin, 0, 0});
                }
        }
        if (t.is_map())
            for (std::size_t i = 0; i < t.map.size(); ++i)
                if (!node.literal(t.map[i].first))
                    fill_defaults(t.map[i].second, *node.wildcard, names, sets, path + ".<>");
    }
}

// Takes out the map entry at `path` (".key" for a map key, "[i" for list
// item i; a last "~key" keeps the key and empties its value). Entries are
// removed deepest and latest first, so earlier paths stay valid.
void remove_entry(Tree& root, const std::vector<std::string>& path) {
    if (path.empty()) return;
    Tree* t = &root;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        const std::string& seg = path[k];
        if (seg[0] == '[') {
            const std::size_t i = std::stoul(seg.substr(1));
            if (!t->is_seq() || i >= t->seq.size()) return;
            t = &t->seq[i];
        } else {
            t = t->is_map() ? t->find(seg.substr(1)) : nullptr;
            if (!t) return;
        }
    }
    const std::string& last = path.back();
    if (last[0] == '[') {
        // A list keeps its length, so that later items keep their numbers in messages.
        const std::size_t i = std::stoul(last.substr(1));
        if (t->is_seq() && i < t->seq.size()) t->seq[i] = Tree();
    } else if (!t->is_map()) {
        return;
    } else if (last[0] == '~') {
        if (Tree* value = t->find(last.substr(1))) *value = Tree();
    } else {
        t->erase(last.substr(1));
    }
}

}  // namespace

bool Schema::validate(Tree& root, Diagnostics& diags) const {
    std::size_t before = diags.count();
    Walker w{*this, name_sets_, {}, diags, 0, {}, {}};
    for (const auto& [set, path] : name_sets_) w.names[set] = names(root, set);
    w.walk(root, *trie_, "");
    // The cross-key checks run even when single keys were wrong, so that a
    // file's errors all come in one pass ("fix one, meet the next" was the
    // complaint). They are written for valid trees, so they see this one with
    // every wrong entry taken out (after the defaults, so that a wrong value
    // is missing rather than replaced by its default); a check that stumbles
    // on a missing required key (a throw from reading it) says nothing more.
    fill_defaults(root, *trie_, w.names, name_sets_, "");
    for (auto it = w.wrong.rbegin(); it != w.wrong.rend(); ++it) remove_entry(root, *it);
    for (const auto& check : checks_) {
        try {
            check(root, diags);
        } catch (const std::exception&) {
            if (diags.count() == before) throw;  // a check failed on a valid tree: a bug, not bad input
        }
    }
    if (diags.count() != before) return false;
    // Warnings only for a scenario without errors: they are about what it would do.
    for (const auto& check : warning_checks_) check(root, diags);
    return diags.count() == before;
}

bool is_default(const Tree& node) {
    // fill_defaults gives every node it makes the pseudo-file "<default>" and line 0.
    return node.loc.line == 0 && node.loc.file && *node.loc.file == "<default>";
}

// ---------------------------------------------------------------- docs

namespace {

std::string type_text(const KeyDecl& d) {
    std::string s;
    switch (d.kind) {
        case Kind::Enum: s = "one of: " + join(d.choices, ", "); break;
        case Kind::NameRef: s = "a " + d.refers_to + " name"; break;
        case Kind::NameList: s = "list of " + d.refers_to + " names"; break;
        case Kind::Probability: s = "probability, 0 to 1"; break;
        case Kind::Share: s = "share, 0 to 1"; break;
        case Kind::Rate: s = "rate per year"; break;
        case Kind::Money: s = "pounds"; break;
        case Kind::Duration: s = "duration"; break;
        case Kind::Date: s = "date"; break;
        default: s = kind_name(d.kind);
    }
    if (!d.unit.empty() && d.kind != Kind::Money && d.kind != Kind::Rate) s += " (" + d.unit + ")";
    else if (!d.unit.empty()) s = d.unit;
    if (d.uncertain) s += "; may be a distribution";
    return s;
}

std::string cell(std::string s) {
    std::string r;
    for (char c : s) r += (c == '|') ? std::string("\\|") : std::string(1, c);
    return r;
}

}  // namespace

std::string Schema::markdown() const {
    std::ostringstream out;
    for (std::size_t h = 0; h < std::max<std::size_t>(1, headings_.size()); ++h) {
        if (h < headings_.size()) {
            out << "#### " << headings_[h].title << "\n\n";
            if (!headings_[h].text.empty()) out << headings_[h].text << "\n\n";
        }
        out << "| key | type and unit | default | meaning |\n|---|---|---|---|\n";
        for (const auto& d : decls_) {
            if (d.heading != h) continue;
            std::string def = d.required ? "required" : d.default_value ? "`" + *d.default_value + "`" : "(off)";
            if (d.kind == Kind::Section) def = d.required ? "required" : "";
            out << "| `" << cell(d.path) << "` | " << cell(d.kind == Kind::Section ? std::string("section") : type_text(d))
                << " | " << cell(def) << " | " << cell(d.doc) << " |\n";
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace wfsim::params
