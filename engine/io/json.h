// JSON files written with nlohmann-json (Debian's nlohmann-json3-dev), keys in
// the order they are set, so that a program reads full-precision numbers and
// a person reads the members in a sensible order.
//
// JSON has no NaN or infinity. A value that is not finite is written as null
// and its place is returned, so that the caller can warn: never a silent 0.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wfsim::io {

using Json = nlohmann::ordered_json;

struct JsonText {
    std::string text;                  // two-space indented, with a final newline
    std::vector<std::string> nulled;   // JSON pointers ("/targets/0/probability") of values written as null
};

JsonText json_text(Json j);

// As json_text, warning on stderr ("wfsim: warning: FILE: /a/b is not a
// number (NaN or infinity), written as null") for each value nulled.
std::string json_file_text(const Json& j, const std::string& file_name);

}  // namespace wfsim::io
