// Force-included (-include) into every file of the fuzz build only.
//
// params::Tree holds a std::vector<std::pair<std::string, Tree>>. With clang
// and libstdc++ 12 in C++20, instantiating that pair asks whether Tree is
// implicitly default-constructible (for pair's explicit(bool) default
// constructor); clang answers by instantiating the vector's destructor, which
// needs the pair being instantiated: "incomplete type" errors in every file
// that uses Tree (GCC accepts it). The answer is plainly yes (Tree is an
// aggregate), so it is given here before the question is asked.
#pragma once
#include <type_traits>

namespace wfsim::params {
struct Tree;
}

namespace std {
template <>
struct __is_implicitly_default_constructible<wfsim::params::Tree> : true_type {};
}  // namespace std
