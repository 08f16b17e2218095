#include "engine/io/json.h"

#include <cmath>
#include <iostream>

namespace wfsim::io {

namespace {

// NaN and infinity to null (noting where), and -0 to 0 as in the CSV files.
void tidy_numbers(Json& j, const std::string& at, std::vector<std::string>& nulled) {
    if (j.is_number_float()) {
        const double v = j.get<double>();
        if (!std::isfinite(v)) {
            j = nullptr;
            nulled.push_back(at.empty() ? "/" : at);
        } else if (v == 0) {
            j = 0.0;
        }
    } else if (j.is_object()) {
        for (auto& [key, value] : j.items()) {
            // A JSON pointer escapes ~ and / in a key (RFC 6901).
            std::string k;
            for (char c : key) k += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
            tidy_numbers(value, at + "/" + k, nulled);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) tidy_numbers(j[i], at + "/" + std::to_string(i), nulled);
    }
}

}  // namespace

JsonText json_text(Json j) {
    JsonText out;
    tidy_numbers(j, "", out.nulled);
    out.text = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    return out;
}

std::string json_file_text(const Json& j, const std::string& file_name) {
    JsonText t = json_text(j);
    for (const auto& p : t.nulled)
        std::cerr << "wfsim: warning: " << file_name << ": " << p << " is not a number (NaN or infinity), written as null\n";
    return t.text;
}

}  // namespace wfsim::io
