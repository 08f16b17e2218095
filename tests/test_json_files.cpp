// JSON files for programs: full precision, and never a NaN or an infinity
// (JSON has neither): such a value is written as null and its place named.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/io/json.h"

using namespace wfsim;

TEST_CASE("json files: NaN and infinity become null, named by their place, and -0 becomes 0", "[json][units]") {
    io::Json j = {{"mean", std::nan("")},
                  {"interval95", {-std::numeric_limits<double>::infinity(), 1.5}},
                  {"a/b", {{"sd", std::numeric_limits<double>::infinity()}}},
                  {"zero", -0.0},
                  {"fine", 0.1}};
    const io::JsonText t = io::json_text(j);
    CHECK(t.nulled == std::vector<std::string>{"/mean", "/interval95/0", "/a~1b/sd"});
    const auto back = io::Json::parse(t.text);
    CHECK(back["mean"].is_null());
    CHECK(back["interval95"][0].is_null());
    CHECK(back["interval95"][1] == 1.5);
    CHECK(back["a/b"]["sd"].is_null());
    CHECK(!std::signbit(back["zero"].get<double>()));
    CHECK(t.text.find("-0") == std::string::npos);
    // Full precision: the number read back is the number written.
    CHECK(back["fine"].get<double>() == 0.1);
    const double third = 1.0 / 3.0;
    CHECK(io::Json::parse(io::json_text({{"x", third}}).text)["x"].get<double>() == third);
}

TEST_CASE("json files: keys stay in the order they were set", "[json][units]") {
    const io::JsonText t = io::json_text({{"format_version", 2}, {"scenario", "b"}, {"alpha", 1}});
    CHECK(t.text.find("format_version") < t.text.find("scenario"));
    CHECK(t.text.find("scenario") < t.text.find("alpha"));
    CHECK(t.text.back() == '\n');
}
