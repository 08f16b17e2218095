// libFuzzer target: the staff-list CSV reader (model::parse_staff_list),
// against fixed grades (asye, sw, senior, manager) and teams (access,
// children_in_need, looked_after, north) and a start of 2016-04-01. A finding
// is a crash, a sanitizer report, an exception, or an unsound outcome (see
// harness.h). See tools/fuzz for how to run it.
#include <cstdlib>

#include "fuzz/harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 256 * 1024) return -1;
    if (!wfsim::fuzz::run_staff_list(data, size).sound) std::abort();
    return 0;
}
