// Every test case must be one that ctest can run. catch_discover_tests
// registers each case by its name, and CMake splits a name at ';': a case
// named "a; b" became two ctest entries that matched no case and "passed"
// without running anything (twelve cases went unrun that way). A name that
// begins with '-' is read by the test binary as an option.
#include <catch2/catch.hpp>

#include <string>

TEST_CASE("every test case name can be run by ctest, with no semicolon in it", "[tests]") {
    for (const auto& t : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
        INFO(t.name);
        CHECK(t.name.find(';') == std::string::npos);
        CHECK(t.name.rfind('-', 0) != 0);
    }
}
