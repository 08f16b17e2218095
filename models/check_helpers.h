// Small helpers for the cross-key checks that mechanisms register with the schema.
#pragma once
#include <string>

#include "engine/params/tree.h"
#include "engine/params/units.h"

namespace wfsim::model {

// The node at a dotted path of literal keys, or nullptr.
const params::Tree* node_at(const params::Tree& root, const std::string& dotted);
// The date at a path, if present and valid.
bool date_at(const params::Tree& root, const std::string& dotted, params::Date& out);

}  // namespace wfsim::model
