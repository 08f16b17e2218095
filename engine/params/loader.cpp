#include "loader.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <memory>

#include "engine/io/file_kind.h"

namespace wfsim::params {

namespace fs = std::filesystem;

std::string directory_of(const std::string& path) {
    auto pos = path.find_last_of('/');
    return pos == std::string::npos ? std::string() : path.substr(0, pos + 1);
}

void merge_into(Tree& base, const Tree& derived) {
    // Mappings merge key by key; anything else (a value, a list) replaces.
    if (base.is_map() && derived.is_map()) {
        for (std::size_t i = 0; i < derived.map.size(); ++i) {
            const auto& [key, value] = derived.map[i];
            if (Tree* existing = base.find(key)) merge_into(*existing, value);
            else base.set(key, value, derived.key_locs[i]);
        }
        return;
    }
    base = derived;
}

namespace {

// Marks every place in a base file's tree with the extends that read it, so
// that a message about one of its values shows the chain that led there.
void mark_via(Tree& t, const std::string& via, std::map<const std::string*, std::shared_ptr<const std::string>>& made) {
    auto marked = [&](Loc& loc) {
        auto& shared = made[loc.via.get()];
        if (!shared) shared = std::make_shared<const std::string>(loc.via ? via + ": " + *loc.via : via);
        loc.via = shared;
    };
    marked(t.loc);
    for (auto& k : t.key_locs) marked(k);
    for (auto& kv : t.map) mark_via(kv.second, via, made);
    for (auto& s : t.seq) mark_via(s, via, made);
}

bool load_with_bases(const std::string& path, const std::string& shown, const LoadOptions& options,
                     std::vector<std::string>& chain, Tree& out, Diagnostics& diags) {
    std::error_code ec;
    std::string canonical = fs::weakly_canonical(fs::path(path), ec).string();
    if (ec) canonical = path;
    Tree doc;
    if (!load_yaml_file(path, shown, doc, diags, options.limits)) return false;
    chain.push_back(canonical);
    const Tree* ext = doc.find("extends");
    if (!ext) {
        out = std::move(doc);
        return true;
    }
    std::size_t ext_index = 0;
    for (std::size_t i = 0; i < doc.map.size(); ++i)
        if (doc.map[i].first == "extends") ext_index = i;
    const Loc ext_loc = ext->loc;
    if (!ext->is_scalar() || ext->scalar.empty()) {
        diags.error(ext_loc, "extends", "should name one base scenario file, e.g. extends: base.yaml");
        return false;
    }
    const std::string base_name = ext->scalar;
    const std::string base_path = base_name.front() == '/' ? base_name : directory_of(path) + base_name;
    const std::string base_shown = base_name.front() == '/' ? base_name : directory_of(shown) + base_name;
    if (static_cast<int>(chain.size()) > options.max_extends_depth) {
        diags.error(ext_loc, "extends", "more than " + std::to_string(options.max_extends_depth) +
                                            " levels of extends; simplify the chain");
        return false;
    }
    std::string base_canonical = fs::weakly_canonical(fs::path(base_path), ec).string();
    if (std::find(chain.begin(), chain.end(), base_canonical) != chain.end()) {
        diags.error(ext_loc, "extends", base_name + " is already being read: the extends chain is a cycle (" +
                                            shown + " -> " + base_shown + " -> ...)");
        return false;
    }
    if (io::not_a_regular_file(base_path).empty() && !fs::exists(fs::path(base_path), ec)) {
        diags.error(ext_loc, "extends", base_name + " not found (looked for " + base_shown +
                                            "; the path is relative to the file that extends it)");
        return false;
    }
    // The base's own errors, and every later message about its values, say
    // which extends read it: "a.yaml:3:10: in 'extends: b.yaml': b.yaml:7:5: ...".
    const std::string via = ext_loc.str() + ": in 'extends: " + base_name + "'";
    Tree base;
    Diagnostics inner;
    const bool loaded = load_with_bases(base_path, base_shown, options, chain, base, inner);
    for (const auto& m : inner.messages()) diags.error(ext_loc, "", "in 'extends: " + base_name + "': " + m);
    if (!loaded || !inner.ok()) return false;
    std::map<const std::string*, std::shared_ptr<const std::string>> made;
    mark_via(base, via, made);
    doc.map.erase(doc.map.begin() + static_cast<std::ptrdiff_t>(ext_index));
    doc.key_locs.erase(doc.key_locs.begin() + static_cast<std::ptrdiff_t>(ext_index));
    merge_into(base, doc);
    out = std::move(base);
    return true;
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool assign_path(Tree& root, const std::string& path, Tree value, const Loc& loc, std::string& why) {
    std::vector<std::string> segs;
    std::string cur;
    for (char c : path) {
        if (c == '.') { segs.push_back(cur); cur.clear(); }
        else cur += c;
    }
    segs.push_back(cur);
    Tree* node = &root;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const std::string& seg = segs[i];
        if (seg.empty()) {
            why = "the key path '" + path + "' has an empty part";
            return false;
        }
        bool last = i + 1 == segs.size();
        if (node->is_seq()) {
            std::size_t index = 0;
            const auto [ptr, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), index);
            if (!all_digits(seg) || ec != std::errc() || ptr != seg.data() + seg.size() || index >= node->seq.size()) {
                why = "'" + seg + "' is not an item of the list (items are numbered from 0 to " +
                      std::to_string(node->seq.size() ? node->seq.size() - 1 : 0) + ")";
                return false;
            }
            node = &node->seq[index];
            if (last) *node = std::move(value);
            continue;
        }
        if (!node->is_map()) *node = Tree::make_map(loc);
        Tree* child = node->find(seg);
        if (last) {
            node->set(seg, std::move(value), loc);
            return true;
        }
        if (!child) child = &node->set(seg, Tree::make_map(loc), loc);
        node = child;
    }
    return true;
}

bool apply_set(Tree& root, const std::string& assignment, Diagnostics& diags) {
    auto source = std::make_shared<const std::string>("--set " + assignment);
    Loc loc{source, 0, 0};
    auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
        diags.error(loc, "", "expected key.path=value, e.g. --set recruitment.offer_acceptance=0.7");
        return false;
    }
    const std::string path = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);
    if (path == "extends") {  // it names a file to read, which the file alone can do
        diags.error(loc, path, "extends is read from the scenario file only; write it at the top of the file");
        return false;
    }
    Tree value;
    if (text.empty()) {
        value = Tree::make_scalar("", loc);
    } else if (!parse_yaml_text(text, loc, value, diags)) {
        return false;
    }
    auto relocate = [&](auto& self, Tree& n) -> void {
        n.loc = loc;
        for (auto& k : n.key_locs) k = loc;
        for (auto& kv : n.map) self(self, kv.second);
        for (auto& s : n.seq) self(self, s);
    };
    relocate(relocate, value);
    std::string why;
    if (!assign_path(root, path, std::move(value), loc, why)) {
        diags.error(loc, path, why);
        return false;
    }
    return true;
}

bool load_document(const std::string& path, const Schema& schema, const LoadOptions& options, Tree& out,
                   Diagnostics& diags) {
    std::vector<std::string> chain;
    Tree root;
    const std::size_t before = diags.count();
    // A file can parse and still carry errors (a duplicate key): any error fails the load.
    if (!load_with_bases(path, path, options, chain, root, diags) || diags.count() != before) return false;
    bool ok = true;
    for (const auto& s : options.sets) ok = apply_set(root, s, diags) && ok;
    if (!ok) return false;
    if (!schema.validate(root, diags)) return false;
    out = std::move(root);
    return true;
}

}  // namespace wfsim::params
