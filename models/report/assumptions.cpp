#include "models/report/assumptions.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "models/report/text.h"

namespace wfsim::report {

namespace {

// ---- reading the YAML without ever adding to it ----

bool present(const YAML::Node& n) { return n.IsDefined() && !n.IsNull(); }

YAML::Node get(const YAML::Node& n, const std::string& key) {
    if (!present(n) || !n.IsMap()) return YAML::Node();
    for (auto it = n.begin(); it != n.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return YAML::Node();
}

// Recursive on purpose: assigning to a YAML::Node that refers to a node of the
// tree would rewrite the tree itself (yaml-cpp's reference semantics).
YAML::Node at_path(const YAML::Node& n, const std::string& path) {
    const auto dot = path.find('.');
    if (dot == std::string::npos) return get(n, path);
    const YAML::Node child = get(n, path.substr(0, dot));
    if (!present(child)) return YAML::Node();
    return at_path(child, path.substr(dot + 1));
}

std::string text_of(const YAML::Node& n) { return present(n) && n.IsScalar() ? n.Scalar() : ""; }

std::vector<std::pair<std::string, YAML::Node>> entries(const YAML::Node& n) {
    std::vector<std::pair<std::string, YAML::Node>> out;
    if (!present(n) || !n.IsMap()) return out;
    for (auto it = n.begin(); it != n.end(); ++it) out.emplace_back(it->first.IsScalar() ? it->first.Scalar() : "?", it->second);
    return out;
}

std::vector<YAML::Node> items(const YAML::Node& n) {
    std::vector<YAML::Node> out;
    if (!present(n) || !n.IsSequence()) return out;
    for (auto it = n.begin(); it != n.end(); ++it) out.push_back(*it);
    return out;
}

std::optional<double> num(const YAML::Node& n) {
    const std::string t = text_of(n);
    return t.empty() ? std::nullopt : parse_number(t);
}

// ---- values in words (plain text; escaped when written) ----

enum class K { Money, Share, Rate, Number, Text, Fte };

std::string scalar_words(const std::string& t, K k) {
    const auto v = parse_number(t);
    if (!v) return t;
    switch (k) {
        case K::Money: return money(*v);
        case K::Share: return percent(*v, 1);
        case K::Rate: return *v < 1 ? percent(*v, 1) + " a year" : "a rate of " + number(*v, 2) + " a year";
        case K::Fte: return number(*v, 2) + " FTE";
        case K::Number: return number(*v, 3);
        case K::Text: return t;
    }
    return t;
}

// A value that may be a distribution: {dist: normal, mean: -1, sd: 0.3}.
std::string words(const YAML::Node& n, K k) {
    if (!present(n)) return "";
    if (n.IsScalar()) return scalar_words(n.Scalar(), k);
    if (n.IsMap() && present(get(n, "dist"))) {
        const std::string dist = text_of(get(n, "dist"));
        std::string out = "uncertain (" + dist;
        std::vector<std::string> parts;
        for (const char* p : {"mean", "sd", "min", "mode", "max"})
            if (present(get(n, p))) parts.push_back(std::string(p) + " " + scalar_words(text_of(get(n, p)), k));
        for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : ": ") + parts[i];
        return out + ")";
    }
    if (n.IsSequence()) {
        std::string out;
        for (const auto& item : items(n)) out += (out.empty() ? "" : ", ") + words(item, k);
        return out;
    }
    std::string out;
    for (const auto& [key, v] : entries(n)) out += (out.empty() ? "" : ", ") + key + " " + words(v, k);
    return out;
}

// "asye 15% a year, sw 14% a year" for a per-grade mapping.
std::string per_key(const YAML::Node& n, K k) {
    std::string out;
    for (const auto& [key, v] : entries(n)) out += (out.empty() ? "" : ", ") + key + " " + words(v, k);
    return out;
}

std::string signed_fte(const std::string& t) {
    const auto v = parse_number(t);
    if (!v) return t;
    return (*v > 0 ? "+" : "") + number(*v, 2);
}

// ---- building HTML ----

struct Html {
    std::ostringstream out;
    void item(const std::string& heading, const std::string& escaped_sentence) {
        if (escaped_sentence.empty()) return;
        out << "<li><strong>" << html(heading) << ":</strong> " << escaped_sentence << "</li>\n";
    }
};

std::string sentence_join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : "; ") + p;
    return out.empty() ? out : out + ".";
}

std::string establishment_html(const YAML::Node& s) {
    const YAML::Node teams = at_path(s, "establishment.teams");
    std::vector<std::string> grades;
    for (const auto& [g, v] : entries(get(s, "grades"))) grades.push_back(g);
    for (const auto& [team, posts] : entries(teams))
        for (const auto& [g, v] : entries(posts))
            if (std::find(grades.begin(), grades.end(), g) == grades.end()) grades.push_back(g);
    std::map<std::string, double> by_grade;
    double total = 0;
    std::ostringstream rows;
    for (const auto& [team, posts] : entries(teams)) {
        double team_total = 0;
        rows << "<tr><th scope=\"row\">" << html(team) << "</th>";
        for (const auto& g : grades) {
            const auto v = num(get(posts, g));
            rows << "<td class=\"num\">" << (v ? html(number(*v, 2)) : "") << "</td>";
            if (v) team_total += *v, by_grade[g] += *v;
        }
        rows << "<td class=\"num\"><strong>" << html(number(team_total, 2)) << "</strong></td></tr>\n";
        total += team_total;
    }
    std::ostringstream out;
    out << "<table class=\"data compact\" id=\"establishment\"><caption>Funded posts at the start: " << html(number(total, 2))
        << " FTE in " << entries(teams).size() << (entries(teams).size() == 1 ? " team" : " teams")
        << "</caption><thead><tr><th>Team</th>";
    for (const auto& g : grades) out << "<th class=\"num\">" << html(g) << "</th>";
    out << "<th class=\"num\">All</th></tr></thead><tbody>\n" << rows.str() << "<tr class=\"total\"><th scope=\"row\">All teams</th>";
    for (const auto& g : grades) out << "<td class=\"num\">" << html(number(by_grade[g], 2)) << "</td>";
    out << "<td class=\"num\"><strong>" << html(number(total, 2)) << "</strong></td></tr></tbody></table>\n";
    return out.str();
}

std::string pay_html(const YAML::Node& s) {
    std::ostringstream out;
    out << "<table class=\"data compact\"><caption>Pay by grade (pounds a year per FTE)</caption><thead><tr><th>Grade</th>"
           "<th class=\"num\">Salary</th><th class=\"num\">On-costs</th><th class=\"num\">Cost with on-costs</th>"
           "<th class=\"num\">Market salary</th><th>Pay against the market</th></tr></thead><tbody>\n";
    for (const auto& [g, spec] : entries(get(s, "grades"))) {
        const auto salary = num(get(spec, "salary"));
        const auto on_costs = num(get(spec, "on_costs"));
        const auto market = num(get(spec, "market_salary"));
        out << "<tr><th scope=\"row\">" << html(g) << "</th><td class=\"num\">" << html(words(get(spec, "salary"), K::Money))
            << "</td><td class=\"num\">" << html(words(get(spec, "on_costs"), K::Share)) << "</td><td class=\"num\">"
            << (salary ? html(money(*salary * (1 + on_costs.value_or(0)))) : "") << "</td><td class=\"num\">"
            << (market ? html(money(*market)) : "same as salary") << "</td><td>";
        if (salary && market && *market > 0) {
            const double gap = *salary / *market - 1;
            out << (std::fabs(gap) < 5e-4 ? "at the market"
                                          : html(percent(std::fabs(gap), 1)) + (gap < 0 ? " below" : " above"));
        } else {
            out << "at the market";
        }
        out << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
    return out.str();
}

// Pay awards, market pay and agency rates over the years (issue 19), in words.
// Rises are shown as written (2.75%, not rounded): they are settlements.
std::string money_words(const YAML::Node& s) {
    auto join = [](const std::vector<std::string>& v, const std::string& sep) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
        return out;
    };
    auto entry = [&](const YAML::Node& e, const std::string& date) {
        std::vector<std::string> what;
        if (present(get(e, "rise"))) what.push_back(text_of(get(e, "rise")));
        if (present(get(e, "flat"))) what.push_back(money(num(get(e, "flat")).value_or(0)) + " per FTE");
        std::string t = date + " " + join(what, " and ");
        if (present(get(e, "grades")) && get(e, "grades").IsSequence()) {
            std::vector<std::string> g;
            for (const auto& n : get(e, "grades")) g.push_back(text_of(n));
            t += " (" + join(g, ", ") + ")";
        }
        return t;
    };
    auto dated = [&](const YAML::Node& list) {
        std::vector<std::string> out;
        if (present(list) && list.IsSequence())
            for (const auto& e : list) out.push_back(entry(e, text_of(get(e, "at"))));
        return join(out, ", ");
    };
    std::vector<std::string> parts;
    if (const std::string a = dated(at_path(s, "pay_awards.awards")); !a.empty()) parts.push_back("pay awards " + a);
    const YAML::Node yearly = at_path(s, "pay_awards.yearly");
    if (present(yearly) && yearly.IsMap())
        parts.push_back(entry(yearly, "an award each year" +
                                          (present(get(yearly, "from")) ? " from " + text_of(get(yearly, "from")) : std::string())));
    const YAML::Node market = get(s, "market_pay");
    if (num(get(market, "growth")).value_or(0) != 0) parts.push_back("market pay grows " + text_of(get(market, "growth")) + " a year");
    if (const std::string m = dated(get(market, "changes")); !m.empty()) parts.push_back("market pay moves " + m);
    const YAML::Node agency = get(s, "agency_rates");
    if (num(get(agency, "growth")).value_or(0) != 0) parts.push_back("agency rates grow " + text_of(get(agency, "growth")) + " a year");
    if (const std::string a = dated(get(agency, "changes")); !a.empty()) parts.push_back("agency rates rise " + a);
    if (parts.empty()) return html("pay, market pay and agency rates stay as on the start date.");
    return html(join(parts, "; ") + ".");
}

std::string initial_staff_words(const YAML::Node& s) {
    const YAML::Node init = get(s, "initial_staff");
    if (present(get(init, "staff_list")))
        return html("staff in post read from the HR list " + text_of(get(init, "staff_list")) + ".");
    double vacant = 0;
    for (const auto& [g, v] : entries(get(init, "vacancies"))) vacant += num(v).value_or(0);
    std::vector<std::string> parts;
    parts.push_back(number(vacant, 2) + " FTE vacant on the first day" +
                    (entries(get(init, "vacancies")).empty() ? "" : " (" + per_key(get(init, "vacancies"), K::Number) + ")"));
    if (present(get(init, "agency_covered")))
        parts.push_back(words(get(init, "agency_covered"), K::Share) + " of them already covered by agency");
    if (present(at_path(init, "tenure.mean")))
        parts.push_back("length of service " + text_of(at_path(init, "tenure.distribution")) + " with mean " +
                        text_of(at_path(init, "tenure.mean")));
    return html(sentence_join(parts));
}

std::string leaving_words(const YAML::Node& s) {
    const YAML::Node l = get(s, "leaving");
    std::vector<std::string> parts;
    if (present(get(l, "base_rate"))) parts.push_back("leaving rates at market pay: " + per_key(get(l, "base_rate"), K::Rate));
    if (present(get(l, "pay_elasticity"))) {
        const auto e = num(get(l, "pay_elasticity"));
        std::string p = "pay elasticity of leaving " + words(get(l, "pay_elasticity"), K::Number);
        if (e && *e != 0) {
            const double change = std::pow(0.9, *e) - 1;
            p += " (pay 10% below the market " + std::string(change > 0 ? "raises" : "lowers") + " leaving by about " +
                 percent(std::fabs(change), 0) + ")";
        }
        parts.push_back(p);
    }
    for (const auto& band : items(get(l, "by_service")))
        parts.push_back("service under " + text_of(get(band, "under")) + ": leaving times " + words(get(band, "multiplier"), K::Number));
    if (num(at_path(l, "caseload_pressure.per_case")).value_or(1) != 0 && present(at_path(l, "caseload_pressure.per_case")))
        parts.push_back("above " + words(at_path(l, "caseload_pressure.threshold"), K::Number) +
                        " cases per worker leaving rises by " + words(at_path(l, "caseload_pressure.per_case"), K::Share) +
                        " per extra case");
    if (num(at_path(l, "agency_pressure.slope")).value_or(1) != 0 && present(at_path(l, "agency_pressure.slope")))
        parts.push_back("above an agency share of " + words(at_path(l, "agency_pressure.threshold"), K::Share) +
                        " leaving rises (slope " + words(at_path(l, "agency_pressure.slope"), K::Number) + ")");
    if (present(at_path(l, "retirement.age"))) parts.push_back("retirement at " + text_of(at_path(l, "retirement.age")));
    if (num(at_path(l, "retirement.rate")).value_or(0) > 0)
        parts.push_back("from age " + text_of(at_path(l, "retirement.rate_from_age")) + " a retirement rate of " +
                        words(at_path(l, "retirement.rate"), K::Rate));
    if (present(get(l, "notice"))) parts.push_back("notice " + text_of(get(l, "notice")));
    if (present(get(l, "destinations"))) {
        std::string d;
        for (const auto& [k, v] : entries(get(l, "destinations"))) {
            std::string where = k;
            std::replace(where.begin(), where.end(), '_', ' ');
            d += (d.empty() ? "" : ", ") + words(v, K::Share) + " " + where;
        }
        parts.push_back("leavers go: " + d);
    }
    return html(sentence_join(parts));
}

std::string recruitment_words(const YAML::Node& s) {
    const YAML::Node r = get(s, "recruitment");
    if (!present(r)) return "";
    const std::string method = text_of(get(r, "method"));
    std::vector<std::string> parts;
    if (method == "none") return html("no permanent recruitment.");
    if (method == "fixed_delay") {
        parts.push_back("every vacancy is filled " + text_of(get(r, "time_to_fill")) + " after it empties");
    } else {
        parts.push_back("each vacancy is advertised" +
                        (present(at_path(r, "advert.length")) ? " for " + text_of(at_path(r, "advert.length")) : std::string()) +
                        (present(at_path(r, "advert.cost")) ? " at " + words(at_path(r, "advert.cost"), K::Money) + " an advert"
                                                            : std::string()));
        if (present(get(r, "applicants_per_advert")))
            parts.push_back("applicants per advert at market pay: " + per_key(get(r, "applicants_per_advert"), K::Number));
        if (present(get(r, "appointable"))) parts.push_back(words(get(r, "appointable"), K::Share) + " of applicants appointable");
        if (present(get(r, "offer_acceptance")))
            parts.push_back(words(get(r, "offer_acceptance"), K::Share) + " of offers accepted at market pay");
        if (present(get(r, "pre_employment"))) parts.push_back("starters arrive " + text_of(get(r, "pre_employment")) + " after the offer");
    }
    if (num(get(r, "cost_per_hire")).value_or(0) > 0) parts.push_back(words(get(r, "cost_per_hire"), K::Money) + " per hire");
    if (num(get(r, "marketing_multiplier")).value_or(1) != 1)
        parts.push_back("marketing multiplies applicants by " + words(get(r, "marketing_multiplier"), K::Number));
    if (num(get(r, "marketing_cost")).value_or(0) > 0)
        parts.push_back("marketing costs " + words(get(r, "marketing_cost"), K::Money) + " a year");
    return html(sentence_join(parts));
}

std::string agency_words(const YAML::Node& s) {
    const YAML::Node a = get(s, "agency");
    if (!present(a)) return html("no agency cover.");
    const auto fill = num(get(a, "fill_probability"));
    if (fill && *fill == 0) return html("no agency cover (fill probability 0).");
    std::vector<std::string> parts;
    if (present(get(a, "day_rate")))
        parts.push_back("an agency worker costs " + words(get(a, "day_rate"), K::Money) + " a day for " +
                        text_of(get(a, "days_per_year")) + " days a year");
    else if (present(get(a, "cost_per_year")))
        parts.push_back("an agency worker costs " + words(get(a, "cost_per_year"), K::Money) + " a year per FTE");
    parts.push_back(words(get(a, "fill_probability"), K::Share) + " of vacancies get agency cover" +
                    (present(get(a, "fill_delay")) ? ", after " + text_of(get(a, "fill_delay")) : std::string()));
    if (num(get(a, "leaving_rate")).value_or(0) != 0 || !get(a, "leaving_rate").IsScalar())
        if (present(get(a, "leaving_rate"))) parts.push_back("assignments end at " + words(get(a, "leaving_rate"), K::Rate));
    if (num(get(a, "conversion_rate")).value_or(0) > 0)
        parts.push_back("agency workers take the post permanently at " + words(get(a, "conversion_rate"), K::Rate));
    if (present(get(a, "supply_limit")))
        parts.push_back("no more than " + words(get(a, "supply_limit"), K::Fte) + " of agency workers at once" +
                        (text_of(get(a, "from_leavers")) == "true" ? ", plus leavers who join agencies" : std::string()));
    if (present(get(a, "price_cap"))) parts.push_back("price cap " + words(get(a, "price_cap"), K::Money) + " a year");
    if (present(get(a, "min_experience")) && text_of(get(a, "min_experience")).rfind("0 ", 0) != 0)
        parts.push_back("at least " + text_of(get(a, "min_experience")) + " of experience required");
    if (num(get(a, "cover_absence")).value_or(0) > 0)
        parts.push_back(words(get(a, "cover_absence"), K::Share) + " of sickness absence covered by agency");
    return html(sentence_join(parts));
}

std::string retention_words(const YAML::Node& s) {
    const YAML::Node r = get(s, "retention");
    std::vector<std::string> parts;
    const YAML::Node ms = get(r, "market_supplement");
    if (num(get(ms, "share")).value_or(0) > 0)
        parts.push_back("market supplement of " + words(get(ms, "share"), K::Share) + " of salary for " +
                        words(get(ms, "grades"), K::Text) +
                        (present(get(ms, "after")) ? " after " + text_of(get(ms, "after")) + " of service" : std::string()));
    for (const auto& b : items(get(r, "bonuses"))) {
        std::string p = text_of(get(b, "name")) + ": " + words(get(b, "amount"), K::Money) + " at " +
                        text_of(get(b, "at_service")) + " of service";
        if (present(get(b, "grades"))) p += " for " + words(get(b, "grades"), K::Text);
        if (present(get(b, "from"))) p += " from " + long_date(text_of(get(b, "from")));
        if (present(get(b, "until"))) p += " until " + long_date(text_of(get(b, "until")));
        if (present(get(b, "clawback_within")) && text_of(get(b, "clawback_within")).rfind("0 ", 0) != 0)
            p += ", repaid by leavers within " + text_of(get(b, "clawback_within"));
        parts.push_back(p);
    }
    const YAML::Node gh = get(r, "golden_hello");
    if (num(get(gh, "amount")).value_or(0) > 0)
        parts.push_back("golden hello of " + words(get(gh, "amount"), K::Money) +
                        (present(get(gh, "grades")) ? " for " + words(get(gh, "grades"), K::Text) : std::string()));
    const YAML::Node rel = get(r, "relocation");
    if (num(get(rel, "amount")).value_or(0) > 0)
        parts.push_back("relocation packages of " + words(get(rel, "amount"), K::Money) + " for " +
                        words(get(rel, "share_of_hires"), K::Share) + " of hires");
    const YAML::Node rec = get(r, "recognition");
    if (num(get(rec, "awards_per_year")).value_or(0) > 0)
        parts.push_back(text_of(get(rec, "awards_per_year")) + " recognition awards a year of " +
                        words(get(rec, "value"), K::Money) +
                        (present(get(rec, "from")) ? " from " + long_date(text_of(get(rec, "from"))) : std::string()));
    return html(sentence_join(parts));
}

std::string pipelines_words(const YAML::Node& s) {
    std::vector<std::string> parts;
    for (const auto& p : items(get(s, "pipelines"))) {
        std::string t = text_of(get(p, "name"));
        if (present(get(p, "kind"))) t += " (" + text_of(get(p, "kind")) + ")";
        t += ": " + text_of(get(p, "trainees")) + " trainees";
        if (present(get(p, "every"))) t += " every " + text_of(get(p, "every"));
        if (present(get(p, "first_intake"))) t += " from " + long_date(text_of(get(p, "first_intake")));
        if (present(get(p, "last_intake"))) t += " to " + long_date(text_of(get(p, "last_intake")));
        if (present(get(p, "grade"))) t += ", into " + text_of(get(p, "grade")) + " posts";
        if (num(get(p, "cost_per_trainee")).value_or(0) > 0) t += ", " + words(get(p, "cost_per_trainee"), K::Money) + " per trainee";
        parts.push_back(t);
    }
    const YAML::Node asye = get(s, "asye");
    if (present(get(asye, "grade")))
        parts.push_back("ASYE year of " + text_of(get(asye, "length")) + " for " + text_of(get(asye, "grade")) +
                        (present(get(asye, "pass_rate")) ? ", " + words(get(asye, "pass_rate"), K::Share) + " pass" : std::string()) +
                        (present(get(asye, "next_grade")) ? ", then " + text_of(get(asye, "next_grade")) : std::string()));
    for (const auto& p : items(get(s, "progression")))
        parts.push_back("progression " + text_of(get(p, "from")) + " to " + text_of(get(p, "to")) + " after " +
                        text_of(get(p, "after")) + " at " + words(get(p, "rate"), K::Rate));
    return html(sentence_join(parts));
}

std::string caseload_words(const YAML::Node& s) {
    std::vector<std::string> parts;
    const YAML::Node cases = at_path(s, "caseload.cases");
    if (present(cases)) {
        double total = 0;
        for (const auto& [t, v] : entries(cases)) total += num(v).value_or(0);
        parts.push_back(thousands(total) + " open cases (" + per_key(cases, K::Number) + ")" +
                        (num(at_path(s, "caseload.growth")).value_or(0) != 0
                             ? ", growing " + words(at_path(s, "caseload.growth"), K::Share) + " a year"
                             : std::string()));
    }
    if (num(at_path(s, "absence.rate")).value_or(0) > 0)
        parts.push_back(words(at_path(s, "absence.rate"), K::Share) + " of working days lost to sickness" +
                        (num(at_path(s, "absence.agency_share_slope")).value_or(0) != 0 ? ", rising with the agency share"
                                                                                         : std::string()));
    return html(sentence_join(parts));
}

void flatten(const YAML::Node& n, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
    if (!present(n)) {
        out.emplace_back(prefix, "");
    } else if (n.IsScalar()) {
        out.emplace_back(prefix, n.Scalar());
    } else if (n.IsSequence()) {
        std::size_t i = 0;
        for (auto it = n.begin(); it != n.end(); ++it, ++i) flatten(*it, prefix + (prefix.empty() ? "" : ".") + std::to_string(i), out);
        if (i == 0) out.emplace_back(prefix, "[]");
    } else if (n.IsMap()) {
        std::size_t count = 0;
        for (auto it = n.begin(); it != n.end(); ++it, ++count)
            flatten(it->second, prefix + (prefix.empty() ? "" : ".") + (it->first.IsScalar() ? it->first.Scalar() : "?"), out);
        if (count == 0) out.emplace_back(prefix, "{}");
    }
}

}  // namespace

std::string scalar_at(const YAML::Node& scenario, const std::string& path) { return text_of(at_path(scenario, path)); }

std::vector<Intervention> dated_changes(const YAML::Node& s) {
    std::vector<Intervention> out;
    for (const auto& c : items(at_path(s, "establishment.changes"))) {
        Intervention iv;
        iv.date = text_of(get(c, "at"));
        iv.name = "Establishment change";
        const std::string team = text_of(get(c, "team"));
        for (const auto& [k, v] : entries(c))
            if (k != "at" && k != "team") iv.what += (iv.what.empty() ? "" : ", ") + team + " " + k + " " + signed_fte(text_of(v)) + " FTE";
        out.push_back(iv);
    }
    for (const auto& c : items(get(s, "interventions"))) {
        Intervention iv;
        iv.date = text_of(get(c, "at"));
        iv.name = text_of(get(c, "name"));
        std::vector<std::string> what;
        if (present(get(c, "pay_uplift"))) {
            std::string p;
            for (const auto& [g, v] : entries(get(c, "pay_uplift"))) {
                const auto share = num(v);
                p += (p.empty() ? "" : ", ") + g + " " + (share ? "+" + percent(*share, 1) : text_of(v));
            }
            what.push_back("pay uplift: " + p);
        }
        if (present(get(c, "extra_posts"))) {
            std::string p;
            for (const auto& [team, grades] : entries(get(c, "extra_posts")))
                for (const auto& [g, v] : entries(grades)) p += (p.empty() ? "" : ", ") + team + " " + g + " " + signed_fte(text_of(v));
            what.push_back("posts (FTE): " + p);
        }
        if (present(get(c, "set"))) {
            std::vector<std::pair<std::string, std::string>> flat;
            flatten(get(c, "set"), "", flat);
            std::string p;
            for (const auto& [k, v] : flat) p += (p.empty() ? "" : "; ") + k + " becomes " + v;
            what.push_back(p);
        }
        for (std::size_t i = 0; i < what.size(); ++i) iv.what += (i ? "; " : "") + what[i];
        if (iv.name.empty()) iv.name = "Intervention";
        out.push_back(iv);
    }
    std::stable_sort(out.begin(), out.end(), [](const Intervention& a, const Intervention& b) { return a.date < b.date; });
    return out;
}

std::string assumptions_html(const YAML::Node& s, const std::string& period) {
    if (!present(s)) return "";
    Html h;
    h.out << "<ul class=\"assumptions\">\n";
    if (period.empty()) {
        std::string p = "from " + long_date(text_of(get(s, "start")));
        if (present(get(s, "horizon"))) p += " for " + text_of(get(s, "horizon"));
        p += "; seed " + text_of(get(s, "seed")) + ".";
        h.item("Period simulated", html(p));
    } else {
        h.item("Period simulated", html(period));
    }
    h.item("Staff at the start", initial_staff_words(s));
    h.item("Leaving", leaving_words(s));
    h.item("Recruitment", recruitment_words(s));
    h.item("Agency cover", agency_words(s));
    h.item("Pay over the years", money_words(s));
    h.item("Retention payments", retention_words(s));
    h.item("Training routes and progression", pipelines_words(s));
    h.item("Caseload and absence", caseload_words(s));
    h.out << "</ul>\n";
    h.out << "<div class=\"tables\">\n" << establishment_html(s) << pay_html(s) << "</div>\n";
    const auto changes = dated_changes(s);
    h.out << "<table class=\"data\" id=\"interventions\"><caption>Interventions and dated changes (numbered as on the charts)"
             "</caption><thead><tr><th class=\"num\">#</th><th>Date</th><th>Change</th><th>What it does</th></tr></thead><tbody>\n";
    if (changes.empty()) h.out << "<tr><td colspan=\"4\">None: the scenario runs unchanged.</td></tr>\n";
    for (std::size_t i = 0; i < changes.size(); ++i)
        h.out << "<tr><td class=\"num\">" << i + 1 << "</td><td class=\"nowrap\">" << html(long_date(changes[i].date))
              << "</td><td>" << html(changes[i].name) << "</td><td>" << html(changes[i].what) << "</td></tr>\n";
    h.out << "</tbody></table>\n";
    return h.out.str();
}

std::vector<Difference> scenario_differences(const YAML::Node& base, const YAML::Node& alternative) {
    std::vector<std::pair<std::string, std::string>> a, b;
    flatten(base, "", a);
    flatten(alternative, "", b);
    std::map<std::string, std::string> am(a.begin(), a.end()), bm(b.begin(), b.end());
    std::vector<Difference> out;
    for (const auto& [k, v] : a) {
        auto it = bm.find(k);
        if (it == bm.end()) out.push_back({k, v, "(not set)"});
        else if (it->second != v) out.push_back({k, v, it->second});
    }
    for (const auto& [k, v] : b)
        if (!am.count(k)) out.push_back({k, "(not set)", v});
    // A list item present on one side only reads better as one row:
    // "interventions.1: at 2016-09-01; name Recruitment marketing; ...".
    auto item_prefix = [](const std::string& key) -> std::string {
        std::size_t from = 0;
        while (from <= key.size()) {
            const auto dot = key.find('.', from);
            const std::string seg = key.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
            if (!seg.empty() && std::all_of(seg.begin(), seg.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                return dot == std::string::npos ? "" : key.substr(0, dot);
            if (dot == std::string::npos) break;
            from = dot + 1;
        }
        return "";
    };
    std::vector<Difference> grouped;
    for (const auto& d : out) {
        const bool only_base = d.alternative == "(not set)", only_alt = d.base == "(not set)";
        const std::string prefix = (only_base || only_alt) ? item_prefix(d.key) : "";
        if (!prefix.empty() && !grouped.empty() && grouped.back().key == prefix &&
            ((only_base && grouped.back().alternative == "(not set)") || (only_alt && grouped.back().base == "(not set)"))) {
            std::string& side = only_base ? grouped.back().base : grouped.back().alternative;
            side += "; " + d.key.substr(prefix.size() + 1) + " " + (only_base ? d.base : d.alternative);
            continue;
        }
        if (!prefix.empty()) {
            const std::string item = d.key.substr(prefix.size() + 1) + " " + (only_base ? d.base : d.alternative);
            grouped.push_back({prefix, only_base ? item : "(not set)", only_alt ? item : "(not set)"});
        } else {
            grouped.push_back(d);
        }
    }
    return grouped;
}

std::vector<TargetDefinition> target_definitions(const YAML::Node& s) {
    std::vector<TargetDefinition> out;
    for (const auto& t : items(get(s, "targets"))) {
        TargetDefinition d{text_of(get(t, "name")), text_of(get(t, "metric")), text_of(get(t, "op")), text_of(get(t, "value")), ""};
        if (present(get(t, "month"))) d.when = "month " + text_of(get(t, "month"));
        else if (present(get(t, "by"))) d.when = text_of(get(t, "by"));
        else if (present(get(t, "financial_year"))) d.when = text_of(get(t, "financial_year"));
        out.push_back(d);
    }
    return out;
}

}  // namespace wfsim::report
