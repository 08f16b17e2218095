// Files written so that a reader never sees half of one: the content goes to
// a temporary name in the same folder, is flushed, and is renamed over the
// target in one step.
#pragma once
#include <string>

namespace wfsim::io {

// Throws std::runtime_error naming the file on failure.
void write_file_atomic(const std::string& path, const std::string& content);
std::string json_escape(const std::string& s);
std::string csv_field(const std::string& s);  // quoted when it holds , " or a line break
std::string format_value(double v);  // for CSV and JSON: %.10g, never NaN

}  // namespace wfsim::io
