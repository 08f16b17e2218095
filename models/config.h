// The scenario's settings as the simulation uses them: indices instead of
// names, days instead of durations. Each mechanism's part is read by its own
// module (models/<mechanism>/*.cpp). The whole is re-read when an
// intervention changes a value.
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/params/params.h"
#include "models/grades/grades.h"
#include "models/names.h"
#include "models/pay/pay.h"

namespace wfsim::model {

inline constexpr double kNever = std::numeric_limits<double>::infinity();
// Times within this many days are the same moment. A person's hazard is read
// just after a change point (now + kSameMoment), so that round-off in
// "service start + band length" can never leave the old rate in force.
inline constexpr double kSameMoment = 1e-6;

enum Destination : std::uint8_t { kOtherEmployer = 0, kToAgency = 1, kOutOfProfession = 2, kRetirement = 3 };
inline constexpr int kDestinations = 4;
inline const char* const kDestinationNames[kDestinations] = {"other_employer", "agency", "out_of_profession", "retirement"};

struct LeavingConfig {
    std::vector<double> base_rate;  // per grade, per year
    struct Band { double under_days, multiplier; };
    std::vector<Band> bands;
    double pay_elasticity = 0;
    double caseload_threshold = 15, caseload_per_case = 0;
    double agency_threshold = 0, agency_slope = 0;
    double review_days = 30;
    double retirement_age = kNever;  // years
    double retirement_rate_from_age = 60, retirement_rate = 0;
    double notice_days = 0;
    double destination[kDestinations] = {1, 0, 0, 0};
};

struct RecruitmentConfig {
    enum class Method { Campaign, FixedDelay, None } method = Method::Campaign;
    double time_to_fill_days = 0;
    bool start_on_notice = true;
    double advert_days = 28, advert_cost = 0;
    std::vector<double> applicants;  // per grade
    double applicant_elasticity = 0, marketing_multiplier = 1, marketing_cost = 0;
    double appointable = 1, acceptance = 1, acceptance_elasticity = 0;
    double pre_employment_days = 0, readvertise_days = 0, cost_per_hire = 0;
    double early_rate = 0, early_period_days = 0, induction_multiplier = 1;
};

struct PipelineConfig {
    std::string name, kind;
    int grade = 0, team = -1;
    double first_intake = 0, every_days = 365.25, last_intake = 0;  // days from start
    params::Date first_intake_date;
    int every_months = 0;  // when `every` is whole months, intakes keep the day of the month
    long trainees = 0;
    double training_days = 0, completion = 1, join = 1, cost_per_trainee = 0, salary = 0;
};

struct AsyeConfig {
    int grade = -1, next_grade = -1;
    double length_days = 365.25, pass_rate = 1, cost_per_person = 0;
};

struct ProgressionRule {
    int from = 0, to = 0;
    double after_days = 0, rate = 0;
    bool requires_vacancy = true;
};

struct BonusScheme {
    std::string name;
    std::vector<bool> grades;  // eligible, per grade
    double at_service_days = 0, amount = 0;
    double from = -kNever, until = kNever;  // days from start
    double clawback_days = 0, clawback_share = 1;
    bool taper = false;
    double anticipation_days = 0, multiplier_before = 1, after_days = 0, multiplier_after = 1;
    // Effects that grow with the bonus: the hazard times (1 + amount / salary) ^ elasticity.
    double elasticity_before = 0, elasticity_after = 0;
};

struct RetentionConfig {
    std::vector<bool> supplement_grades;
    double supplement_share = 0, supplement_after_days = 0;
    std::vector<BonusScheme> bonuses;
    double hello_amount = 0, hello_clawback_days = 0, hello_acceptance = 1;
    double hello_acceptance_elasticity = 0;  // acceptance x (1 + amount / salary) ^ e
    // What the golden hello multiplies offer acceptance by for a grade with
    // this annual salary (1 when it is not paid to the grade).
    double hello_acceptance_factor(std::size_t grade, double salary) const;
    std::vector<bool> hello_grades;
    double relocation_amount = 0, relocation_share = 0;
    double recognition_awards = 0, recognition_value = 0, recognition_leave_days = 0;
    double recognition_multiplier = 1, recognition_from = 0;
};

struct AgencyConfig {
    double fill_probability = 0, fill_delay_days = 0, cost_per_year = 0;
    double leaving_rate = 0, conversion_rate = 0;
    double supply_limit = kNever;
    bool queue_when_full = true, from_leavers = false;
    double cooling_off_days = 0, price_cap = kNever, cap_elasticity = 1;
    double min_experience_days = 0, experienced_share = 1, cover_absence = 0, cover_other = 0;

    double effective_cost() const;         // after any price cap
    double effective_fill_probability() const;  // after cap and experience rules
};

struct CaseloadConfig {
    bool modelled = false;
    std::vector<double> cases;  // per team, at the start
    double growth = 0;          // per year
    double absence_rate = 0, absence_slope = 0;
};

struct Config {
    Names names;
    params::Date start;
    double horizon_days = 0;
    int horizon_months = 0;  // calendar months when the horizon was written in months or years
    std::vector<Grade> grades;
    LeavingConfig leaving;
    RecruitmentConfig recruitment;
    std::vector<PipelineConfig> pipelines;
    AsyeConfig asye;
    std::vector<ProgressionRule> progression;
    RetentionConfig retention;
    AgencyConfig agency;
    CaseloadConfig caseload;
    std::vector<PayStep> pay_steps;  // pay awards, market pay and agency rates, by day (models/pay/)

    double day_of(const params::Date& d) const;  // days from start
};

Names read_names(const params::Tree& root);
Config read_config(const params::Tree& root);

// One reader per mechanism, each in its module.
LeavingConfig read_leaving(const params::Params& p, const Names& n);
RecruitmentConfig read_recruitment(const params::Params& p, const Names& n);
std::vector<PipelineConfig> read_pipelines(const params::Params& p, const Config& c);
AsyeConfig read_asye(const params::Params& p, const Names& n);
std::vector<ProgressionRule> read_progression(const params::Params& p, const Names& n);
RetentionConfig read_retention(const params::Params& p, const Config& c);
AgencyConfig read_agency(const params::Params& p);
CaseloadConfig read_caseload(const params::Params& p, const Names& n);

// A list of grade names as flags per grade; an absent list means every grade.
std::vector<bool> grade_flags(const params::Params& p, const std::string& key, const Names& n, bool absent_means_all);

}  // namespace wfsim::model
