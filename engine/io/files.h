// Files written so that a reader never sees half of one: the content goes to
// a temporary name in the same folder, is flushed, and is renamed over the
// target in one step.
#pragma once
#include <string>

namespace wfsim::io {

// Throws std::runtime_error naming the file on failure.
void write_file_atomic(const std::string& path, const std::string& content);
std::string json_escape(const std::string& s);
// A text that a spreadsheet would run as a formula (it starts with =, +, -,
// @, a tab or a carriage return, and is not a number) with a ' in front, as
// OWASP recommends against CSV injection; any other text as it is.
std::string spreadsheet_safe(const std::string& s);
// A text cell of a CSV: spreadsheet_safe, then quoted when it holds , " or a line break.
std::string csv_field(const std::string& s);
std::string format_value(double v);  // for CSV and JSON: %.10g, never NaN

}  // namespace wfsim::io
