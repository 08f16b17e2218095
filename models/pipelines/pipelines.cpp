// Pipelines: cohorts of trainees arriving at fixed dates (university leavers,
// Step Up, apprenticeships, returners) who join after their training.
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

std::vector<PipelineConfig> read_pipelines(const params::Params& p, const Config& c) {
    std::vector<PipelineConfig> out;
    for (const auto& item : p.items()) {
        PipelineConfig pc;
        pc.name = item.str("name");
        pc.kind = item.str("kind");
        pc.grade = c.names.grade(item.str("grade"));
        pc.team = item.has("team") ? c.names.team(item.str("team")) : -1;
        pc.first_intake_date = item.date("first_intake");
        pc.first_intake = c.day_of(pc.first_intake_date);
        pc.every_days = item.days("every");
        pc.every_months = item.duration("every").whole_months().value_or(0);
        pc.last_intake = item.has("last_intake") ? c.day_of(item.date("last_intake")) : pc.first_intake;
        pc.trainees = static_cast<long>(item.number("trainees"));
        pc.training_days = item.days("training");
        pc.completion = item.number("completion");
        pc.join = item.number("join");
        pc.cost_per_trainee = item.money("cost_per_trainee");
        pc.salary = item.money("salary");
        out.push_back(pc);
    }
    return out;
}

namespace {

// Training cost per day of one trainee: the course cost spread over the
// training, plus any pay.
double trainee_rate(const PipelineConfig& pc) {
    return (pc.training_days > 0 ? pc.cost_per_trainee / pc.training_days : 0.0) + pc.salary / params::kDaysPerYear;
}

}  // namespace

double Simulation::intake_day(const PipelineConfig& pc, int k) const {
    return pc.every_months > 0 ? cfg_->day_of(params::add_months(pc.first_intake_date, k * pc.every_months))
                               : pc.first_intake + k * pc.every_days;
}

void Simulation::schedule_first_intake(std::size_t index) {
    // The first intake on or after the start: a series that began before the
    // start runs its later intakes (trainees already in training on the first
    // day are not modelled; count them in initial staff when they join).
    const PipelineConfig& pc = cfg_->pipelines[index];
    int k = 0;
    while (intake_day(pc, k) < 0 && k < 100000) ++k;
    const double t = intake_day(pc, k);
    if (t >= 0 && t <= pc.last_intake + 1e-9 && t < cfg_->horizon_days)
        kernel_.schedule(t, kind_.intake, index | (std::uint64_t(k) << 32));
}

void Simulation::on_pipeline_intake(std::uint64_t payload) {
    const auto index = static_cast<std::size_t>(payload & 0xffffffffu);
    const auto intake = static_cast<int>(payload >> 32);
    const PipelineConfig& pc = cfg_->pipelines[index];
    const long completers = streams_[kStreamPipelines].binomial(pc.trainees, pc.completion);
    // The cohort keeps its own cost rate, so that a later change to the
    // pipeline's settings cannot leave a residue when it joins.
    double rate = 0;
    if (pc.training_days > 0) rate = static_cast<double>(pc.trainees) * trainee_rate(pc);
    else {
        ledger_.lump(kTraining, static_cast<double>(pc.trainees) * pc.cost_per_trainee);
        group_lump(pc.grade, pc.team, kTraining, static_cast<double>(pc.trainees) * pc.cost_per_trainee);
    }
    trainees_cost_rate_ += rate;
    trainee_rate_by_cell_[static_cast<std::size_t>(pc.grade) * (teams_.size() + 1) +
                          (pc.team >= 0 ? static_cast<std::size_t>(pc.team) : teams_.size())] += rate;
    costs_dirty_ = true;
    cohorts_.push_back({index, completers, rate, pc.grade, pc.team});
    const auto cohort = static_cast<std::uint64_t>(cohorts_.size() - 1);
    kernel_.schedule(now() + pc.training_days, kind_.join, cohort, 1);
    // The next intake of the same pipeline, on the same day of the month when
    // `every` is in months, so that "no intake after last_intake" compares days.
    const double next = intake_day(pc, intake + 1);
    if (next <= pc.last_intake + 1e-9 && next < cfg_->horizon_days)
        kernel_.schedule(next, kind_.intake, index | (std::uint64_t(intake + 1) << 32));
}

void Simulation::on_pipeline_join(std::uint64_t payload) {
    const Cohort& cohort = cohorts_[static_cast<std::size_t>(payload)];
    const PipelineConfig& pc = cfg_->pipelines[cohort.pipeline];
    trainees_cost_rate_ -= cohort.cost_rate;
    trainee_rate_by_cell_[static_cast<std::size_t>(cohort.grade) * (teams_.size() + 1) +
                          (cohort.team >= 0 ? static_cast<std::size_t>(cohort.team) : teams_.size())] -= cohort.cost_rate;
    costs_dirty_ = true;
    if (std::fabs(trainees_cost_rate_) < 1e-9) trainees_cost_rate_ = 0;  // round-off when the last cohort joins
    const long joiners = streams_[kStreamPipelines].binomial(cohort.trainees, pc.join);
    for (long i = 0; i < joiners; ++i) {
        const std::int32_t post = find_vacant_post(pc.grade, pc.team, /*team_only=*/pc.team >= 0);
        if (post == kNone) {
            unplaced_ += 1;
            continue;
        }
        const std::int32_t person = add_person(post, pc.grade, now(), 0, Route::Pipeline);
        people_[static_cast<std::size_t>(person)].birth = now() - draw_age(streams_[kStreamStarters]) * params::kDaysPerYear;
        settle_starter(person);
    }
}

}  // namespace wfsim::model
