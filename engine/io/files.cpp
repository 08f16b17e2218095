#include "files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace wfsim::io {

void write_file_atomic(const std::string& path, const std::string& content) {
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
    }
}

std::string json_escape(const std::string& s) {
    std::string r = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': r += "\\\""; break;
            case '\\': r += "\\\\"; break;
            case '\n': r += "\\n"; break;
            case '\r': r += "\\r"; break;
            case '\t': r += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    r += buf;
                } else {
                    r += static_cast<char>(c);
                }
        }
    }
    return r + "\"";
}

std::string spreadsheet_safe(const std::string& s) {
    if (s.empty() || std::string("=+-@\t\r").find(s.front()) == std::string::npos) return s;
    // A number ("-1.5", "+5", "-2e3") is a number to a spreadsheet too, and stays one.
    double v = 0;
    const char* begin = s.data() + (s.front() == '+' ? 1 : 0);
    const auto r = std::from_chars(begin, s.data() + s.size(), v);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size() && begin != s.data() + s.size()) return s;
    return "'" + s;
}

std::string csv_field(const std::string& text) {
    const std::string s = spreadsheet_safe(text);
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string r = "\"";
    for (char c : s) r += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return r + "\"";
}

std::string format_value(double v) {
    if (!std::isfinite(v)) v = 0;  // never reached by a valid run; keeps files parseable
    if (v == 0) return "0";        // also folds -0
    // As printf's "%.10g" (the standard defines to_chars's general format
    // with a precision that way), without printf's cost: output files hold
    // hundreds of thousands of numbers.
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 10);
    return std::string(buf, r.ptr);
}

}  // namespace wfsim::io
