// One replication of the workforce model: a pure function of (scenario, seed,
// replication index). The mechanisms are implemented one per file, in the
// folders of models/, as members of this class: they share the state of the
// service (posts, people, agency workers, teams) and the kernel's clock.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "engine/sim/kernel.h"
#include "engine/sim/random.h"
#include "models/calendar.h"
#include "models/config.h"
#include "models/costs/group_ledger.h"
#include "models/costs/ledger.h"
#include "models/metrics/breakdown.h"
#include "models/metrics/result.h"
#include "models/prepared.h"
#include "models/state.h"

namespace wfsim::model {

struct RunOptions {
    std::uint64_t seed = 1;
    std::uint64_t replication = 0;
    int months = 0;               // overrides the horizon when > 0
    bool check_invariants = false;  // verify the bookkeeping at every month end (tests)
    Breakdown breakdown;  // the series by grade and by team to report
};

// Random streams, one per mechanism (DESIGN.md: common random numbers).
enum StreamId : std::uint64_t {
    kStreamParameters = 1 /* unused: each uncertain key has its own stream (uncertainty.cpp) */, kStreamInitialStaff, kStreamLeavingTargets, kStreamDestinations, kStreamRecruitment,
    kStreamAgency, kStreamAgencyWorkers, kStreamPipelines, kStreamAsye, kStreamProgression, kStreamRetention,
    kStreamStarters, kStreamStartingState, kStreamCount
};

// The reporting calendar of a run of `scenario` (months > 0 overrides its horizon).
Calendar calendar_for(const params::Tree& scenario, int months);

class Simulation : public engine::Observer {
public:
    // `scenario` is a validated tree; distributions in it are sampled here.
    Simulation(const params::Tree& scenario, const std::string& scenario_dir, const RunOptions& options);
    // The same from settings read once for a batch (prepared.h), which must
    // outlive the simulation; options.months must be the months it was prepared for.
    Simulation(const PreparedScenario& prepared, const RunOptions& options);
    Simulation(const Simulation&) = delete;  // handlers and cfg_ point into it
    Simulation& operator=(const Simulation&) = delete;
    ReplicationResult run();

    const Config& config() const { return *cfg_; }
    const Calendar& calendar() const { return *calendar_; }

    void on_checkpoint(std::size_t index, engine::Time t) override;

private:
    // A handler calling F, only for an event Live says is not stale (a stale
    // event neither advances the costs nor counts as processed). Kinds that
    // are never stale use always_live, which the compiler folds away.
    bool always_live(std::uint64_t) const { return true; }
    template <void (Simulation::*F)(std::uint64_t),
              bool (Simulation::*Live)(std::uint64_t) const = &Simulation::always_live>
    struct Bound;

    // ---- set-up (simulation.cpp, establishment/, initial_staff/)
    void set_up();  // after the settings are in place
    void register_handlers();
    void build_posts();
    void place_initial_staff();
    std::string staff_list_path() const;  // "" when the scenario has no staff list
    void schedule_dated_events();

    // ---- the first day as a snapshot of a running service (initial_staff/snapshot.cpp)
    bool running_start_ = true;  // initial_staff.start_as: running (else a service opening on the day)
    // A first-day vacancy part-way through its recruitment and cover; not yet
    // appointed when the appointees are stated (initial_staff.appointed).
    // Each first-day post and person draws from a stream of its own, so that
    // a rate that changes how many draws one takes moves no other.
    engine::EntityStream post_stream(std::int32_t post) const;
    std::uint64_t post_payload(std::int32_t post) const;  // the post and its version, as its events carry them
    engine::EntityStream person_stream(std::int32_t person) const;
    void open_first_day_vacancy(std::int32_t post, bool appointed_excluded);
    void open_appointed_vacancy(std::int32_t post);  // an appointee in pre-employment checks
    // A campaign that began `elapsed` days ago; with adverts > 0 the number of
    // adverts it takes is known (the last succeeds), else outcomes are drawn.
    void place_campaign(std::int32_t post, double elapsed, int adverts, engine::EntityStream& rng);
    void open_cover(std::int32_t post, double age, engine::EntityStream& rng);   // cover of a vacancy `age` days old
    void place_cover(std::int32_t post, double age, engine::EntityStream& rng);  // ... as its own cycle implies
    void cover_by_share(std::int32_t post, double share, engine::EntityStream& rng);  // covered with probability `share`
    double first_day_cover_share_ = -1;  // initial_staff.agency_covered, when the scenario gives it
    void maybe_on_notice(std::int32_t person);  // in steady state some holders are working their notice
    void on_notice_at_start(std::int32_t person, double exit_at, engine::EntityStream& rng);  // part-way through their notice
    // Set by a staff list: which staff are on notice (any listed leaving
    // date), and which vacancies have an appointee (any future start date).
    std::vector<std::pair<std::int32_t, double>> listed_notice_;      // person, exit day
    std::vector<std::pair<std::int32_t, double>> listed_appointees_;  // post, start day
    bool list_states_notice_ = false, list_states_appointees_ = false;
    void backdate_payments(std::int32_t person);  // bonuses paid before the start, still in their windows
    double campaign_head_start() const;  // how long before a post empties its campaign begins
    double campaign_length(int adverts, bool with_pre_employment) const;  // from its first advert
    // Per grade, cumulative weights of a first-day vacancy's number of adverts.
    const std::vector<double>& advert_count_weights(int grade, bool appointed_excluded);
    std::vector<std::vector<double>> advert_weights_;  // [2 x grade + appointed_excluded]
    void place_first_day_notice();    // who is working their notice
    void open_first_day_vacancies(std::vector<std::int32_t> vacant);
    struct FirstDayCohort { double started, fte; };  // started: day (0 or before); fte: still to place
    std::vector<std::vector<FirstDayCohort>> first_day_cohorts(const params::Params& init) const;  // per grade
    // The start day of the cohort a first-day worker of `fte` belongs to
    // (kNever: none), drawn without replacement from the `unplaced` FTE of
    // the grade's staff; updates both.
    double draw_cohort(std::vector<FirstDayCohort>& cohorts, double fte, double& unplaced);

    // ---- shared bookkeeping (simulation.cpp)
    double now() const { return kernel_.now(); }
    void advance();  // accrue costs up to now; called first by every handler
    void update_cost_rates();
    // Set by everything that changes a cost rate (staff by grade, supplements,
    // agency in use, absence cover, trainees, ASYEs, settings), so that
    // handlers that change none of them skip update_cost_rates.
    bool costs_dirty_ = true;
    void start_vacancy(std::int32_t post, bool just_emptied, bool seek_cover = true);
    // An open post of the grade: in the preferred team if it has one (only there
    // with team_only), else in the team with most open posts of the grade.
    std::int32_t find_vacant_post(int grade, int team_preference, bool team_only = false);
    void mark_vacant(std::int32_t post);
    bool is_open(const Post& p) const { return p.holder == kNone && !p.incoming && !p.removed && !p.to_remove; }
    std::int32_t add_person(std::int32_t post, int grade, double service_start, double birth, Route route);
    void move_person(std::int32_t person, std::int32_t new_post);
    void team_join(std::int32_t person);
    void team_leave(std::int32_t person);
    void check_invariants() const;

    // ---- the monthly snapshot (simulation.cpp): month m's values into result_
    struct Stocks {
        double establishment = 0, permanent = 0, agency = 0, agency_covered = 0, absence = 0, caseload_per_worker = 0;
    };
    Stocks count_stocks(double t) const;
    void record_stocks(std::size_t m, const Stocks& s);
    void record_flows(std::size_t m, double t, const Stocks& s);
    void check_month(std::size_t m, const Stocks& s);  // the invariants and the FTE balance

    // ---- establishment (establishment/establishment.cpp)
    std::int32_t add_post(int team, int grade, double fte);
    void shrink_post(std::int32_t post, double fte);  // a vacant post loses part of its FTE
    void change_establishment(int team, int grade, double delta_fte);
    void remove_post(std::int32_t post);

    // ---- leaving (leaving/leaving.cpp)
    // A person's hazard at t, per day, in three parts: `scaled` is multiplied
    // by the team's pressure, `unscaled` (the early-leaving rate, retirement)
    // is not, and `retire` is the retirement part of `unscaled`.
    struct Hazard { double scaled = 0, unscaled = 0, retire = 0; };
    Hazard hazard_parts(const Person& p, double t) const;
    double next_change(const Person& p, double t) const;
    void accrue(Person& p);  // the cumulative hazard up to now
    void reschedule_leaving(std::int32_t person);
    void refresh_hazard(std::int32_t person);  // accrue, recompute, reschedule
    void apply_due_changes(std::int32_t person);  // bonuses and supplements falling due now
    void on_person_event(std::uint64_t payload);
    bool person_event_live(std::uint64_t payload) const;
    void give_notice(std::int32_t person, Destination d);
    void begin_notice(std::int32_t person, Destination d, double exit_at);  // without starting a campaign
    void on_leave_effective(std::uint64_t payload);
    Destination draw_destination(double retire_share);
    Destination destination_of(double u) const;  // by the destination shares, for a uniform draw u

    // ---- the teams' clocks (leaving/team_clock.cpp): leaving against each
    // team's integral of pressure, so that a change of pressure re-times one
    // event per team rather than every member.
    bool team_clocks_ = false;  // on from the first pressure review
    double clock_at(const TeamState& t, double day) const { return t.clock + t.pressure * (day - t.clock_from); }
    // The day the clock reaches `tau` at the present pressure (> 0).
    static double day_clock_reads(const TeamState& t, double tau) { return t.clock_from + (tau - t.clock) / t.pressure; }
    void set_pressure(std::size_t team, double pressure);
    void clock_in(std::int32_t person);  // waits for the team's clock to reach leave_at
    void retime_team(std::size_t team);  // the team's event for its first leaver
    bool due_live(const TeamState::Due& d) const;  // the entry's person still waits for it
    void on_team_leaving(std::uint64_t payload);
    bool team_leaving_live(std::uint64_t payload) const;

    // ---- recruitment (recruitment/recruitment.cpp)
    void start_campaign(std::int32_t post);
    void on_advert_start(std::uint64_t payload);
    void on_advert_end(std::uint64_t payload);
    bool advert_live(std::uint64_t payload) const;
    void on_starter_arrive(std::uint64_t payload);
    bool starter_live(std::uint64_t payload) const;
    double campaign_success_probability(int grade) const;  // cached by refresh_derived
    double advert_success(int grade) const;                // computed from the settings

    // ---- agency (agency/agency.cpp)
    void request_cover(std::int32_t post, double delay);
    void on_agency_arrive(std::uint64_t payload);
    bool agency_arrive_live(std::uint64_t payload) const;
    void start_agency(std::int32_t post);
    void cover_or_queue(std::int32_t post);  // an agency worker starts, or the post waits for supply
    void end_agency(std::int32_t post);  // the worker leaves the post (starter arrived, post removed)
    void on_agency_end(std::uint64_t payload);
    bool agency_end_live(std::uint64_t payload) const;
    void on_supply_add(std::uint64_t payload);
    void serve_agency_queue();
    double agency_supply_free() const { return supply_limit_ - agency_in_use_; }

    // ---- pipelines, ASYE, progression (their folders)
    double intake_day(const PipelineConfig& pc, int k) const;  // day of the k-th intake
    void schedule_first_intake(std::size_t pipeline);
    void on_pipeline_intake(std::uint64_t payload);
    void on_pipeline_join(std::uint64_t payload);
    void start_asye(std::int32_t person, double remaining_days);
    void on_asye_end(std::uint64_t payload);
    void schedule_progression(std::int32_t person);
    void on_progression(std::uint64_t payload);
    bool progression_live(std::uint64_t payload) const;
    void regrade(std::int32_t person, int grade);

    // ---- retention payments (retention/retention.cpp)
    double retention_multiplier(const Person& p, double t) const;
    void retention_change_points(const Person& p, double t, double& next) const;
    void pay_due_bonuses(std::int32_t person);
    void on_starter_payments(std::int32_t person);
    void clawback(Person& p);
    bool supplement_due(const Person& p, double t) const;

    // ---- caseload, absence and pressure (caseload/caseload.cpp)
    double team_absence_rate(const TeamState& t) const;
    double team_caseload(std::size_t team) const;
    double cases_at(std::size_t team, double t) const;
    void update_absence_cover(std::size_t team);
    void on_pressure_review(std::uint64_t payload);

    // ---- interventions (interventions/interventions.cpp)
    void on_intervention(std::uint64_t payload);
    void on_establishment_change(std::uint64_t payload);
    void on_recompute_all(std::uint64_t payload);
    void apply_config_change();
    void schedule_setting_triggers();  // recognition start and pressure reviews, when their settings turn on

    // ---- pay awards, market pay and agency rates (pay/awards.cpp)
    void schedule_pay_steps();
    void on_pay_step(std::uint64_t payload);
    // Pay as it stands after the steps so far, on top of the settings in
    // force: every use of a salary, a market salary or an agency cost reads
    // these (refresh_derived keeps them up to date).
    PayLevels pay_;
    std::vector<Grade> grades_now_;
    AgencyConfig agency_now_;
    bool pressure_review_running_ = false;
    double recognition_scheduled_ = -1;

    // Values derived from the settings, recomputed whenever they change
    // (refresh_derived): the pay multiplier on leaving per grade, without and
    // with the market supplement, and each grade's chance that an advert succeeds.
    void refresh_derived();
    std::vector<double> pay_multiplier_, pay_multiplier_supplement_, advert_success_;

    // ---- state
    // The scenario and settings in force: the batch's shared ones (prepared_),
    // or this replication's own when it sampled uncertain values or met an
    // intervention the batch did not foresee. tree_ is the scenario as at the
    // start (its lists of dated changes, its starting state); the settings in
    // force after interventions are cfg_, and own_tree_ is changed by them
    // only when this replication reads its own settings.
    std::unique_ptr<PreparedScenario> owned_;  // made by the constructor from a tree
    const PreparedScenario* prepared_ = nullptr;
    const params::Tree* tree_ = nullptr;
    const Config* cfg_ = nullptr;
    const Calendar* calendar_ = nullptr;
    params::Tree own_tree_;
    Config own_cfg_;
    std::size_t interventions_met_ = 0;
    bool own_settings_ = false;
    std::string scenario_dir_;
    RunOptions options_;
    engine::Kernel kernel_;
    std::vector<engine::Stream> streams_;
    std::vector<std::unique_ptr<engine::Handler>> handlers_;
    struct Kinds {
        std::uint32_t person, leave, agency_arrive, agency_end, advert_start, advert_end, starter, intake, join,
            asye_end, progression, supply_add, pressure, intervention, establishment, recompute, pay_step, team_leaving;
    } kind_{};

    std::vector<Post> posts_;
    std::vector<Person> people_;
    std::vector<std::int32_t> member_index_;  // person -> index in its team's members
    std::vector<AgencyWorker> agency_workers_;
    std::vector<std::int32_t> free_agency_slots_;
    std::vector<TeamState> teams_;
    std::vector<Cell> cells_;  // [team x grades + grade]
    Cell& cell(int team, int grade) {
        return cells_[static_cast<std::size_t>(team) * cfg_->grades.size() + static_cast<std::size_t>(grade)];
    }
    // The metrics by grade and by team of month m (models/metrics/by_group.cpp).
    void record_groups(std::size_t m, double t);
    void record_group_years();  // spend by financial year of each group, into its year series
    SeriesLayout layout_;  // of this run's series, from options_.breakdown
    void check_cells() const;  // the cells add up to the teams' counts
    std::vector<std::vector<std::int32_t>> open_posts_;  // per team x grade, may hold stale entries
    std::vector<std::int32_t> agency_queue_;
    std::size_t agency_queue_head_ = 0;
    struct Cohort { std::size_t pipeline; long trainees; double cost_rate; int grade, team; };  // cost_rate: pounds a day while training
    // A staff-list row: service_start after 0 is an appointee due then;
    // leave_at, a listed leaving date (kNever: none).
    struct ListedPerson { std::int32_t post; int grade; double service_start, age_years, leave_at; };
    std::vector<ListedPerson> listed_;
    struct AgeBand { double lo, hi, share; };
    std::vector<AgeBand> age_bands_;
    double max_age_ = 75;
    double draw_age(engine::Stream& s) const;
    void settle_starter(std::int32_t person);  // staff from the staff list, each with the post made for them
    std::vector<Cohort> cohorts_;

    double agency_in_use_ = 0, supply_limit_ = kNever, supply_added_ = 0;  // added: leavers joining the agency market
    std::vector<double> perm_fte_by_grade_, supplement_fte_by_grade_;
    double asye_fte_ = 0, trainees_cost_rate_ = 0;

    // Flows in the current month.
    double starters_ = 0, leavers_[kDestinations] = {}, early_leavers_ = 0, unplaced_ = 0, clawed_ = 0;
    std::vector<double> leavers_by_month_;  // [m]: leavers in month m (index 0 unused)
    double agency_per_day_at_start_ = 0;

    Ledger ledger_;
    // Pay and agency spend by grade (groups 0..G-1) and team (G..G+T-1), when
    // the run reports metrics by group (models/costs/group_ledger.h).
    GroupLedger group_spend_;
    void update_group_cost_rates(double recognition_per_year);
    // A lump sum of a grade's and team's (team -1: the grade's posts in any
    // team, shared among teams by the grade's establishment).
    void group_lump(int grade, int team, Component c, double amount);
    std::vector<double> trainee_rate_by_cell_;  // pounds a day, [grade x (teams + 1) + team], team = teams: any
    ReplicationResult result_;
};

}  // namespace wfsim::model
