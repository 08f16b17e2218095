#include "scenarios.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/params/schema.h"
#include "engine/params/units.h"
#include "models/initial_staff/staff_list.h"
#include "models/report/assumptions.h"
#include "models/schema.h"
#include "models/simulation.h"

namespace fs = std::filesystem;

namespace wfsim::serve {

namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segs;
    std::string cur;
    for (char c : path) {
        if (c == '.') {
            segs.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    segs.push_back(cur);
    return segs;
}

const params::Tree* node_at(const params::Tree& root, const std::string& path) {
    const params::Tree* node = &root;
    for (const auto& seg : split_path(path)) {
        if (node->is_seq()) {
            if (!all_digits(seg) || seg.size() > 6) return nullptr;
            const std::size_t i = std::stoul(seg);
            if (i >= node->seq.size()) return nullptr;
            node = &node->seq[i];
        } else if (node->is_map()) {
            node = node->find(seg);
            if (!node) return nullptr;
        } else {
            return nullptr;
        }
    }
    return node;
}

std::string scalar_text(const params::Tree& root, const std::string& path) {
    const params::Tree* n = node_at(root, path);
    return n && n->is_scalar() ? n->scalar : "";
}

// The loader, as `wfsim validate FILE --set ...` runs it; the staff list
// pinned as the CLI pins it (load_scenario in cli.cpp).
bool load(const std::string& file, const std::vector<std::string>& sets, params::Tree& out, params::Diagnostics& diags) {
    params::LoadOptions options;
    options.sets = sets;
    if (!params::load_document(file, model::scenario_schema(), options, out, diags)) return false;
    model::pin_staff_list(out);
    return true;
}

// The first 1 April after the start (a pay award's usual date).
std::string next_april(const params::Tree& tree) {
    const std::string start = scalar_text(tree, "start");
    int year = start.size() >= 4 ? std::stoi(start.substr(0, 4)) : 2020;
    if (start.substr(5) >= "04-01") ++year;
    return std::to_string(year) + "-04-01";
}

// A scenario key path as the loader's messages write it ("interventions[0].at")
// in the API's form ("interventions.0.at").
std::string dotted(const std::string& message_path) {
    std::string out;
    for (char c : message_path) {
        if (c == '[') out += '.';
        else if (c != ']') out += c;
    }
    return out;
}

bool valid_path_text(const std::string& p) {
    if (p.empty() || p.size() > kMaxPathLength) return false;
    for (unsigned char c : p)
        if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.')) return false;
    return p.front() != '.' && p.back() != '.' && p.find("..") == std::string::npos;
}

// Flattens {a: {b: 1}} into "a.b" -> 1; arrays and scalars are leaves.
void flatten(const json& j, const std::string& prefix, std::vector<std::pair<std::string, json>>& out, std::string& why) {
    if (j.is_object() && !prefix.empty() && j.empty()) {
        why = prefix + ": an empty mapping; give a value";
        return;
    }
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            flatten(v, prefix.empty() ? k : prefix + "." + k, out, why);
            if (!why.empty()) return;
        }
        return;
    }
    out.emplace_back(prefix, j);
}

// The value of a change as --set would read it: text as typed, numbers and
// booleans as JSON writes them, lists as JSON (which YAML reads).
bool value_text(const json& v, std::string& text, std::string& why) {
    if (v.is_string()) text = v.get<std::string>();
    else if (v.is_boolean()) text = v.get<bool>() ? "true" : "false";
    else if (v.is_number_integer() || v.is_number_unsigned() || v.is_number_float()) text = v.dump();
    else if (v.is_array()) text = v.dump();
    else {
        why = "give a value (a number, a text or a list)";
        return false;
    }
    if (text.size() > kMaxValueLength) {
        why = "the value is " + std::to_string(text.size()) + " characters long; at most " + std::to_string(kMaxValueLength);
        return false;
    }
    for (unsigned char c : text)
        if (c < 0x20 && c != '\n' && c != '\t') {
            why = "the value holds a control character";
            return false;
        }
    return true;
}

}  // namespace

Scenarios::Scenarios(const std::vector<std::string>& files) {
    for (const auto& f : files) {
        LoadedScenario s;
        s.file = f;
        params::Diagnostics diags;
        if (!load(f, {}, s.tree, diags)) {
            std::ostringstream os;
            diags.print(os);
            throw std::runtime_error(os.str());
        }
        s.name = params::Params(&s.tree, "").str("name");
        scenarios_.push_back(std::move(s));
    }
    const model::Calendar cal = model::calendar_for(base().tree, 0);
    for (std::size_t i = 1; i < scenarios_.size(); ++i) {
        const model::Calendar c = model::calendar_for(scenarios_[i].tree, 0);
        if (!(c.start == cal.start) || c.months() != cal.months())
            throw std::runtime_error(scenarios_[i].file + " starts " + params::format_date(c.start) + " and runs " +
                                     std::to_string(c.months()) + " months, but the base " + base().file + " starts " +
                                     params::format_date(cal.start) + " and runs " + std::to_string(cal.months()) +
                                     " months; compared scenarios must share start and horizon");
    }
}

json Scenarios::levers(const LoadedScenario& s) const {
    const params::Schema& schema = model::scenario_schema();
    const params::Tree& t = s.tree;
    json groups = json::array();
    auto lever = [&](const std::string& path, const std::string& label, const std::string& current_if_absent = "") {
        json l;
        l["path"] = path;
        l["label"] = label;
        std::string why;
        const params::KeyDecl* d = schema.match_concrete(path, why);
        if (d) {
            l["kind"] = params::kind_name(d->kind);
            l["unit"] = d->unit;
            // The range: as declared, or as the kind implies (a share is 0 to 1, money 0 or more).
            using K = params::Kind;
            double lo = d->min, hi = d->max;
            if ((d->kind == K::Probability || d->kind == K::Share) && lo < 0) lo = 0;
            if ((d->kind == K::Probability || d->kind == K::Share) && hi > 1) hi = 1;
            if ((d->kind == K::Rate || d->kind == K::Multiplier || d->kind == K::Money || d->kind == K::Fte) && lo < 0) lo = 0;
            if (lo > -1e300) l["min"] = lo;
            if (hi < 1e300) l["max"] = hi;
            l["doc"] = d->doc;
            if (d->default_value) l["default"] = *d->default_value;
        }
        const params::Tree* n = node_at(t, path);
        if (n && n->is_scalar()) l["current"] = n->scalar;
        else if (n && n->is_seq()) {
            std::string list;
            for (const auto& item : n->seq) list += (list.empty() ? "" : ", ") + (item.is_scalar() ? item.scalar : "?");
            l["current"] = "[" + list + "]";
        } else if (n) {
            l["current"] = "";
            l["note"] = "a distribution in the scenario: change it under \"more\"";
            l["readonly"] = true;
        } else {
            l["current"] = current_if_absent;
        }
        return l;
    };
    auto group = [&](const std::string& id, const std::string& title, const std::string& note, json list,
                     json fixed = json::object(), bool list_item = false) {
        json g;
        g["id"] = id;
        g["title"] = title;
        g["note"] = note;
        g["levers"] = std::move(list);
        g["fixed"] = std::move(fixed);
        g["list_item"] = list_item;
        groups.push_back(std::move(g));
    };
    const std::vector<std::string> grades = schema.names(t, "grade"), teams = schema.names(t, "team");
    const params::Tree* iv = t.find("interventions");
    const std::string n_iv = std::to_string(iv && iv->is_seq() ? iv->seq.size() : 0);
    {
        json list = json::array();
        const std::string p = "interventions." + n_iv;
        list.push_back(lever(p + ".at", "from", next_april(t)));
        for (const auto& g : grades) list.push_back(lever(p + ".pay_uplift." + g, "pay uplift, " + g));
        for (const auto& team : teams)
            for (const auto& g : grades) list.push_back(lever(p + ".extra_posts." + team + "." + g, "extra posts, " + team + ", " + g));
        group("change", "Pay uplift and extra posts from a date",
              "a dated change added to the scenario's interventions: each grade's pay rises by the share given "
              "(leaving and recruitment respond through the scenario's pay elasticities), and posts are added by "
              "team and grade",
              list, json{{p + ".name", "pay uplift and posts (what-if)"}}, true);
    }
    {
        json list = json::array();
        list.push_back(lever("retention.market_supplement.grades", "grades"));
        list.push_back(lever("retention.market_supplement.share", "supplement, share of salary"));
        list.push_back(lever("retention.market_supplement.after", "paid after"));
        group("supplement", "Market supplement", "a supplement on salary for the grades named", list);
    }
    {
        const params::Tree* b = node_at(t, "retention.bonuses");
        const std::string p = "retention.bonuses." + std::to_string(b && b->is_seq() ? b->seq.size() : 0);
        json list = json::array();
        list.push_back(lever(p + ".amount", "amount per person"));
        list.push_back(lever(p + ".at_service", "paid at length of service", "18 months"));
        list.push_back(lever(p + ".grades", "grades (all if empty)"));
        list.push_back(lever(p + ".clawback_within", "clawed back if leaving within", "0 days"));
        list.push_back(lever(p + ".leaving_multiplier_before", "assumed effect on leaving before it is paid (multiplier)", "1"));
        list.push_back(lever(p + ".leaving_multiplier_after", "assumed effect on leaving after it is paid (multiplier)", "1"));
        group("bonus", "Retention bonus",
              "a bonus paid at a length of service; its effect on leaving is an assumption (1: none), so that a "
              "bonus never only costs money",
              list, json{{p + ".name", "retention bonus (what-if)"}}, true);
    }
    {
        json list = json::array();
        list.push_back(lever("retention.golden_hello.amount", "amount per starter"));
        list.push_back(lever("retention.golden_hello.grades", "grades (all if empty)"));
        list.push_back(lever("retention.golden_hello.clawback_within", "clawed back if leaving within"));
        list.push_back(lever("retention.golden_hello.acceptance_multiplier", "assumed effect on offers accepted (multiplier)"));
        group("hello", "Golden hello", "a payment to each starter", list);
    }
    {
        json list = json::array();
        list.push_back(lever("recruitment.marketing_multiplier", "applicants multiplied by"));
        list.push_back(lever("recruitment.marketing_cost", "marketing cost per year"));
        group("marketing", "Recruitment marketing", "more applicants per advert, at a yearly cost", list);
    }
    {
        json list = json::array();
        list.push_back(lever("agency.price_cap", "price cap per FTE per year"));
        list.push_back(lever("agency.cap_fill_elasticity", "effect of the cap on filling agency cover (elasticity)"));
        list.push_back(lever("agency.cooling_off", "a leaver joins agency supply only after (DfE 2024: 3 months)"));
        list.push_back(lever("agency.min_experience", "experience required of agency workers (DfE 2024: 3 years)"));
        group("agency", "Agency price cap and the DfE 2024 rules", "", list);
    }
    if (!scalar_text(t, "asye.grade").empty()) {
        json list = json::array();
        list.push_back(lever("asye.pass_rate", "ASYE pass rate"));
        group("asye", "ASYE", "the assessed and supported year in employment", list);
    }
    if (const params::Tree* p = t.find("pipelines"); p && p->is_seq() && !p->seq.empty()) {
        json list = json::array();
        for (std::size_t i = 0; i < p->seq.size(); ++i)
            list.push_back(lever("pipelines." + std::to_string(i) + ".trainees",
                                 scalar_text(t, "pipelines." + std::to_string(i) + ".name") + " (" +
                                     scalar_text(t, "pipelines." + std::to_string(i) + ".kind") + "): trainees per intake"));
        group("cohorts", "Step Up and other cohorts", "", list);
    }
    return groups;
}

json Scenarios::describe() const {
    json out;
    out["base"] = {{"name", base().name}, {"file", base().file}};
    out["start"] = scalar_text(base().tree, "start");
    out["scenarios"] = json::array();
    for (std::size_t i = 0; i < scenarios_.size(); ++i) {
        const auto& s = scenarios_[i];
        const YAML::Node node = YAML::Load(params::emit_yaml(s.tree));
        json j;
        j["index"] = i;
        j["name"] = s.name;
        j["file"] = s.file;
        j["assumptions_html"] = report::assumptions_html(node);
        j["targets"] = json::array();
        for (const auto& t : report::target_definitions(node))
            j["targets"].push_back({{"name", t.name}, {"metric", t.metric}, {"op", t.op}, {"value", t.value}, {"when", t.when}});
        j["levers"] = levers(s);
        if (i > 0) {
            j["differences"] = json::array();
            for (const auto& d : report::scenario_differences(YAML::Load(params::emit_yaml(base().tree)), node))
                j["differences"].push_back({{"key", d.key}, {"base", d.base}, {"alternative", d.alternative}});
        }
        out["scenarios"].push_back(std::move(j));
    }
    out["more"] = "any scenario key by its path (as --set takes it), except those that name files (extends, staff_list)";
    return out;
}

Variant Scenarios::variant(std::size_t from, const json& changes) const {
    Variant v;
    v.from = from;
    if (from >= scenarios_.size()) {
        v.errors.push_back("no scenario " + std::to_string(from) + "; the server has " + std::to_string(scenarios_.size()));
        return v;
    }
    if (!changes.is_object()) {
        v.errors.push_back("changes must be an object of key path: value");
        return v;
    }
    std::vector<std::pair<std::string, json>> leaves;
    std::string why;
    flatten(changes, "", leaves, why);
    if (!why.empty()) {
        v.errors.push_back(why);
        return v;
    }
    if (leaves.size() > kMaxChanges) {
        v.errors.push_back(std::to_string(leaves.size()) + " changes; at most " + std::to_string(kMaxChanges));
        return v;
    }
    const params::Schema& schema = model::scenario_schema();
    params::Tree working = scenarios_[from].tree;
    // Each --set in order; a change inside a list makes the whole list one
    // --set (a list replaces a list, in an extending file as by --set).
    struct Pending {
        std::string path;  // the key assigned
        bool list = false;
    };
    std::vector<Pending> pending;
    std::map<std::string, std::vector<std::string>> changes_of;  // assigned path -> change paths
    for (const auto& [path, value] : leaves) {
        if (!valid_path_text(path)) {
            v.field_errors[path.substr(0, kMaxPathLength)] =
                "not a key path: write names and item numbers joined by dots (agency.price_cap, interventions.0.at)";
            continue;
        }
        const std::vector<std::string> segs = split_path(path);
        if (segs[0] == "extends" || std::find(segs.begin(), segs.end(), "staff_list") != segs.end()) {
            v.field_errors[path] = segs[0] + ": names a file, which the page cannot change; edit the scenario file";
            continue;
        }
        std::string decl_why;
        const params::KeyDecl* decl = schema.match_concrete(path, decl_why);
        if (decl && decl->kind == params::Kind::Path) {
            v.field_errors[path] = "names a file, which the page cannot change; edit the scenario file";
            continue;
        }
        std::string text;
        if (!value_text(value, text, why)) {
            v.field_errors[path] = why;
            why.clear();
            continue;
        }
        params::Tree parsed;
        params::Diagnostics pd;
        const params::Loc loc{std::make_shared<const std::string>("the page"), 0, 0};
        if (text.empty()) parsed = params::Tree::make_scalar("", loc);
        else if (!params::parse_yaml_text(text, loc, parsed, pd)) {
            v.field_errors[path] = pd.messages().empty() ? "not a value YAML can read" : pd.messages().front();
            continue;
        }
        // Walk the working tree, adding a new list item at the end where the path names one.
        params::Tree* node = &working;
        std::string so_far, list_at;
        bool bad = false;
        for (std::size_t i = 0; i < segs.size() && !bad; ++i) {
            const std::string& seg = segs[i];
            if (node->is_null() && all_digits(seg) && i > 0) node->type = params::Tree::Type::Seq;
            if (node->is_seq()) {
                if (!all_digits(seg) || seg.size() > 6) {
                    v.field_errors[path] = "'" + seg + "' is not an item of the list at " + so_far + " (items are numbered from 0)";
                    bad = true;
                    break;
                }
                const std::size_t idx = std::stoul(seg);
                if (idx > node->seq.size()) {
                    v.field_errors[path] = "'" + seg + "' is not an item of the list at " + so_far + ": it has " +
                                           std::to_string(node->seq.size()) + " (a new one is number " +
                                           std::to_string(node->seq.size()) + ")";
                    bad = true;
                    break;
                }
                if (list_at.empty()) list_at = so_far;
                if (idx == node->seq.size()) node->seq.push_back(params::Tree::make_map(loc));
                node = &node->seq[idx];
            } else {
                if (!node->is_map()) *node = params::Tree::make_map(loc);
                params::Tree* child = node->find(seg);
                if (!child) child = &node->set(seg, params::Tree(), loc);
                node = child;
            }
            so_far += (so_far.empty() ? "" : ".") + seg;
        }
        if (bad) continue;
        *node = parsed;
        v.changes[path] = value;
        const std::string assigned = list_at.empty() ? path : list_at;
        changes_of[assigned].push_back(path);
        if (std::none_of(pending.begin(), pending.end(), [&](const Pending& p) { return p.path == assigned; }))
            pending.push_back({assigned, !list_at.empty()});
    }
    if (!v.field_errors.empty()) return v;
    std::map<std::string, std::string> assignment_of;  // "--set X" text -> assigned path
    for (const auto& p : pending) {
        std::string text;
        if (p.list) {
            const params::Tree* list = node_at(working, p.path);
            text = list ? params::emit_yaml(*list) : "[]";
        } else {
            const json& value = v.changes[p.path];
            std::string ignored;
            value_text(value, text, ignored);
        }
        v.sets.push_back(p.path + "=" + text);
        assignment_of["--set " + v.sets.back()] = p.path;
    }
    params::Diagnostics diags;
    if (!load(scenarios_[from].file, v.sets, v.tree, diags)) {
        for (const auto& m : diags.messages()) {
            // "--set PATH=VALUE: key.path: message" beside the field it is about.
            bool placed = false;
            for (const auto& [prefix, assigned] : assignment_of) {
                if (m.rfind(prefix + ": ", 0) != 0) continue;
                const std::string rest = m.substr(prefix.size() + 2);
                const std::string key = dotted(rest.substr(0, rest.find(": ")));
                std::string field = changes_of[assigned].front();
                for (const auto& c : changes_of[assigned])
                    if (c == key || key.rfind(c + ".", 0) == 0 || c.rfind(key + ".", 0) == 0) field = c;
                std::string& slot = v.field_errors[field].is_string() ? v.field_errors[field].get_ref<std::string&>()
                                                                       : (v.field_errors[field] = "").get_ref<std::string&>();
                slot += (slot.empty() ? "" : "; ") + rest;
                placed = true;
                break;
            }
            if (!placed) v.errors.push_back(m);
        }
        if (v.field_errors.empty() && v.errors.empty()) v.errors.push_back("the scenario is not valid");
        return v;
    }
    for (const auto& w : diags.warning_lines()) v.warnings.push_back(w);
    const model::Calendar cal = model::calendar_for(base().tree, 0), c = model::calendar_for(v.tree, 0);
    if (!(c.start == cal.start) || c.months() != cal.months()) {
        const std::string m = "the variant starts " + params::format_date(c.start) + " and runs " + std::to_string(c.months()) +
                              " months, but the base starts " + params::format_date(cal.start) + " and runs " +
                              std::to_string(cal.months()) + "; compared scenarios must share start and horizon";
        for (const char* k : {"start", "horizon"})
            if (v.changes.contains(k)) v.field_errors[k] = m;
        if (v.field_errors.empty()) v.errors.push_back(m);
        return v;
    }
    v.ok = true;
    return v;
}

std::string Scenarios::save(const Variant& v, const std::string& name, bool overwrite, const std::string& dir) const {
    if (!v.ok) throw SaveError(400, "the variant is not valid");
    if (name.empty() || name.size() > 100) throw SaveError(400, "give a name of 1 to 100 characters");
    for (unsigned char c : name)
        if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ' '))
            throw SaveError(400, "a name may hold letters, digits, spaces, '-', '_' and '.' only (no slashes)");
    if (name.find("..") != std::string::npos || name.front() == '.' || name.front() == ' ')
        throw SaveError(400, "a name may not start with '.' or a space, nor hold '..'");
    std::string file = name;
    if (file.size() < 5 || file.substr(file.size() - 5) != ".yaml") file += ".yaml";
    const fs::path target = fs::path(dir) / file;
    std::error_code ec;
    if (fs::exists(target, ec) && !overwrite)
        throw SaveError(409, file + " exists in " + dir + "; save under another name, or confirm to overwrite it");
    if (fs::exists(target, ec) && !fs::is_regular_file(target, ec))
        throw SaveError(409, file + " exists in " + dir + " and is not a plain file");
    const LoadedScenario& from = scenarios_[v.from];
    // The file: extends (relative to the save folder), a name, and each
    // change at its place (a list whole).
    const params::Loc loc{std::make_shared<const std::string>("wfsim serve"), 0, 0};
    params::Tree doc = params::Tree::make_map(loc);
    const fs::path rel = fs::relative(fs::absolute(from.file), fs::absolute(dir), ec);
    const std::string extends = ec || rel.empty() ? fs::absolute(from.file).string() : rel.generic_string();
    doc.set("extends", params::Tree::make_scalar(extends, loc), loc);
    const std::string scenario_name = file.substr(0, file.size() - 5);
    params::Tree name_node = params::Tree::make_scalar(scenario_name, loc);
    name_node.quoted = true;
    doc.set("name", name_node, loc);
    for (const auto& s : v.sets) {
        const std::size_t eq = s.find('=');
        params::Tree value;
        params::Diagnostics d;
        const std::string text = s.substr(eq + 1);
        if (text.empty()) value = params::Tree::make_scalar("", loc);
        else if (!params::parse_yaml_text(text, loc, value, d)) throw SaveError(500, "could not write the change " + s);
        std::string why;
        if (!params::assign_path(doc, s.substr(0, eq), value, loc, why)) throw SaveError(500, why);
    }
    std::ostringstream head;
    head << "# Saved by wfsim serve: " << from.name << " with the changes below.\n"
         << "# wfsim compare " << base().file << " " << target.generic_string()
         << " reproduces the page's figures (same --reps and --seed).\n";
    const std::string text = head.str() + params::emit_yaml(doc);
    fs::create_directories(dir, ec);
    const fs::path temp = fs::path(dir) / ("." + file + ".tmp");
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) throw SaveError(500, "could not write " + temp.string());
    }
    // The saved file must load to the variant the page ran.
    params::Tree reloaded, expected = v.tree;
    params::Diagnostics diags;
    params::LoadOptions options;
    bool same = params::load_document(temp.string(), model::scenario_schema(), options, reloaded, diags);
    if (same) {
        model::pin_staff_list(reloaded);
        reloaded.erase("name");
        expected.erase("name");
        same = params::emit_yaml(reloaded) == params::emit_yaml(expected);
    }
    if (!same) {
        fs::remove(temp, ec);
        std::ostringstream os;
        diags.print(os);
        throw SaveError(500, "the saved file would not reproduce the variant" + (os.str().empty() ? "" : ": " + os.str()));
    }
    fs::rename(temp, target, ec);
    if (ec) throw SaveError(500, "could not write " + target.string() + ": " + ec.message());
    return target.string();
}

}  // namespace wfsim::serve
