// Small readers for the files a run leaves: CSV (io::CsvReader, RFC 4180
// quoting) and JSON (parsed by nlohmann-json, objects keeping their key order).
// Both throw std::runtime_error naming the file and the place of a mistake.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfsim::report {

struct CsvTable {
    std::string file;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // every row has header.size() fields

    // The index of a column; throws when the file lacks it.
    std::size_t column(const std::string& name) const;
    bool has_column(const std::string& name) const;
    // The field as a number; throws naming the file, row and column when it is not one.
    double number(std::size_t row, std::size_t col) const;
};

CsvTable parse_csv(const std::string& text, const std::string& file);
CsvTable read_csv(const std::string& path);

class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::Null; }
    bool is_number() const { return type_ == Type::Number; }
    bool is_string() const { return type_ == Type::String; }
    bool is_array() const { return type_ == Type::Array; }
    bool is_object() const { return type_ == Type::Object; }

    // Typed access; throws std::runtime_error when the type differs.
    double number() const;
    bool boolean() const;
    const std::string& string() const;
    const std::vector<Json>& array() const;
    const std::vector<std::pair<std::string, Json>>& object() const;

    // Member of an object (nullptr when absent or not an object).
    const Json* find(const std::string& key) const;
    // Member that must be there; throws naming the key.
    const Json& at(const std::string& key) const;
    // Conveniences for optional members.
    std::optional<double> number_or_null(const std::string& key) const;
    std::string string_or(const std::string& key, const std::string& fallback) const;

    static Json parse(const std::string& text, const std::string& file);

private:
    friend class JsonParser;
    Type type_ = Type::Null;
    bool bool_ = false;
    double number_ = 0;
    std::string string_;
    std::vector<Json> array_;
    std::vector<std::pair<std::string, Json>> object_;
};

Json read_json(const std::string& path);

std::string read_text_file(const std::string& path);  // throws when it cannot be read

}  // namespace wfsim::report
