#include "models/report/readers.h"
#include "models/report/text.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

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

class JsonParser {
public:
    JsonParser(const std::string& text, const std::string& file) : s_(text), file_(file) {}

    Json document() {
        Json v = value(0);
        skip_space();
        if (i_ != s_.size()) fail("unexpected text after the value");
        return v;
    }

private:
    const std::string& s_;
    const std::string& file_;
    std::size_t i_ = 0;

    [[noreturn]] void fail(const std::string& what) const {
        std::size_t line = 1, col = 1;
        for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
            if (s_[k] == '\n') ++line, col = 1;
            else ++col;
        }
        throw std::runtime_error(file_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
    }

    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }

    bool literal(const char* word) {
        const std::string w(word);
        if (s_.compare(i_, w.size(), w) != 0) return false;
        i_ += w.size();
        return true;
    }

    Json value(int depth) {
        if (depth > kMaxDepth) fail("nested too deeply");
        skip_space();
        if (i_ >= s_.size()) fail("unexpected end of file");
        Json v;
        const char c = s_[i_];
        if (c == '{') {
            v.type_ = Json::Type::Object;
            ++i_;
            skip_space();
            if (i_ < s_.size() && s_[i_] == '}') {
                ++i_;
                return v;
            }
            for (;;) {
                skip_space();
                if (i_ >= s_.size() || s_[i_] != '"') fail("expected a key in quotes");
                std::string key = string();
                skip_space();
                if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':'");
                ++i_;
                v.object_.emplace_back(std::move(key), value(depth + 1));
                skip_space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == '}') {
                    ++i_;
                    return v;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            v.type_ = Json::Type::Array;
            ++i_;
            skip_space();
            if (i_ < s_.size() && s_[i_] == ']') {
                ++i_;
                return v;
            }
            for (;;) {
                v.array_.push_back(value(depth + 1));
                skip_space();
                if (i_ < s_.size() && s_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ < s_.size() && s_[i_] == ']') {
                    ++i_;
                    return v;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.type_ = Json::Type::String;
            v.string_ = string();
            return v;
        }
        if (literal("null")) return v;
        if (literal("true")) {
            v.type_ = Json::Type::Bool;
            v.bool_ = true;
            return v;
        }
        if (literal("false")) {
            v.type_ = Json::Type::Bool;
            return v;
        }
        v.type_ = Json::Type::Number;
        v.number_ = number();
        return v;
    }

    double number() {
        const std::size_t start = i_;
        auto digits = [&] {
            const std::size_t from = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            return i_ > from;
        };
        if (i_ < s_.size() && s_[i_] == '-') ++i_;
        if (!digits()) fail("expected a value");
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            if (!digits()) fail("expected digits after '.'");
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (!digits()) fail("expected digits in the exponent");
        }
        const double v = std::strtod(s_.substr(start, i_ - start).c_str(), nullptr);
        if (!std::isfinite(v)) fail("number out of range");
        return v;
    }

    unsigned hex4() {
        if (i_ + 4 > s_.size()) fail("a \\u escape needs four hex digits");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
            else fail("a \\u escape needs four hex digits");
        }
        return v;
    }


    std::string string() {
        ++i_;  // the opening quote
        std::string out;
        for (;;) {
            if (i_ >= s_.size()) fail("a string is not closed");
            const char c = s_[i_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) fail("a control character inside a string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= s_.size()) fail("a string is not closed");
            const char e = s_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned long cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF && s_.compare(i_, 2, "\\u") == 0) {
                        i_ += 2;
                        const unsigned low = hex4();
                        if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        else cp = 0xFFFD;
                    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                        cp = 0xFFFD;
                    }
                    append_utf8(out, static_cast<long>(cp));
                    break;
                }
                default: fail(std::string("unknown escape \\") + e);
            }
        }
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
