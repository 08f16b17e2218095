// The one declaration of every scenario key: its type, unit, default, range
// and meaning. Validation, defaults, the resolved scenario and the README's
// table of keys are all driven from it (STYLE.md habit 5).
//
// Key paths are dotted; "<grade>"-style segments stand for names the user
// chooses, "[]" for the items of a list:
//   grades.<grade>.salary      interventions[].at
#pragma once
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "tree.h"

namespace wfsim::params {

enum class Kind {
    Section,      // a mapping or list of further keys (documentation only)
    String,
    Bool,
    Integer,
    Number,       // a real number in [min, max]
    Probability,  // 0 to 1; "80%" allowed
    Share,        // a share of a whole, 0 to 1; "30%" allowed
    Rate,         // per year, 0 or more; "15%" allowed
    Multiplier,   // 0 or more, 1 is neutral
    Money,        // pounds, 0 or more
    Fte,          // full-time equivalents, 0 or more
    SignedFte,    // a change in FTE: +5, -2.5
    Duration,     // "6 weeks"
    Date,         // 2016-04-01
    Enum,         // one of `choices`
    NameRef,      // a name defined elsewhere (a grade, a team)
    NameList,     // a list of such names
    Path,         // a file, relative to the scenario file that names it
    Overrides,    // a mapping of key paths to values, each checked against this schema
};

struct KeyDecl {
    std::string path;
    Kind kind = Kind::String;
    std::string unit;                          // for documentation
    std::optional<std::string> default_value;  // YAML text; none: optional, absent means off
    bool required = false;
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    std::vector<std::string> choices;  // Enum
    std::string refers_to;             // NameRef/NameList: the name set ("grade", "team")
    bool uncertain = false;            // may be written as a distribution
    bool free_text = false;            // String: may hold tabs and line breaks (a description)
    std::string doc;
    std::size_t heading = 0;           // documentation section
};

// Fluent helper used by the model modules to declare their keys.
class Schema;
class KeyBuilder {
public:
    KeyBuilder(Schema& s, std::size_t index) : schema_(s), index_(index) {}
    KeyBuilder& unit(std::string u);
    KeyBuilder& def(std::string yaml_text);
    KeyBuilder& required();
    KeyBuilder& range(double lo, double hi);
    KeyBuilder& choices(std::vector<std::string> c);
    KeyBuilder& refers_to(std::string set);
    KeyBuilder& uncertain();
    KeyBuilder& free_text();  // a String that may hold tabs and line breaks
    KeyBuilder& doc(std::string d);

private:
    KeyDecl& decl();
    Schema& schema_;
    std::size_t index_;
};

// A check that needs more than one key (shares that sum to one, ...).
using CrossCheck = std::function<void(const Tree& root, Diagnostics& diags)>;

class Schema {
public:
    Schema();
    ~Schema();
    Schema(const Schema&) = delete;
    Schema& operator=(const Schema&) = delete;

    KeyBuilder key(std::string path, Kind kind);
    // Names of set `set` ("grade") are the keys of the mapping at `path` ("grades").
    void define_names(const std::string& set, const std::string& path);
    void add_check(CrossCheck check);
    // A check for input that is valid but probably not meant: it adds
    // warnings (diags.warning), never errors. Warning checks run on a tree
    // that passed every other check, with its defaults filled in.
    void add_warning_check(CrossCheck check);
    // Starts a documentation section: the keys declared after it are listed under it.
    void add_heading(std::string title, std::string text);

    const std::vector<KeyDecl>& decls() const { return decls_; }
    const KeyDecl* find(const std::string& pattern) const;

    // Validates `root` completely, adding every error to `diags`, then fills
    // in defaults; when no error was found, runs the warning checks. Returns
    // true when no error was found (warnings do not count).
    bool validate(Tree& root, Diagnostics& diags) const;

    // Finds the declaration for a concrete path such as "grades.sw.salary" or
    // "targets.0.value" in `root`; sets `why` when there is none. A path that
    // runs on past a mapping of overrides is declared by its rest:
    // "changes.0.set.a.b" (overrides at "changes[].set") as "a.b".
    const KeyDecl* match_concrete(const std::string& path, std::string& why) const;

    // The README's table of keys, generated from the declarations.
    std::string markdown() const;

    // Names defined in a validated tree for a set ("grade" -> {"asye","sw"}).
    std::vector<std::string> names(const Tree& root, const std::string& set) const;

    struct Trie;

private:
    friend class KeyBuilder;
    std::vector<KeyDecl> decls_;
    std::map<std::string, std::string> name_sets_;  // set -> path of defining mapping
    std::vector<CrossCheck> checks_;
    std::vector<CrossCheck> warning_checks_;
    struct Heading { std::string title, text; };
    std::vector<Heading> headings_;
    std::unique_ptr<Trie> trie_;
    void insert(std::size_t index);
};

// Whether a node of a validated tree was filled in from its declaration's
// default rather than written (in a file or a --set).
bool is_default(const Tree& node);

// Checks a single leaf value against its declaration (used by validation and
// by Overrides). Returns false with `why` set to what is allowed.
bool check_leaf(const KeyDecl& d, const Tree& value, std::string& why);

// Distances and suggestions for mistyped names.
std::size_t edit_distance(const std::string& a, const std::string& b);
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

std::string kind_name(Kind k);

}  // namespace wfsim::params
