// Money over the years: pay awards, the market's pay growth and agency rate
// changes (issue 19). Finance teams budget with the year's pay award in; a
// projection over several years without one understates pay spend, and a pay
// gap that never moves hides what a settlement below the market does to
// leaving and recruitment.
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

namespace {

// Dated entries must fall after the start (salaries are as on the start
// date) and, for awards, say what they give.
void check_dated(const params::Tree& root, const std::string& list_path, bool flat_allowed, params::Diagnostics& diags) {
    params::Date start;
    if (!date_at(root, "start", start)) return;
    const params::Tree* list = node_at(root, list_path);
    if (!list || !list->is_seq()) return;
    for (std::size_t i = 0; i < list->seq.size(); ++i) {
        const params::Tree& e = list->seq[i];
        const std::string at_path = list_path + "[" + std::to_string(i) + "]";
        params::Date at;
        if (const params::Tree* n = e.find("at"); n && date_at(e, "at", at) &&
                                                 params::days_from_civil(at) <= params::days_from_civil(start))
            diags.error(n->loc, at_path + ".at",
                        n->scalar + " is not after the scenario's start " + params::format_date(start) +
                            " (the scenario's figures are those on the start date)");
        if (flat_allowed && e.is_map() && !e.find("rise") && !e.find("flat"))
            diags.error(e.loc, at_path,
                        std::string(list_path == "pay_awards.awards" ? "an award" : "a change") +
                            " gives a rise (a share, e.g. 2%) or a flat amount (pounds per FTE), or both");
        if (!flat_allowed && e.is_map() && !e.find("rise"))
            diags.error(e.loc, at_path, "a change needs a rise (a share, e.g. 2%)");
    }
}

void check_from(const params::Tree& root, const std::string& path, params::Diagnostics& diags) {
    params::Date start, from;
    if (!date_at(root, "start", start) || !date_at(root, path, from)) return;
    if (params::days_from_civil(from) <= params::days_from_civil(start))
        diags.error(node_at(root, path)->loc, path,
                    node_at(root, path)->scalar + " is not after the scenario's start " + params::format_date(start));
}

}  // namespace

void declare_pay_keys(params::Schema& s) {
    s.add_heading("Money over the years",
                  "Salaries, market salaries and agency costs above are those on the start date. A pay award "
                  "raises the salaries of the grades it names on its date: by `rise` (a share) and then by `flat` "
                  "(pounds per year per FTE: recent local government settlements were flat sums). Give the awards "
                  "known as a dated list (`pay_awards.awards`) and an assumed award for the years after in "
                  "`pay_awards.yearly`, applied each year from `from` (by default the first 1 April after the start "
                  "and after the last dated award). The market comparator salaries move by `market_pay.growth` each "
                  "year (and by any dated `market_pay.changes`), so the pay gap, and with it leaving, applicants and "
                  "offer acceptance, moves when awards and the market differ. Agency costs move by "
                  "`agency_rates.growth` and `agency_rates.changes`; a price cap is not moved (a cap stays a cap, and "
                  "cuts the fill probability more as the market rate grows past it). An intervention's `pay_uplift` "
                  "or `set` of a salary changes the start-date figure, and the awards since the start apply on top. "
                  "These keys cannot be changed by an intervention.");
    s.key("pay_awards", Kind::Section).doc("pay awards; (off) means pay stays as on the start date");
    s.key("pay_awards.awards", Kind::Section).doc("a list of dated awards, for the years known");
    s.key("pay_awards.awards[].at", Kind::Date).required().doc("when it takes effect (after the start)");
    s.key("pay_awards.awards[].rise", Kind::Share).doc("rise in salary as a share, e.g. 2%; (off) means none");
    s.key("pay_awards.awards[].flat", Kind::Money).unit("pounds per year per FTE").doc("flat sum added to salary, after any rise; (off) means none");
    s.key("pay_awards.awards[].grades", Kind::NameList).refers_to("grade").doc("grades it applies to; (off) means all");
    s.key("pay_awards.yearly.rise", Kind::Share).doc("an award each year, as a share; (off) means none");
    s.key("pay_awards.yearly.flat", Kind::Money).unit("pounds per year per FTE").doc("an award each year, as a flat sum; (off) means none");
    s.key("pay_awards.yearly.grades", Kind::NameList).refers_to("grade").doc("grades the yearly award applies to; (off) means all");
    s.key("pay_awards.yearly.from", Kind::Date)
        .doc("the first yearly award; (off) means the first 1 April after the start and after the last dated award");
    s.key("market_pay.growth", Kind::Rate).def("0").unit("per year").doc("yearly rise of every market comparator salary");
    s.key("market_pay.grades", Kind::NameList).refers_to("grade").doc("grades whose market salary grows; (off) means all");
    s.key("market_pay.from", Kind::Date)
        .doc("the first yearly rise; (off) means the first 1 April after the start and after the last dated change");
    s.key("market_pay.changes", Kind::Section).doc("a list of dated rises of market salaries");
    s.key("market_pay.changes[].at", Kind::Date).required().doc("when it takes effect (after the start)");
    s.key("market_pay.changes[].rise", Kind::Share).doc("rise as a share, e.g. 3%; (off) means none");
    s.key("market_pay.changes[].flat", Kind::Money)
        .unit("pounds per year per FTE")
        .doc("flat sum added to market salaries, after any rise (a national flat settlement); (off) means none");
    s.key("market_pay.changes[].grades", Kind::NameList).refers_to("grade").doc("grades it applies to; (off) means all");
    s.key("agency_rates.growth", Kind::Rate).def("0").unit("per year").doc("yearly rise of the agency cost per year (day rate)");
    s.key("agency_rates.from", Kind::Date)
        .doc("the first yearly rise; (off) means the first 1 April after the start and after the last dated change");
    s.key("agency_rates.changes", Kind::Section).doc("a list of dated rises of the agency cost");
    s.key("agency_rates.changes[].at", Kind::Date).required().doc("when it takes effect (after the start)");
    s.key("agency_rates.changes[].rise", Kind::Share).doc("rise as a share, e.g. 5%");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        check_dated(root, "pay_awards.awards", true, diags);
        check_dated(root, "market_pay.changes", true, diags);
        check_dated(root, "agency_rates.changes", false, diags);
        check_from(root, "pay_awards.yearly.from", diags);
        check_from(root, "market_pay.from", diags);
        check_from(root, "agency_rates.from", diags);
        const params::Tree* yearly = node_at(root, "pay_awards.yearly");
        if (yearly && yearly->is_map() && !yearly->find("rise") && !yearly->find("flat"))
            diags.error(yearly->loc, "pay_awards.yearly",
                        "a yearly award gives a rise (a share, e.g. 2%) or a flat amount (pounds per FTE), or both");
    });
}

}  // namespace wfsim::model
