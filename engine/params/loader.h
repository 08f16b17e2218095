// Reads a scenario document: the file, the bases it `extends`, and command-line
// `--set key.path=value` overrides, merged in that order and then validated
// against the schema as a whole.
#pragma once
#include <string>
#include <vector>

#include "diagnostics.h"
#include "schema.h"
#include "tree.h"

namespace wfsim::params {

struct LoadOptions {
    std::vector<std::string> sets;  // "key.path=value"
    TreeLimits limits;
    int max_extends_depth = 16;
};

// Returns true and fills `out` with the validated, defaulted tree; otherwise
// adds every error found to `diags`.
bool load_document(const std::string& path, const Schema& schema, const LoadOptions& options, Tree& out,
                   Diagnostics& diags);

// Steps used by load_document, exposed for tests and for `compare`/`sweep`.
void merge_into(Tree& base, const Tree& derived);
bool apply_set(Tree& root, const std::string& assignment, Diagnostics& diags);
// Replaces the value at a dotted path (creating mappings on the way).
bool assign_path(Tree& root, const std::string& path, Tree value, const Loc& loc, std::string& why);

// The directory part of a path ("scenarios/a.yaml" -> "scenarios/"), "" if none.
std::string directory_of(const std::string& path);

}  // namespace wfsim::params
