#include "models/report/readers.h"
#include "models/report/text.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "engine/io/csv.h"
#include "engine/io/file_kind.h"

namespace wfsim::report {

namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{512} << 20;  // far above any run's output
constexpr int kMaxDepth = 200;

}  // namespace

std::string read_text_file(const std::string& path) {
    if (const std::string kind = io::not_a_regular_file(path); !kind.empty())
        throw std::runtime_error(path + " is " + kind + ", not a file wfsim wrote");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + " " + io::why_not_opened(path));
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) throw std::runtime_error("cannot read " + path);
    if (static_cast<std::size_t>(size) > kMaxFileBytes) throw std::runtime_error(path + " is too large to be a wfsim output");
    in.seekg(0);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(text.data(), size)) throw std::runtime_error("cannot read " + path);
    return text;
}

// ---- CSV ----

std::size_t CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    throw std::runtime_error(file + ": no column '" + name + "'");
}

bool CsvTable::has_column(const std::string& name) const {
    for (const auto& h : header)
        if (h == name) return true;
    return false;
}

double CsvTable::number(std::size_t row, std::size_t col) const {
    const std::string& s = rows.at(row).at(col);
    char* end = nullptr;
    const double v = s.empty() ? 0 : std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v))
        throw std::runtime_error(file + ": row " + std::to_string(row + 2) + ", column " + header.at(col) + ": '" + s +
                                 "' is not a number");
    return v;
}

CsvTable parse_csv(const std::string& text, const std::string& file) {
    CsvTable t;
    t.file = file;
    io::CsvReader reader(text);
    io::CsvRecord record;
    bool header = true;
    for (;;) {
        try {
            if (!reader.next(record)) break;
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(file + ": " + e.what());
        }
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // a blank line
        if (header) {
            t.header = std::move(record.fields);
            header = false;
            continue;
        }
        if (record.fields.size() != t.header.size())
            throw std::runtime_error(file + ":" + std::to_string(record.line) + ": the row has " +
                                     std::to_string(record.fields.size()) + " fields; the header has " +
                                     std::to_string(t.header.size()));
        t.rows.push_back(std::move(record.fields));
    }
    if (header) throw std::runtime_error(file + " is empty");
    return t;
}

CsvTable read_csv(const std::string& path) { return parse_csv(read_text_file(path), path); }

// ---- JSON ----

// The grammar is nlohmann-json's (Debian's nlohmann-json3-dev); this class
// only copies its tree into the report's own, small, read-only Json, so that
// the report's code does not depend on the library's types.
class JsonParser {
public:
    JsonParser(const std::string& text, const std::string& file) : s_(text), file_(file) {}

    Json document() {
        nlohmann::ordered_json j;
        try {
            // Depth is bounded while parsing, before a hostile file can build a deep tree.
            j = nlohmann::ordered_json::parse(s_, [this](int depth, nlohmann::ordered_json::parse_event_t, nlohmann::ordered_json&) {
                if (depth > kMaxDepth) throw std::runtime_error(file_ + ": nested too deeply (more than " +
                                                                std::to_string(kMaxDepth) + " levels)");
                return true;
            });
        } catch (const nlohmann::ordered_json::parse_error& e) {
            fail(e.byte == 0 ? 0 : e.byte - 1, plain(e.what()));
        }
        return copy(j);
    }

private:
    const std::string& s_;
    const std::string& file_;

    // "[json.exception.parse_error.101] parse error at line 1, column 7: syntax
    // error while parsing value - unexpected '}'" without the library's prefix
    // and its place (which fail() gives as file:line:column).
    static std::string plain(const std::string& what) {
        std::string w = what;
        if (const auto at = w.find(": "); at != std::string::npos && w.compare(0, 1, "[") == 0) w = w.substr(at + 2);
        return w;
    }

    [[noreturn]] void fail(std::size_t at, const std::string& what) const {
        std::size_t line = 1, col = 1;
        for (std::size_t k = 0; k < at && k < s_.size(); ++k) {
            if (s_[k] == '\n') ++line, col = 1;
            else ++col;
        }
        throw std::runtime_error(file_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
    }

    static Json copy(const nlohmann::ordered_json& j) {
        Json v;
        switch (j.type()) {
            case nlohmann::ordered_json::value_t::object:
                v.type_ = Json::Type::Object;
                for (auto it = j.begin(); it != j.end(); ++it) v.object_.emplace_back(it.key(), copy(it.value()));
                break;
            case nlohmann::ordered_json::value_t::array:
                v.type_ = Json::Type::Array;
                for (const auto& x : j) v.array_.push_back(copy(x));
                break;
            case nlohmann::ordered_json::value_t::string:
                v.type_ = Json::Type::String;
                v.string_ = j.get<std::string>();
                break;
            case nlohmann::ordered_json::value_t::boolean:
                v.type_ = Json::Type::Bool;
                v.bool_ = j.get<bool>();
                break;
            case nlohmann::ordered_json::value_t::number_integer:
            case nlohmann::ordered_json::value_t::number_unsigned:
            case nlohmann::ordered_json::value_t::number_float:
                v.type_ = Json::Type::Number;
                v.number_ = j.get<double>();
                break;
            default:
                break;  // null (and discarded values, which parse() does not keep)
        }
        return v;
    }
};

namespace {
[[noreturn]] void type_error(const char* wanted) { throw std::runtime_error(std::string("a JSON value is not of the expected kind: expected ") + wanted); }
}  // namespace

double Json::number() const {
    if (type_ != Type::Number) type_error("a number");
    return number_;
}
bool Json::boolean() const {
    if (type_ != Type::Bool) type_error("true or false");
    return bool_;
}
const std::string& Json::string() const {
    if (type_ != Type::String) type_error("a string");
    return string_;
}
const std::vector<Json>& Json::array() const {
    if (type_ != Type::Array) type_error("a list");
    return array_;
}
const std::vector<std::pair<std::string, Json>>& Json::object() const {
    if (type_ != Type::Object) type_error("an object");
    return object_;
}

const Json* Json::find(const std::string& key) const {
    if (type_ != Type::Object) return nullptr;
    for (const auto& [k, v] : object_)
        if (k == key) return &v;
    return nullptr;
}

const Json& Json::at(const std::string& key) const {
    const Json* v = find(key);
    if (!v) throw std::runtime_error("a JSON object has no \"" + key + "\"");
    return *v;
}

std::optional<double> Json::number_or_null(const std::string& key) const {
    const Json* v = find(key);
    if (!v || v->is_null()) return std::nullopt;
    return v->number();
}

std::string Json::string_or(const std::string& key, const std::string& fallback) const {
    const Json* v = find(key);
    if (!v || v->is_null()) return fallback;
    if (v->is_number()) {
        std::ostringstream ss;
        ss << v->number_;
        return ss.str();
    }
    return v->string();
}

Json Json::parse(const std::string& text, const std::string& file) { return JsonParser(text, file).document(); }

Json read_json(const std::string& path) { return Json::parse(read_text_file(path), path); }

}  // namespace wfsim::report
