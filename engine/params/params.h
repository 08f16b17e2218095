// Typed, read-only access to a validated scenario tree. The model modules read
// their settings through this once at the start (and again after an
// intervention changes them); because the tree was validated, a failed read
// is a programming error and throws std::logic_error naming the key.
#pragma once
#include <string>
#include <vector>

#include "tree.h"
#include "units.h"

namespace wfsim::params {

class Params {
public:
    Params() = default;
    // A view of `node`, which sits at `path` (used in messages); to start from
    // a document root, pass the root and "" and navigate with at().
    Params(const Tree* node, std::string path) : node_(node), path_(std::move(path)) {}

    Params at(const std::string& dotted) const;  // a missing key gives an empty view
    bool has(const std::string& key) const;
    bool present() const { return node_ && !node_->is_null(); }
    const std::string& path() const { return path_; }
    const Tree* tree() const { return node_; }

    double number(const std::string& key) const;  // any numeric kind; percentages read as shares
    double number_or(const std::string& key, double fallback) const;
    double money(const std::string& key) const;
    double days(const std::string& key) const;  // a duration in days
    Duration duration(const std::string& key) const;
    Date date(const std::string& key) const;
    std::string str(const std::string& key) const;
    std::string str_or(const std::string& key, const std::string& fallback) const;
    bool flag(const std::string& key) const;
    std::vector<std::string> names(const std::string& key) const;  // a NameList (or single name)

    std::vector<std::string> keys() const;  // keys of this mapping, in file order
    std::vector<Params> items() const;      // items of this list

    // The value itself (for views made with at()).
    double as_number() const;
    double as_money() const;
    double as_days() const;
    Date as_date() const;
    std::string as_str() const;

private:
    const Tree* node_ = nullptr;
    std::string path_;
    const Tree& leaf(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& what) const;
};

}  // namespace wfsim::params
