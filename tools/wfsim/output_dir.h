// The output folder of a run, which changes as one thing: a command either
// leaves it exactly as it was or replaces it with a complete set of files,
// whatever ends the process (a full disk, a kill at any moment), and a second
// process given the same folder refuses at once.
//
// How: the files are written into a hidden sibling folder (".<name>.wfsim-
// staging-<pid>" beside the output folder), each fsync'd, then the two
// folders are swapped in one step (renameat2 with RENAME_EXCHANGE) and the
// old contents, now in the sibling, are removed. A lock file beside the
// folder (".<name>.wfsim-lock", flock'd for the life of the process, so a
// killed process never leaves it held) keeps two processes apart. Leftovers
// of a killed process are removed by the next command into the folder.
//
// With --force and files of the user's own in the folder, wfsim cannot swap
// the folder without taking theirs along: it then writes its files in place,
// each atomically, and leaves the user's files as they are.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wfsim::report {
struct ReportData;
}

namespace wfsim::cli {

std::string default_output_dir(const std::string& scenario_name);  // results/<slug>
// Takes the folder's lock (UsageError naming the process that holds it),
// removes a killed process's leftovers and creates the folder. Throws
// UsageError when the folder holds files wfsim did not write and !force.
void prepare_output_dir(const std::string& dir, bool force);
// Replaces the folder's contents with `files` and the files at the paths of
// `moved` (name in the folder -> a file written beside it, e.g. a shard file
// filled while the replications ran), with the marker listing them.
// `add`, when given, writes more files into the folder being filled, made
// from the files already in it (the report of `--report`), and returns
// their names: they are swapped in with the rest.
using Addition = std::function<std::vector<std::string>(const std::string& folder)>;
void write_outputs(const std::string& dir, const std::map<std::string, std::string>& files,
                   const std::map<std::string, std::string>& moved = {}, const Addition& add = {});
// Adds files to a folder wfsim wrote (wfsim report), as one change too: the
// folder is swapped for a copy of itself (hard links to its files) with the
// added files in it. Takes the folder's lock as prepare_output_dir does.
void add_outputs(const std::string& dir, const Addition& add);
// The Addition of --report: report.html and report.xlsx (models/report),
// made from the files in the folder, or from `data` already read from it.
Addition report_files(std::shared_ptr<const report::ReportData> data = nullptr);

}  // namespace wfsim::cli
