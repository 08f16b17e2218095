// The version of the format of wfsim's output files, recorded in every
// summary.json, calibration.json and shard file so that readers can tell the
// numbering of their months.
//   1 (files without a format_version): index 0 was the end of the first month.
//   2: month 0 is the start date, month m the end of the m-th month (README,
//      "How months are numbered").
// `report` and `merge` refuse older files rather than shift them by a month.
#pragma once
#include <stdexcept>
#include <string>

namespace wfsim::model {

inline constexpr int kFormatVersion = 2;

// A file of another format: bad input (exit code 2), not a failure while running.
struct OldFormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The one-line refusal of `file`, written with format version `found` (1 when
// it records none).
inline std::string old_format_message(const std::string& file, long found) {
    if (found > kFormatVersion)
        return file + " has format_version " + std::to_string(found) + ", newer than this wfsim reads (" +
               std::to_string(kFormatVersion) + "): use a newer wfsim";
    return file + " was written by an older wfsim with the old month numbering (format_version " +
           std::to_string(found) + ", month 0 was the end of the first month); re-run it with this wfsim";
}

}  // namespace wfsim::model
