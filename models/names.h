// Grades and teams are named by the scenario; the simulation works with their
// indices in file order.
#pragma once
#include <string>
#include <vector>

namespace wfsim::model {

struct Names {
    std::vector<std::string> grades, teams;
    int grade(const std::string& n) const { return index(grades, n); }
    int team(const std::string& n) const { return index(teams, n); }

private:
    static int index(const std::vector<std::string>& v, const std::string& n) {
        for (std::size_t i = 0; i < v.size(); ++i)
            if (v[i] == n) return static_cast<int>(i);
        return -1;
    }
};

}  // namespace wfsim::model
