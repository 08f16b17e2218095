// The output folder of a run: created if needed; refused when it holds files
// wfsim did not write (unless forced), so a run never clobbers a user's files.
#pragma once
#include <map>
#include <string>

namespace wfsim::cli {

std::string default_output_dir(const std::string& scenario_name);  // results/<slug>
// Throws UsageError when the folder holds files wfsim did not write and !force.
void prepare_output_dir(const std::string& dir, bool force);
// Writes every file atomically, then the marker listing them.
void write_outputs(const std::string& dir, const std::map<std::string, std::string>& files);

}  // namespace wfsim::cli
