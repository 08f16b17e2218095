// A parsed YAML document as a plain tree that remembers, for every node,
// the file, line and column it came from. Merging (extends), overrides
// (--set) and validation all work on this tree, so every message can point
// at the right file even after inheritance.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"

namespace wfsim::params {

struct Tree {
    Tree() = default;  // declared, so clang accepts the recursive members below
    enum class Type { Null, Scalar, Map, Seq };
    Type type = Type::Null;
    std::string scalar;  // for Scalar
    bool quoted = false; // scalar was written in quotes (always a string)
    std::vector<std::pair<std::string, Tree>> map;  // insertion-ordered
    std::vector<Loc> key_locs;                      // parallel to map
    std::vector<Tree> seq;
    Loc loc;

    bool is_map() const { return type == Type::Map; }
    bool is_seq() const { return type == Type::Seq; }
    bool is_scalar() const { return type == Type::Scalar; }
    bool is_null() const { return type == Type::Null; }

    const Tree* find(const std::string& key) const;
    Tree* find(const std::string& key);
    // Inserts or replaces a map entry (the tree must be a map or null).
    Tree& set(const std::string& key, Tree value, const Loc& key_loc);
    bool erase(const std::string& key);

    static Tree make_scalar(std::string text, Loc loc);
    static Tree make_map(Loc loc);
};

// Limits that keep hostile or accidental inputs (huge files, deep nesting,
// alias bombs) from exhausting time or memory.
struct TreeLimits {
    std::size_t max_bytes = 8u << 20;   // 8 MiB: scenarios are a few KB
    std::size_t max_nodes = 200000;     // after alias expansion
    int max_depth = 64;
};

// Reads and parses a YAML file. On failure adds located errors and returns false.
bool load_yaml_file(const std::string& path, const std::string& shown_name, Tree& out,
                    Diagnostics& diags, const TreeLimits& limits = {});
// Parses YAML text from a named pseudo-source (for --set values and tests).
bool parse_yaml_text(const std::string& text, const Loc& origin, Tree& out, Diagnostics& diags,
                     const TreeLimits& limits = {});

// Writes the tree back as block YAML (for --print and scenario.resolved.yaml).
std::string emit_yaml(const Tree& tree);

}  // namespace wfsim::params
