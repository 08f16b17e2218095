#include "engine/io/csv.h"

#include <stdexcept>

namespace wfsim::io {

CsvReader::CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // Excel's "CSV UTF-8"
}

bool CsvReader::next(CsvRecord& record) {
    record.fields.clear();
    record.line = line_;
    if (pos_ >= text_.size()) return false;
    std::string field;
    bool quoted = false, in_field = false;
    while (pos_ < text_.size()) {
        const char c = text_[pos_++];
        if (quoted) {
            if (c == '"') {
                if (pos_ < text_.size() && text_[pos_] == '"') {
                    field += '"';
                    ++pos_;
                } else {
                    quoted = false;
                }
                continue;
            }
            if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
            field += c;
            continue;
        }
        if (c == '"' && !in_field) {
            quoted = in_field = true;
        } else if (c == ',') {
            record.fields.push_back(std::move(field));
            field.clear();
            in_field = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            ++line_;
            record.fields.push_back(std::move(field));
            return true;
        } else {
            field += c;
            in_field = true;
        }
    }
    if (quoted) throw std::invalid_argument("line " + std::to_string(record.line) + ": a quoted field is never closed");
    record.fields.push_back(std::move(field));
    return true;
}

std::string trimmed(std::string_view s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string_view::npos) return "";
    const auto b = s.find_last_not_of(" \t");
    return std::string(s.substr(a, b - a + 1));
}

}  // namespace wfsim::io
