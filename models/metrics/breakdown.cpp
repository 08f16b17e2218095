#include "models/metrics/breakdown.h"

#include <algorithm>

#include "models/metrics/result.h"

namespace wfsim::model {

bool has_breakdown(int m, Dimension d) {
    switch (m) {
        case kEstablishmentFte: case kPermanentFte: case kAgencyFte: case kAgencyCoveredFte: case kVacantFte:
        case kVacanciesFte: case kVacancyRate: case kAgencyRate: case kStarters: case kLeavers:
        case kLeaversOtherEmployer: case kLeaversAgency: case kLeaversOutOfProfession: case kLeaversRetirement:
        case kEarlyLeavers: case kTurnoverRate12m: case kAbsenceFte: case kAsyeFte: case kPermanentShare:
        case kSpendPermanent: case kSpendAgency: case kSpendRecruitment: case kSpendRetention: case kSpendTraining:
        case kSpendTotal: case kSpendPermanentReal: case kSpendAgencyReal: case kSpendRecruitmentReal:
        case kSpendRetentionReal: case kSpendTrainingReal: case kSpendTotalReal:  // spend by group (models/metrics/by_group.cpp)
            return true;
        case kCaseloadPerWorker:  // cases are held by teams
            return d == Dimension::Team;
        default:  // other spend, real terms and pipeline counts stay in total
            return false;
    }
}

std::string Breakdown::text() const {
    if (by_grade && by_team) return "grade,team";
    if (by_grade) return "grade";
    if (by_team) return "team";
    return "none";
}

std::optional<Breakdown> Breakdown::parse(const std::string& text) {
    if (text == "none") return none();
    Breakdown b = none();
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = std::min(text.find(',', from), text.size());
        const std::string word = text.substr(from, comma - from);
        if (word == "grade") b.by_grade = true;
        else if (word == "team") b.by_team = true;
        else return std::nullopt;
        from = comma + 1;
    }
    return b;
}

SeriesLayout::SeriesLayout(std::size_t grades, std::size_t teams)
    : grades_(grades), teams_(teams), count_(kMetrics), first_grade_(kMetrics, npos), first_team_(kMetrics, npos) {
    for (int k = 0; k < kMetrics; ++k) {
        if (grades_ > 0 && has_breakdown(k, Dimension::Grade)) {
            first_grade_[static_cast<std::size_t>(k)] = count_;
            count_ += grades_;
        }
        if (teams_ > 0 && has_breakdown(k, Dimension::Team)) {
            first_team_[static_cast<std::size_t>(k)] = count_;
            count_ += teams_;
        }
    }
    years_at_ = count_;
    count_ += kYearSeries * (grades_ + teams_);
}

std::size_t SeriesLayout::year_series(int metric, Dimension d, std::size_t i) const {
    if (metric < kSpendPermanent || metric > kSpendTotal || i >= (d == Dimension::Grade ? grades_ : teams_)) return npos;
    const std::size_t group = d == Dimension::Grade ? i : grades_ + i;
    return years_at_ + kYearSeries * group + static_cast<std::size_t>(metric - kSpendPermanent);
}

std::size_t SeriesLayout::index(int metric, Dimension d, std::size_t i) const {
    const std::size_t first = (d == Dimension::Grade ? first_grade_ : first_team_)[static_cast<std::size_t>(metric)];
    if (first == npos || i >= (d == Dimension::Grade ? grades_ : teams_)) return npos;
    return first + i;
}

}  // namespace wfsim::model
