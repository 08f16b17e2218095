// One reader for every CSV wfsim reads (staff lists, observed series, its own
// outputs), so that a file saved from Excel reads the same everywhere: a UTF-8
// byte-order mark is dropped, records end at \n, \r\n or a lone \r (old Mac
// exports), and a field in double quotes may hold commas, line breaks and
// doubled quotes (RFC 4180). A quote inside an unquoted field is kept as it
// is, as spreadsheets read it.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wfsim::io {

struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;  // the line the record starts on, from 1
    bool blank() const { return fields.empty() || (fields.size() == 1 && fields[0].find_first_not_of(" \t") == std::string::npos); }
};

class CsvReader {
public:
    explicit CsvReader(std::string_view text);
    // The next record, blank lines included (callers skip them with
    // blank()); false at the end of the text. Throws std::invalid_argument
    // "line N: a quoted field is never closed" when a quote is left open.
    bool next(CsvRecord& record);

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

// Spaces and tabs off both ends.
std::string trimmed(std::string_view s);

}  // namespace wfsim::io
