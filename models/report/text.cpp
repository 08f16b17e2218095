#include "models/report/text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace wfsim::report {

namespace {

const char* const kMinus = "\xE2\x88\x92";  // U+2212, the minus sign

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i,
// or returns -1 (and advances one byte) for an invalid sequence.
long decode_utf8(const std::string& s, std::size_t& i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return s[i++] ? static_cast<long>(c) : (++i, 0L);
    int len = 0;
    long cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
    else {
        ++i;
        return -1;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return -1;
    }
    for (int k = 1; k < len; ++k) {
        const unsigned char cc = b(i + static_cast<std::size_t>(k));
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return -1;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return -1;
    }
    i += static_cast<std::size_t>(len);
    return cp;
}


std::string trim_zeros(std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}


std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// "1234.5" with separators in the whole part.
std::string with_separators(const std::string& unsigned_number) {
    const auto dot = unsigned_number.find('.');
    if (dot == std::string::npos) return group_thousands(unsigned_number);
    return group_thousands(unsigned_number.substr(0, dot)) + unsigned_number.substr(dot);
}

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

}  // namespace

void append_utf8(std::string& out, long cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decimals needed to show multiples of `step` exactly (0 to 4).
int decimals_for(double step) {
    step = std::fabs(step);
    for (int d = 0; d < 4; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
    }
    return 4;
}

std::string clean_text(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const long cp = decode_utf8(s, i);
        if (cp < 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            out += static_cast<char>(cp);
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) {
            continue;  // control characters are dropped
        } else {
            append_utf8(out, cp);
        }
    }
    return out;
}

std::string html(const std::string& s) {
    const std::string clean = clean_text(s);
    std::string out;
    out.reserve(clean.size() + 16);
    for (char c : clean) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string money(double v) {
    if (!std::isfinite(v)) return "n/a";
    const std::string sign = v < 0 && std::round(std::fabs(v)) > 0 ? kMinus : "";
    const double a = std::fabs(v);
    if (std::round(a) >= 1e6) return sign + "\xC2\xA3" + fixed(a / 1e6, 2) + "m";
    return sign + "\xC2\xA3" + group_thousands(fixed(std::round(a), 0));
}

std::string signed_money(double v) { return (v > 0 && std::round(v) > 0 ? "+" : "") + money(v); }

std::string money_tick(double v, double step) {
    if (std::fabs(v) < 1e-9 * std::max(1.0, std::fabs(step))) return "\xC2\xA3" "0";
    const std::string sign = v < 0 ? kMinus : "";
    const double a = std::fabs(v);
    step = std::fabs(step);
    if (step >= 1e5 || a >= 1e7) return sign + "\xC2\xA3" + fixed(a / 1e6, decimals_for(step / 1e6)) + "m";
    if (step >= 1e3) return sign + "\xC2\xA3" + with_separators(fixed(a / 1e3, decimals_for(step / 1e3))) + "k";
    return sign + "\xC2\xA3" + with_separators(fixed(a, decimals_for(step)));
}

std::string thousands(double v) {
    if (!std::isfinite(v)) return "n/a";
    const double r = std::round(v);
    return (r < 0 ? kMinus : "") + group_thousands(fixed(std::fabs(r), 0));
}

std::string number(double v, int decimals) {
    if (!std::isfinite(v)) return "n/a";
    std::string s = trim_zeros(fixed(std::fabs(v), decimals));
    const bool negative = v < 0 && s != "0";
    return (negative ? kMinus : "") + with_separators(s);
}

std::string percent(double share, int decimals) { return number(share * 100.0, decimals) + "%"; }

std::optional<long> iso_to_days(const std::string& iso) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (iso[4] != '-' || iso[7] != '-' || m < 1 || m > 12 || d < 1) return std::nullopt;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
    // Howard Hinnant's days_from_civil.
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string days_to_iso(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    return buf;
}

std::string long_date(const std::string& iso) {
    if (!iso_to_days(iso)) return iso;
    const int m = std::atoi(iso.substr(5, 2).c_str());
    return std::to_string(std::atoi(iso.substr(8, 2).c_str())) + " " + kMonths[m - 1] + " " + iso.substr(0, 4);
}

std::string month_year(const std::string& iso) {
    if (!iso_to_days(iso)) return iso;
    const int m = std::atoi(iso.substr(5, 2).c_str());
    return std::string(kMonths[m - 1]).substr(0, 3) + " " + iso.substr(0, 4);
}

std::optional<double> parse_number(const std::string& text) {
    std::string s;
    for (char c : text)
        if (c != ',' && c != '_' && c != ' ') s += c;
    if (s.rfind("\xC2\xA3", 0) == 0) s = s.substr(2);
    bool pct = false;
    if (!s.empty() && s.back() == '%') {
        pct = true;
        s.pop_back();
    }
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return pct ? v / 100.0 : v;
}

}  // namespace wfsim::report
