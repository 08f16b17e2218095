#include "models/grades/grades.h"

namespace wfsim::model {

std::vector<Grade> read_grades(const params::Params& p, const Names& names) {
    std::vector<Grade> out;
    for (const auto& g : names.grades) {
        params::Params gp = p.at("grades." + g);
        Grade grade;
        grade.salary = gp.money("salary");
        grade.on_costs = gp.number("on_costs");
        grade.market_salary = gp.has("market_salary") ? gp.money("market_salary") : grade.salary;
        grade.caseload_weight = gp.number("caseload_weight");
        out.push_back(grade);
    }
    return out;
}

}  // namespace wfsim::model
