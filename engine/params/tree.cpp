#include "tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>

#include "engine/io/file_kind.h"

namespace wfsim::params {

const Tree* Tree::find(const std::string& key) const {
    for (const auto& kv : map)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

Tree* Tree::find(const std::string& key) {
    for (auto& kv : map)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

Tree& Tree::set(const std::string& key, Tree value, const Loc& key_loc) {
    if (type != Type::Map) {
        type = Type::Map;
        map.clear();
        key_locs.clear();
    }
    for (auto& kv : map)
        if (kv.first == key) return kv.second = std::move(value);
    map.emplace_back(key, std::move(value));
    key_locs.push_back(key_loc);
    return map.back().second;
}

bool Tree::erase(const std::string& key) {
    for (std::size_t i = 0; i < map.size(); ++i)
        if (map[i].first == key) {
            map.erase(map.begin() + static_cast<std::ptrdiff_t>(i));
            key_locs.erase(key_locs.begin() + static_cast<std::ptrdiff_t>(i));
            return true;
        }
    return false;
}

Tree Tree::make_scalar(std::string text, Loc loc) {
    Tree t;
    t.type = Type::Scalar;
    t.scalar = std::move(text);
    t.loc = std::move(loc);
    return t;
}

Tree Tree::make_map(Loc loc) {
    Tree t;
    t.type = Type::Map;
    t.loc = std::move(loc);
    return t;
}

namespace {

struct Converter {
    std::shared_ptr<const std::string> file;
    int line_offset = 0;  // for pseudo-sources
    const TreeLimits& limits;
    Diagnostics& diags;
    std::size_t nodes = 0;
    bool failed = false;

    Loc loc_of(const YAML::Mark& m) const {
        if (m.line < 0) return Loc{file, 0, 0};
        return Loc{file, m.line + 1 + line_offset, m.column + 1};
    }

    bool convert(const YAML::Node& n, Tree& out, int depth) {
        if (failed) return false;
        out.loc = loc_of(n.Mark());
        if (++nodes > limits.max_nodes) {
            diags.error(out.loc, "", "the document expands to more than " + std::to_string(limits.max_nodes) +
                                         " values (aliases that repeat large parts?); a scenario is far smaller");
            return !(failed = true);
        }
        if (depth > limits.max_depth) {
            diags.error(out.loc, "", "nesting deeper than " + std::to_string(limits.max_depth) +
                                         " levels; a scenario needs only a few");
            return !(failed = true);
        }
        // A tag (!!binary, !!int, !custom) would be read as nothing but its
        // text: refuse it rather than ignore it. !!str and quotes mean text.
        const std::string& tag = n.Tag();
        if (!tag.empty() && tag != "?" && tag != "!" && tag != "tag:yaml.org,2002:str" &&
            tag != "tag:yaml.org,2002:map" && tag != "tag:yaml.org,2002:seq") {
            std::string shown = tag.rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + tag.substr(18) : tag;
            diags.error(out.loc, "", "a YAML tag (" + shown + ") is not read by wfsim; remove it and write the value plainly");
            return !(failed = true);
        }
        switch (n.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null:
                out.type = Tree::Type::Null;
                return true;
            case YAML::NodeType::Scalar:
                out.type = Tree::Type::Scalar;
                out.scalar = n.Scalar();
                out.quoted = (n.Tag() == "!" || n.Tag() == "tag:yaml.org,2002:str");
                return true;
            case YAML::NodeType::Sequence:
                out.type = Tree::Type::Seq;
                for (const auto& item : n) {
                    out.seq.emplace_back();
                    if (!convert(item, out.seq.back(), depth + 1)) return false;
                    // An empty item ("- " with nothing after it, or ~) is never meant.
                    if (out.seq.back().is_null())
                        diags.error(out.seq.back().loc.line > 0 ? out.seq.back().loc : out.loc, "",
                                    "an empty item in a list (a '-' with nothing after it, or ~): remove it or give its value");
                }
                return true;
            case YAML::NodeType::Map:
                out.type = Tree::Type::Map;
                for (const auto& kv : n) {
                    Loc kloc = loc_of(kv.first.Mark());
                    if (!kv.first.IsScalar()) {
                        diags.error(kloc, "", "a key must be a plain name, not a list or mapping");
                        continue;
                    }
                    const std::string key = kv.first.Scalar();
                    if (out.find(key)) {
                        diags.error(kloc, key, "duplicate key (it appears earlier in the same mapping)");
                        continue;
                    }
                    Tree child;
                    if (!convert(kv.second, child, depth + 1)) return false;
                    out.map.emplace_back(key, std::move(child));
                    out.key_locs.push_back(kloc);
                }
                return true;
        }
        return true;
    }
};

// A document that is not text gives yaml-cpp nothing useful to say; catch it early.
bool check_text(const std::string& text, const Loc& origin, Diagnostics& diags) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        bool bad = (c == 0) || (c < 0x20 && c != '\n' && c != '\r' && c != '\t');
        std::size_t extra = 0;
        if (!bad && c >= 0x80) {
            // Validate a UTF-8 sequence.
            if ((c & 0xE0) == 0xC0) extra = 1;
            else if ((c & 0xF0) == 0xE0) extra = 2;
            else if ((c & 0xF8) == 0xF0) extra = 3;
            else bad = true;
            for (std::size_t k = 1; !bad && k <= extra; ++k)
                if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) bad = true;
        }
        if (bad) {
            Loc l = origin;
            if (l.line > 0 || origin.file) { l.line = line; l.col = col; }
            diags.error(l, "", "the file is not UTF-8 text (byte 0x" +
                                   std::string(1, "0123456789abcdef"[c >> 4]) +
                                   std::string(1, "0123456789abcdef"[c & 15]) + " at offset " +
                                   std::to_string(i) + "); save it as YAML text");
            return false;
        }
        i += extra;
        if (c == '\n') { ++line; col = 1; } else ++col;
    }
    return true;
}

// Where a document after the first holds anything, if one does.
struct ContentSeen : YAML::EventHandler {
    std::optional<YAML::Mark> at;
    void seen(const YAML::Mark& m) {
        if (!at) at = m;
    }
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { seen(m); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { seen(m); }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        seen(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        seen(m);
    }
    void OnMapEnd() override {}
};

// A document marker line ("---" or "...", then a space or the end of the
// line) after the first document's content: what follows is another document,
// even where the parser makes nothing of it (", x" after "---").
std::optional<YAML::Mark> marker_after_content(const std::string& text) {
    bool content = false;
    std::optional<YAML::Mark> ended;  // a "..." line after content
    int line = 0;
    for (std::size_t from = 0; from < text.size(); ++line) {
        std::size_t end = text.find('\n', from);
        if (end == std::string::npos) end = text.size();
        const std::string_view l(text.data() + from, end - from);
        from = end + 1;
        const bool marker = (l.rfind("---", 0) == 0 || l.rfind("...", 0) == 0) &&
                            (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r');
        if (marker && content) {
            YAML::Mark m;
            m.line = line;
            m.column = 0;
            if (l[0] == '-') return m;
            if (!ended) ended = m;
            continue;
        }
        const auto first = l.find_first_not_of(" \t\r");
        const bool blank = first == std::string_view::npos || l[first] == '#';
        if (marker || blank) continue;
        if (ended) return ended;  // content after "..."
        content = true;
    }
    return std::nullopt;
}

std::optional<YAML::Mark> second_document(const std::string& text) {
    if (auto m = marker_after_content(text)) return m;
    std::istringstream in(text);
    YAML::Parser parser(in);
    ContentSeen first, second;
    if (!parser.HandleNextDocument(first) || !parser.HandleNextDocument(second)) return std::nullopt;
    return second.at;
}


// The usual cause of a YAML syntax error, where the line shows it: a value
// that starts with '>' (an operator such as >=) is read as the start of a
// folded block of text unless it is quoted.
static std::string syntax_hint(const std::string& text, int line) {
    if (line < 0) return "";
    std::size_t at = 0;
    for (int l = 0; l < line && at != std::string::npos; ++l) {
        at = text.find('\n', at);
        if (at != std::string::npos) ++at;
    }
    if (at == std::string::npos) return "";
    const std::string row = text.substr(at, text.find('\n', at) - at);
    for (std::size_t c = row.find(": >"); c != std::string::npos; c = row.find(": >", c + 1))
        if (c + 3 < row.size() && (row[c + 3] == '=' || row[c + 3] == ',' || row[c + 3] == '}'))
            return " (a value starting with '>' must be quoted, as in op: '>=')";
    return "";
}

bool parse(const std::string& text, const Loc& origin, Tree& out, Diagnostics& diags,
           const TreeLimits& limits) {
    if (text.size() > limits.max_bytes) {
        diags.error(origin, "", "is " + std::to_string(text.size() >> 20) + " MiB; the limit is " +
                                    std::to_string(limits.max_bytes >> 20) +
                                    " MiB (a scenario is a few KB; put staff in a staff_list CSV)");
        return false;
    }
    if (!check_text(text, origin, diags)) return false;
    // Line breaks of every kind (YAML counts a lone CR as one; yaml-cpp does not).
    if (text.find('\r') != std::string::npos) {
        std::string lf;
        lf.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] != '\r') lf += text[i];
            else if (i + 1 == text.size() || text[i + 1] != '\n') lf += '\n';
        return parse(lf, origin, out, diags, limits);
    }
    YAML::Node root;
    try {
        root = YAML::Load(text);
        // One document: a second one (after a '---' line) would be ignored.
        // (Not YAML::LoadAll, which loops for ever on some malformed texts:
        // the parser is asked for exactly one document more.)
        if (const auto second = second_document(text)) {
            Loc l{origin.file, second->line + 1 + (origin.line > 0 ? origin.line - 1 : 0), second->column + 1};
            diags.error(l, "", "a second YAML document (after '---'): a scenario is one document; put the other in a file of its own");
            return false;
        }
    } catch (const YAML::DeepRecursion& e) {
        Loc l{origin.file, e.mark.line + 1, e.mark.column + 1};
        diags.error(l, "", "nesting too deep for a scenario (" + std::to_string(e.depth()) + " levels)");
        return false;
    } catch (const YAML::Exception& e) {
        Loc l{origin.file, e.mark.line + 1, e.mark.column + 1};
        if (e.mark.line < 0) l = origin;
        diags.error(l, "", "YAML syntax error: " + e.msg + syntax_hint(text, e.mark.line));
        return false;
    }
    Converter conv{origin.file, origin.line > 0 ? origin.line - 1 : 0, limits, diags};
    conv.convert(root, out, 0);
    return !conv.failed;
}

}  // namespace

bool parse_yaml_text(const std::string& text, const Loc& origin, Tree& out, Diagnostics& diags,
                     const TreeLimits& limits) {
    return parse(text, origin, out, diags, limits);
}

bool load_yaml_file(const std::string& path, const std::string& shown_name, Tree& out, Diagnostics& diags,
                    const TreeLimits& limits) {
    auto name = std::make_shared<const std::string>(shown_name);
    Loc origin{name, 0, 0};
    if (const std::string kind = io::not_a_regular_file(path); !kind.empty()) {
        diags.error(origin, "", "is " + kind + ", not a scenario file");
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(origin, "", "the file " + io::why_not_opened(path));
        return false;
    }
    // Read at most one byte past the limit so a huge file is refused without
    // loading it, into a buffer of the file's own size.
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    std::string text;
    text.resize(size > 0 ? std::min<std::size_t>(static_cast<std::size_t>(size), limits.max_bytes + 1) : limits.max_bytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_bytes) {
        diags.error(origin, "", "is larger than " + std::to_string(limits.max_bytes >> 20) +
                                    " MiB; a scenario is a few KB (put staff in a staff_list CSV)");
        return false;
    }
    bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) {
        diags.error(origin, "", "the file is empty; a scenario needs at least 'name' and 'start'");
        return false;
    }
    if (!parse(text, Loc{name, 1, 1}, out, diags, limits)) return false;
    if (out.is_null()) {
        diags.error(Loc{name, 1, 1}, "", "the file holds no values (only comments?); a scenario needs at least 'name' and 'start'");
        return false;
    }
    if (!out.is_map()) {
        diags.error(out.loc, "", std::string("the top level must be a mapping of keys (name: ..., start: ...), not ") +
                                     (out.is_seq() ? "a list" : "a single value"));
        return false;
    }
    return true;
}

namespace {

// The length of the character at s[i] when it must be escaped (a C0 or C1
// control character, DEL, U+2028, U+2029 or U+FEFF), with its code point; 0
// for any other character. Such characters are never written raw: they would
// reach a terminal that shows the file, or be read as a line break.
std::size_t escaped_at(const std::string& s, std::size_t i, unsigned& code) {
    const auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    const unsigned c = at(i);
    if (c < 0x20 || c == 0x7f) {
        code = c;
        return 1;
    }
    if (c == 0xC2 && at(i + 1) >= 0x80 && at(i + 1) <= 0x9F) {
        code = at(i + 1);
        return 2;
    }
    if (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9)) {
        code = 0x2000u | (at(i + 2) & 0x3Fu);
        return 3;
    }
    if (c == 0xEF && at(i + 1) == 0xBB && at(i + 2) == 0xBF) {
        code = 0xFEFF;
        return 3;
    }
    return 0;
}

// Whether a text written as a plain (unquoted) scalar would read back as
// something else: nothing (null), a shorter text (trimmed, cut at a comment),
// a flow collection, an indicator, or a parse error. Anything not plainly
// safe is quoted, so reading the emitted text gives back the same string.
bool needs_quotes(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return true;  // read as null
    if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return true;
    static const std::string lead = ":#{}[],&*!|>'\"%@`?";
    if (lead.find(s.front()) != std::string::npos) return true;
    if (s.front() == '-' && (s.size() == 1 || s[1] == ' ')) return true;
    if (s.rfind("---", 0) == 0 || s.rfind("...", 0) == 0) return true;  // document markers at a line's start
    unsigned code = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (escaped_at(s, i, code)) return true;  // tabs, line breaks and control characters
    // Flow collections are used for short leaves, so their delimiters must be
    // quoted (and a '?': yaml-cpp refuses one inside a plain scalar in a flow
    // collection, "unknown token").
    return s.find(": ") != std::string::npos || s.find(" #") != std::string::npos ||
           s.find_first_of(",[]{}?") != std::string::npos;
}

// A YAML double-quoted scalar: quotes and backslashes escaped, control
// characters and the Unicode line and byte-order marks written as \t, \n,
// \r, \xNN or \uNNNN, so the file holds no raw control character and every
// text reads back unchanged.
std::string quote(const std::string& s) {
    static const char* hex = "0123456789abcdef";
    std::string r = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned code = 0;
        const std::size_t len = escaped_at(s, i, code);
        if (code == '\n' && len == 1) r += "\\n";
        else if (code == '\t' && len == 1) r += "\\t";
        else if (code == '\r' && len == 1) r += "\\r";
        else if (len == 1) r += std::string("\\x") + hex[code >> 4] + hex[code & 15];
        else if (len > 1) {
            r += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) r += hex[(code >> shift) & 15];
        } else {
            if (s[i] == '"' || s[i] == '\\') r += '\\';
            r += s[i];
            continue;
        }
        i += len - 1;
    }
    return r + "\"";
}

std::string scalar_text(const Tree& t) {
    return (t.quoted || needs_quotes(t.scalar)) ? quote(t.scalar) : t.scalar;
}

bool is_flow_leafy(const Tree& t) {
    if (t.is_map()) {
        if (t.map.size() > 6) return false;
        for (const auto& kv : t.map)
            if (!kv.second.is_scalar() && !kv.second.is_null()) return false;
        return true;
    }
    if (t.is_seq()) {
        for (const auto& v : t.seq)
            if (!v.is_scalar()) return false;
        return true;
    }
    return true;
}

std::string flow(const Tree& t) {
    switch (t.type) {
        case Tree::Type::Null: return "~";
        case Tree::Type::Scalar: return scalar_text(t);
        case Tree::Type::Seq: {
            std::string s = "[";
            for (std::size_t i = 0; i < t.seq.size(); ++i) s += (i ? ", " : "") + flow(t.seq[i]);
            return s + "]";
        }
        case Tree::Type::Map: {
            std::string s = "{";
            for (std::size_t i = 0; i < t.map.size(); ++i)
                s += (i ? ", " : "") + (needs_quotes(t.map[i].first) ? quote(t.map[i].first) : t.map[i].first) + ": " + flow(t.map[i].second);
            return s + "}";
        }
    }
    return "~";
}

void emit(const Tree& t, int indent, std::string& out) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (t.is_map()) {
        for (const auto& kv : t.map) {
            out += pad + (needs_quotes(kv.first) ? quote(kv.first) : kv.first) + ":";
            const Tree& v = kv.second;
            if ((v.is_map() && !v.map.empty()) || (v.is_seq() && !v.seq.empty())) {
                if (is_flow_leafy(v)) {
                    out += " " + flow(v) + "\n";
                } else {
                    out += "\n";
                    emit(v, indent + 2, out);
                }
            } else {
                out += " " + flow(v) + "\n";
            }
        }
    } else if (t.is_seq()) {
        for (const auto& v : t.seq) {
            if (v.is_map() && !is_flow_leafy(v)) {
                std::string inner;
                emit(v, indent + 2, inner);
                // Replace the first indentation with "- ".
                out += pad + "- " + inner.substr(static_cast<std::size_t>(indent) + 2);
            } else {
                out += pad + "- " + flow(v) + "\n";
            }
        }
    } else {
        out += pad + flow(t) + "\n";
    }
}

}  // namespace

std::string emit_yaml(const Tree& tree) {
    std::string out;
    emit(tree, 0, out);
    return out;
}

}  // namespace wfsim::params
