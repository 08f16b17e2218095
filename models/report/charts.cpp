#include "models/report/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <sstream>

#include "models/report/text.h"

namespace wfsim::report {

namespace {

constexpr const char* kTargetColour = "#b2182b";
constexpr const char* kEventColour = "#6b6b6b";
constexpr const char* kBudgetColour = "#d95f02";
constexpr const char* kFont = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

std::string f1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}


struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool empty() const { return lo > hi; }
};

// The y domain: the data, widened to round ticks; 0 included when asked or near.
std::vector<double> y_ticks(Range r, bool include_zero, double& y0, double& y1, double& step) {
    if (r.empty()) r.lo = 0, r.hi = 1;
    if (include_zero || (r.lo >= 0 && r.lo < 0.35 * r.hi)) r.lo = std::min(r.lo, 0.0), r.hi = std::max(r.hi, 0.0);
    if (r.hi - r.lo < 1e-12) {
        const double pad = std::fabs(r.hi) > 0 ? std::fabs(r.hi) * 0.1 : 1.0;
        r.lo -= (r.lo == 0 ? 0 : pad);
        r.hi += pad;
    }
    auto ticks = nice_ticks(r.lo, r.hi, 5, step);
    y0 = ticks.front();
    y1 = ticks.back();
    return ticks;
}

std::string value_text(const std::string& metric, double v) {
    if (metric == "probability") return percent(v, 0);
    return format_metric_value(metric, v);
}

struct Plot {
    double w = 640, h = 300, ml = 64, mr = 18, mt = 14, mb = 46;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    double pw() const { return w - ml - mr; }
    double ph() const { return h - mt - mb; }
    double X(double x) const { return ml + (x - x0) / (x1 - x0) * pw(); }
    double Y(double y) const { return mt + ph() - (y - y0) / (y1 - y0) * ph(); }
};

void svg_open(std::ostringstream& o, const Plot& p, const std::string& title) {
    o << "<svg class=\"plot\" viewBox=\"0 0 " << f1(p.w) << " " << f1(p.h) << "\" role=\"img\" aria-label=\"" << html(title)
      << "\" " << kFont << " font-size=\"11\">\n<title>" << html(title) << "</title>\n";
}

void y_axis(std::ostringstream& o, const Plot& p, const std::vector<double>& ticks, double step, const std::string& metric,
            const std::string& label) {
    o << "<g class=\"y-axis\">\n";
    for (double t : ticks) {
        const double y = p.Y(t);
        o << "<line x1=\"" << f1(p.ml) << "\" x2=\"" << f1(p.w - p.mr) << "\" y1=\"" << f1(y) << "\" y2=\"" << f1(y)
          << "\" stroke=\"" << (std::fabs(t) < step * 1e-9 ? "#777" : "#e3e3e3") << "\" stroke-width=\"1\"/>\n";
        o << "<text x=\"" << f1(p.ml - 6) << "\" y=\"" << f1(y + 4) << "\" text-anchor=\"end\" fill=\"#333\">"
          << html(tick_label(metric, t, step)) << "</text>\n";
    }
    (void)label;  // the axis title is HTML above the chart (axis_title), laid out by the browser
    o << "</g>\n";
}

// The y axis's title, above the chart in HTML so that it wraps rather than being cut.
std::string axis_title(const std::string& label) {
    return label.empty() ? std::string() : "<p class=\"axis-title\">" + html(label) + "</p>\n";
}

std::string legend_swatch(const std::string& colour, const std::string& text, const std::string& kind = "box",
                          double opacity = 1) {
    if (text.empty()) return "";
    std::ostringstream o;
    o << "<span class=\"key\"><span class=\"swatch " << kind << "\" style=\"";
    if (kind == "box") o << "background:" << colour << ";opacity:" << opacity;
    else o << "border-color:" << colour;
    o << "\"></span>" << html(text) << "</span>";
    return o.str();
}

std::string figure_open(const std::string& id, const std::string& kind, const std::string& metric, const std::string& title) {
    std::ostringstream o;
    o << "<figure class=\"chart\" id=\"" << html(id) << "\" data-chart=\"" << html(kind) << "\"";
    if (!metric.empty()) o << " data-metric=\"" << html(metric) << "\"";
    o << ">\n<figcaption>" << html(title) << "</figcaption>\n";
    return o.str();
}


// Advance widths of DejaVu Sans and DejaVu Sans Bold (the first font of the
// page's stack, shipped by Debian as fonts-dejavu-core), in ems, for the
// printable ASCII characters 32..126; other characters are taken as 1 em.
constexpr double kSansWidths[95] = {
    0.3179, 0.4009, 0.46,   0.8379, 0.6362, 0.9502, 0.7798, 0.2749, 0.3901, 0.3901, 0.5,    0.8379, 0.3179, 0.3608,
    0.3179, 0.3369, 0.6362, 0.6362, 0.6362, 0.6362, 0.6362, 0.6362, 0.6362, 0.6362, 0.6362, 0.6362, 0.3369, 0.3369,
    0.8379, 0.8379, 0.8379, 0.5308, 1.0,    0.6841, 0.686,  0.6982, 0.77,   0.6318, 0.5752, 0.7749, 0.752,  0.2949,
    0.2949, 0.6558, 0.5571, 0.8628, 0.748,  0.7871, 0.603,  0.7871, 0.6948, 0.6348, 0.6108, 0.7319, 0.6841, 0.9888,
    0.6851, 0.6108, 0.6851, 0.3901, 0.3369, 0.3901, 0.8379, 0.5,    0.5,    0.6128, 0.6348, 0.5498, 0.6348, 0.6152,
    0.3521, 0.6348, 0.6338, 0.2778, 0.2778, 0.5791, 0.2778, 0.9741, 0.6338, 0.6118, 0.6348, 0.6348, 0.4111, 0.521,
    0.3921, 0.6338, 0.5918, 0.8179, 0.5918, 0.5918, 0.5249, 0.6362, 0.3369, 0.6362, 0.8379};
constexpr double kBoldWidths[95] = {
    0.3481, 0.4561, 0.521,  0.8379, 0.6958, 1.002,  0.8721, 0.3062, 0.457,  0.457,  0.5229, 0.8379, 0.3799, 0.415,
    0.3799, 0.3652, 0.6958, 0.6958, 0.6958, 0.6958, 0.6958, 0.6958, 0.6958, 0.6958, 0.6958, 0.6958, 0.3999, 0.3999,
    0.8379, 0.8379, 0.8379, 0.5801, 1.0,    0.7739, 0.7622, 0.7339, 0.8301, 0.6831, 0.6831, 0.8208, 0.8369, 0.3721,
    0.3721, 0.7749, 0.6372, 0.9951, 0.8369, 0.8501, 0.7329, 0.8501, 0.77,   0.7202, 0.6821, 0.812,  0.7739, 1.103,
    0.771,  0.7241, 0.7251, 0.457,  0.3652, 0.457,  0.8379, 0.5,    0.5,    0.6748, 0.7158, 0.5928, 0.7158, 0.6782,
    0.4351, 0.7158, 0.7119, 0.3428, 0.3428, 0.665,  0.3428, 1.042,  0.7119, 0.687,  0.7158, 0.7158, 0.4932, 0.5952,
    0.478,  0.7119, 0.6519, 0.9238, 0.645,  0.6519, 0.582,  0.7119, 0.3652, 0.7119, 0.8379};

// A box in the SVG's coordinates.
struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const Box& b) const { return x0 < b.x1 && b.x0 < x1 && y0 < b.y1 && b.y0 < y1; }
    bool inside(const Box& b) const { return x0 >= b.x0 && x1 <= b.x1 && y0 >= b.y0 && y1 <= b.y1; }
};

// The box of a text of font size `size` whose baseline starts (anchor) at x, y:
// DejaVu Sans's ascent is 0.93 em and its descent 0.24 em (as browsers box a text); one pixel more each way.
Box text_box(double x, double y, const std::string& anchor, const std::string& text, double size, bool bold = false) {
    const double w = text_width(text, size, bold);
    const double left = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x;
    return {left - 1, y - 0.93 * size - 1, left + w + 1, y + 0.24 * size + 1};
}

// Boxes already taken on a chart; a label goes to the first free place offered.
struct Placer {
    std::vector<Box> taken;
    Box area;  // labels stay inside it
    bool free(const Box& b) const {
        if (!b.inside(area)) return false;
        for (const auto& t : taken)
            if (t.overlaps(b)) return false;
        return true;
    }
};

std::string rgb(double t, bool& dark) {
    t = std::clamp(t, 0.0, 1.0);
    // From a very light blue to a deep blue.
    const double a[3] = {247, 251, 255}, b[3] = {8, 48, 107};
    char buf[16];
    int c[3];
    for (int i = 0; i < 3; ++i) c[i] = static_cast<int>(std::lround(a[i] + (b[i] - a[i]) * t));
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
    // White text on a fill darker than relative luminance 0.179, black on a
    // lighter one: either way at least 4.5:1 (WCAG 2.2 AA for small text).
    double lum = 0;
    const double weight[3] = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; ++i) {
        const double v = c[i] / 255.0;
        lum += weight[i] * (v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4));
    }
    dark = lum < 0.179;
    return buf;
}

}  // namespace

double text_width(const std::string& text, double size, bool bold) {
    double em = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 32 && c < 127) em += (bold ? kBoldWidths : kSansWidths)[c - 32];
        else if (c >= 0xC0 || c < 32) em += 1.0;  // the first byte of a character beyond ASCII (continuations add nothing)
    }
    return em * size * 1.1;  // a 10% margin
}

TimeAxis time_axis(const std::string& start_iso, const std::vector<std::string>& month_end_dates) {
    TimeAxis t;
    for (const auto& d : month_end_dates) t.month_end.push_back(iso_to_days(d).value_or(0));
    const auto start = iso_to_days(start_iso);
    if (start) {
        t.start_day = *start;
    } else if (!t.month_end.empty()) {
        // Without a start date, the first month is taken to begin on its first day.
        const std::string first = days_to_iso(t.month_end.front());
        t.start_day = iso_to_days(first.substr(0, 8) + "01").value_or(t.month_end.front());
    }
    return t;
}

std::vector<double> nice_ticks(double lo, double hi, int count, double& step) {
    if (!(hi > lo)) hi = lo + 1;
    const double raw = (hi - lo) / std::max(1, count);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / mag;
    step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
    const double first = std::floor(lo / step + 1e-9) * step;
    const double last = std::ceil(hi / step - 1e-9) * step;
    std::vector<double> ticks;
    for (double t = first; t <= last + step * 0.5 && ticks.size() < 50; t += step)
        ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    if (ticks.size() < 2) ticks.push_back(first + step);
    return ticks;
}

std::string tick_label(const std::string& metric, double v, double step) {
    if (metric == "probability") return number(v * 100, std::max(0, decimals_for(step * 100))) + "%";
    switch (unit_of(metric)) {
        case Unit::Money: return money_tick(v, step);
        case Unit::Share: return number(v * 100, decimals_for(step * 100)) + "%";
        default: return number(v, decimals_for(step));
    }
}

TimeChart fan_chart(const std::string& id, const std::string& metric, const TimeAxis& time, const std::vector<Stats>& s) {
    TimeChart c;
    c.id = id;
    c.metric = metric;
    c.title = metric_label(metric);
    c.y_label = metric_label(metric) + " (" + unit_label(metric) + ")";
    if (c.y_label.size() > 40) c.y_label = unit_label(metric);  // the title names the measure
    c.time = time;
    c.kind = "fan";
    Band outer, inner;
    Line median;
    for (const auto& st : s) {
        outer.low.push_back(st.p05);
        outer.high.push_back(st.p95);
        inner.low.push_back(st.p25);
        inner.high.push_back(st.p75);
        median.y.push_back(st.p50);
    }
    outer.colour = "#c6dbef";
    outer.legend = "90% of replications (5th to 95th percentile)";
    inner.colour = "#6baed6";
    inner.legend = "50% of replications (25th to 75th)";
    median.colour = "#08306b";
    median.legend = "median";
    median.width = 2.2;
    c.bands = {outer, inner};
    c.lines = {median};
    return c;
}

// The left margin that holds the widest tick label.
double left_margin(const std::vector<double>& ticks, double step, const std::string& metric) {
    double widest = 0;
    for (double t : ticks) widest = std::max(widest, text_width(tick_label(metric, t, step), 11));
    return std::max(40.0, std::ceil(widest) + 12);
}

// A target's label ("T2 30%") next to its diamond at (x, y): the first place,
// nearest first, that leaves every label and marker already drawn clear and
// stays inside the plot. Returns the text's x, y and anchor.
struct Placed {
    double x = 0, y = 0;
    std::string anchor = "start";
};
Placed place_label(Placer& placer, double x, double y, const std::string& text, bool prefer_left) {
    std::vector<Placed> tries;
    for (int k = 0; k < 12; ++k) {
        const double up = y - 9 - 14 * k, down = y + 17 + 14 * k;
        for (double yy : {up, down}) {
            const Placed right{x + 10, yy, "start"}, left{x - 10, yy, "end"};
            if (prefer_left) tries.push_back(left), tries.push_back(right);
            else tries.push_back(right), tries.push_back(left);
        }
    }
    for (const auto& t : tries) {
        const Box b = text_box(t.x, t.y, t.anchor, text, 11, true);
        if (placer.free(b)) {
            placer.taken.push_back(b);
            return t;
        }
    }
    // Nowhere free: the first place inside the plot, however crowded.
    for (const auto& t : tries) {
        const Box b = text_box(t.x, t.y, t.anchor, text, 11, true);
        if (b.inside(placer.area)) {
            placer.taken.push_back(b);
            return t;
        }
    }
    return tries.front();
}

// The figures of a chart as a table, in a <details> under it: the chart's
// text alternative for a screen reader and for anyone who wants the numbers.
std::string figures_table(const std::string& caption, const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows) {
    std::ostringstream o;
    o << "<details class=\"figures\"><summary>The figures as a table</summary>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" << html(caption) << " as a table\"><table class=\"data compact\">"
         "<caption>" << html(caption) << "</caption><thead><tr>";
    for (std::size_t i = 0; i < header.size(); ++i) o << "<th scope=\"col\"" << (i ? " class=\"num\"" : "") << ">" << html(header[i]) << "</th>";
    o << "</tr></thead><tbody>\n";
    for (const auto& row : rows) {
        o << "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            o << (i ? "<td class=\"num\">" : "<th scope=\"row\">") << html(row[i]) << (i ? "</td>" : "</th>");
        o << "</tr>\n";
    }
    o << "</tbody></table></div></details>\n";
    return o.str();
}

std::string time_chart_html(const TimeChart& c) {
    Plot p;
    const auto& days = c.time.month_end;
    p.x0 = static_cast<double>(c.time.start_day);
    p.x1 = days.empty() ? p.x0 + 1 : std::max(p.x0 + 1, static_cast<double>(days.back()));
    Range r;
    for (const auto& b : c.bands)
        for (std::size_t i = 0; i < b.low.size(); ++i) r.add(b.low[i]), r.add(b.high[i]);
    for (const auto& l : c.lines)
        for (double v : l.y) r.add(v);
    for (const auto& t : c.targets) r.add(t.value);
    double step = 1;
    const auto ticks = y_ticks(r, c.include_zero, p.y0, p.y1, step);
    p.ml = left_margin(ticks, step, c.metric);

    // Dated changes: numbered circles in a strip above the plot, a row lower
    // wherever a circle would touch one already placed.
    struct EventAt {
        const EventMarker* e;
        double x;
        int row;
    };
    std::vector<EventAt> event_rows;
    int rows = 0;
    {
        const double x_of = p.pw() / (p.x1 - p.x0);
        for (const auto& e : c.events) {
            if (e.day < p.x0 || e.day > p.x1) continue;
            const double x = p.ml + (static_cast<double>(e.day) - p.x0) * x_of;
            int row = 0;
            for (bool clash = true; clash && row < 50;) {
                clash = false;
                for (const auto& a : event_rows)
                    if (a.row == row && std::fabs(a.x - x) < 18) clash = true;
                if (clash) ++row;
            }
            event_rows.push_back({&e, x, row});
            rows = std::max(rows, row + 1);
        }
    }
    p.mt = 14 + 18.0 * rows;
    p.h = 300 + 18.0 * rows;

    std::ostringstream o;
    o << figure_open(c.id, c.kind, c.metric, c.title) << axis_title(c.y_label);
    svg_open(o, p, c.title + ", " + c.y_label);
    y_axis(o, p, ticks, step, c.metric, c.y_label);

    // The time axis: ticks on the first day of months, every 1, 2, 3, 6, 12... months.
    {
        const double span_months = (p.x1 - p.x0) / 30.4375;
        int every = 1;
        for (int k : {1, 2, 3, 6, 12, 24, 60, 120}) {
            every = k;
            if (span_months / k <= 7.5) break;
        }
        o << "<g class=\"x-axis\">\n<line x1=\"" << f1(p.ml) << "\" x2=\"" << f1(p.w - p.mr) << "\" y1=\"" << f1(p.mt + p.ph())
          << "\" y2=\"" << f1(p.mt + p.ph()) << "\" stroke=\"#555\"/>\n";
        std::string first = days_to_iso(static_cast<long>(p.x0));
        int year = std::atoi(first.substr(0, 4).c_str()), month = std::atoi(first.substr(5, 2).c_str());
        double last_right = -1e9;
        for (int guard = 0; guard < 100000; ++guard) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-01", year, month);
            const auto day = iso_to_days(buf);
            if (!day || *day > p.x1) break;
            const int index = year * 12 + (month - 1);
            if (*day >= p.x0 && index % every == 0) {
                const double x = p.X(static_cast<double>(*day));
                const std::string label = month_year(buf);
                const Box b = text_box(x, p.mt + p.ph() + 17, "middle", label, 11);
                o << "<line x1=\"" << f1(x) << "\" x2=\"" << f1(x) << "\" y1=\"" << f1(p.mt + p.ph()) << "\" y2=\""
                  << f1(p.mt + p.ph() + 5) << "\" stroke=\"#555\"/>\n";
                // A label that would leave the chart or touch the last one is left out (its tick stays).
                if (b.x0 >= 0 && b.x1 <= p.w && b.x0 > last_right + 4) {
                    o << "<text x=\"" << f1(x) << "\" y=\"" << f1(p.mt + p.ph() + 17) << "\" text-anchor=\"middle\" fill=\"#333\">"
                      << html(label) << "</text>\n";
                    last_right = b.x1;
                }
            }
            if (++month > 12) month = 1, ++year;
        }
        o << "<text x=\"" << f1(p.ml + p.pw() / 2) << "\" y=\"" << f1(p.h - 6)
          << "\" text-anchor=\"middle\" fill=\"#222\">Date (each point is a month&#8217;s last day)</text>\n</g>\n";
    }

    auto px = [&](std::size_t i) { return p.X(static_cast<double>(days[i])); };
    for (const auto& b : c.bands) {
        const std::size_t n = std::min({b.low.size(), b.high.size(), days.size()});
        if (n == 0) continue;
        o << "<polygon class=\"band\" fill=\"" << b.colour << "\" fill-opacity=\"" << b.opacity << "\" stroke=\"none\" points=\"";
        // A month without a value (a flow at month 0, the start date) is left out.
        auto drawn = [&](std::size_t i) { return std::isfinite(b.low[i]) && std::isfinite(b.high[i]); };
        for (std::size_t i = 0; i < n; ++i)
            if (drawn(i)) o << f1(px(i)) << "," << f1(p.Y(b.low[i])) << " ";
        for (std::size_t i = n; i-- > 0;)
            if (drawn(i)) o << f1(px(i)) << "," << f1(p.Y(b.high[i])) << " ";
        o << "\"/>\n";
    }
    for (const auto& l : c.lines) {
        const std::size_t n = std::min(l.y.size(), days.size());
        if (n == 0) continue;
        o << "<polyline class=\"line\" fill=\"none\" stroke=\"" << l.colour << "\" stroke-width=\"" << l.width << "\""
          << (l.dashed ? " stroke-dasharray=\"6 4\"" : "") << " stroke-linejoin=\"round\" points=\"";
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(l.y[i])) o << f1(px(i)) << "," << f1(p.Y(l.y[i])) << " ";
        o << "\"/>\n";
    }
    Placer placer;
    placer.area = {p.ml + 1, p.mt + 1, p.w - p.mr - 1, p.mt + p.ph() - 1};
    for (const auto& a : event_rows) {
        const double y = 11 + 18.0 * a.row;
        o << "<g class=\"event-marker\" data-event=\"" << a.e->number << "\"><title>"
          << html(std::to_string(a.e->number) + ": " + a.e->text) << "</title><line x1=\"" << f1(a.x) << "\" x2=\"" << f1(a.x)
          << "\" y1=\"" << f1(y + 7.5) << "\" y2=\"" << f1(p.mt + p.ph()) << "\" stroke=\"" << kEventColour
          << "\" stroke-dasharray=\"2 3\"/><circle cx=\"" << f1(a.x) << "\" cy=\"" << f1(y) << "\" r=\"7.5\" fill=\"#fff\" stroke=\""
          << kEventColour << "\"/><text x=\"" << f1(a.x) << "\" y=\"" << f1(y + 3.8)
          << "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">" << a.e->number << "</text></g>\n";
    }
    if (c.mark_day && *c.mark_day >= p.x0 && *c.mark_day <= p.x1) {
        const double x = p.X(static_cast<double>(*c.mark_day));
        const bool right = x + 4 + text_width(c.mark_text, 11, true) < p.w - p.mr;
        const double tx = right ? x + 4 : x - 4;
        placer.taken.push_back(text_box(tx, p.mt + p.ph() - 6, right ? "start" : "end", c.mark_text, 11, true));
        o << "<g class=\"mark\"><line x1=\"" << f1(x) << "\" x2=\"" << f1(x) << "\" y1=\"" << f1(p.mt) << "\" y2=\""
          << f1(p.mt + p.ph()) << "\" stroke=\"#1b7837\" stroke-width=\"2\"/><text x=\"" << f1(tx) << "\" y=\""
          << f1(p.mt + p.ph() - 6) << "\" text-anchor=\"" << (right ? "start" : "end") << "\" fill=\"#1b7837\" font-weight=\"bold\">"
          << html(c.mark_text) << "</text></g>\n";
    }
    // The diamonds first, so that no label covers one.
    for (const auto& t : c.targets) {
        const double x = p.X(static_cast<double>(std::clamp<double>(static_cast<double>(t.day), p.x0, p.x1)));
        placer.taken.push_back({x - 8, p.Y(t.value) - 8, x + 8, p.Y(t.value) + 8});
    }
    for (const auto& t : c.targets) {
        const double x = p.X(static_cast<double>(std::clamp<double>(static_cast<double>(t.day), p.x0, p.x1)));
        const double y = p.Y(t.value);
        const std::string label = t.label + " " + value_text(c.metric, t.value);
        const Placed at = place_label(placer, x, y, label, x > p.ml + p.pw() * 0.8);
        o << "<g class=\"target-marker\" data-target=\"" << html(t.label) << "\"><title>" << html(t.label + ": " + t.text)
          << "</title><line x1=\"" << f1(p.ml) << "\" x2=\"" << f1(p.w - p.mr) << "\" y1=\"" << f1(y) << "\" y2=\"" << f1(y)
          << "\" stroke=\"#fff\" stroke-width=\"3\" stroke-opacity=\"0.8\"/><line x1=\"" << f1(p.ml) << "\" x2=\""
          << f1(p.w - p.mr) << "\" y1=\"" << f1(y) << "\" y2=\"" << f1(y)
          << "\" stroke=\"" << kTargetColour << "\" stroke-dasharray=\"6 4\" stroke-width=\"1.4\"/><line x1=\"" << f1(x)
          << "\" x2=\"" << f1(x) << "\" y1=\"" << f1(p.mt) << "\" y2=\"" << f1(p.mt + p.ph()) << "\" stroke=\"" << kTargetColour
          << "\" stroke-opacity=\"0.55\" stroke-dasharray=\"3 3\"/><path d=\"M" << f1(x) << " " << f1(y - 7) << " L" << f1(x + 7)
          << " " << f1(y) << " L" << f1(x) << " " << f1(y + 7) << " L" << f1(x - 7) << " " << f1(y) << " Z\" fill=\""
          << kTargetColour << "\" stroke=\"#fff\"/><text x=\"" << f1(at.x) << "\" y=\"" << f1(at.y) << "\" text-anchor=\""
          << at.anchor << "\" fill=\"" << kTargetColour
          << "\" font-weight=\"bold\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">" << html(label) << "</text></g>\n";
    }
    o << "</svg>\n<div class=\"legend\">";
    for (auto it = c.bands.begin(); it != c.bands.end(); ++it) o << legend_swatch(it->colour, it->legend, "box", it->opacity);
    for (const auto& l : c.lines) o << legend_swatch(l.colour, l.legend, l.dashed ? "dashed" : "line");
    for (const auto& k : c.keys) o << legend_swatch(k.colour, k.legend, k.kind, k.opacity);
    if (!c.targets.empty()) o << legend_swatch(kTargetColour, "target: its value, and where it is judged", "dashed");
    if (!c.events.empty()) o << legend_swatch(kEventColour, c.events_legend, "dotted");
    o << "</div>\n";
    if (!c.note.empty()) o << "<p class=\"note\">" << html(c.note) << "</p>\n";
    {
        std::vector<std::string> header = {"Month ending"};
        for (const auto& b : c.bands) header.push_back(b.legend.empty() ? "interval" : b.legend);
        for (const auto& l : c.lines) header.push_back(l.legend);
        std::vector<std::vector<std::string>> rows;
        for (std::size_t m = 0; m < days.size(); ++m) {
            std::vector<std::string> row = {m == 0 && days[m] == c.time.start_day ? "start, " + days_to_iso(days[m])
                                                                                    : days_to_iso(days[m])};
            bool any = false;
            auto cell = [&](const std::vector<double>& v) {
                if (m >= v.size() || !std::isfinite(v[m])) return std::string("-");
                any = true;
                return value_text(c.metric, v[m]);
            };
            for (const auto& b : c.bands) {
                const std::string lo = cell(b.low), hi = cell(b.high);
                row.push_back(lo == "-" ? lo : lo + " to " + hi);
            }
            for (const auto& l : c.lines) row.push_back(cell(l.y));
            if (any) rows.push_back(row);
        }
        o << figures_table(c.title + " (" + c.y_label + ")", header, rows);
    }
    o << "</figure>\n";
    return o.str();
}

std::string bar_chart_html(const BarChart& c) {
    Plot p;
    p.mb = 58;
    const std::size_t n = c.categories.size();
    p.x0 = 0;
    p.x1 = std::max<double>(1, static_cast<double>(n));
    Range r;
    for (const auto& s : c.series) {
        for (double v : s.value) r.add(v);
        for (double v : s.low) r.add(v);
        for (double v : s.high) r.add(v);
    }
    for (const auto& b : c.budget)
        if (b) r.add(*b);
    for (const auto& t : c.targets) r.add(t.value);
    double step = 1;
    const auto ticks = y_ticks(r, c.include_zero, p.y0, p.y1, step);
    p.ml = left_margin(ticks, step, c.metric);
    // A category's note ("Jun 2015 to Mar 2016") on two lines when one is too wide for its band.
    const double band_width = (p.w - p.ml - p.mr) / std::max<double>(1, static_cast<double>(n));
    std::vector<std::vector<std::string>> notes(n);
    bool two_lines = false;
    for (std::size_t k = 0; k < n && k < c.category_notes.size(); ++k) {
        const std::string& note = c.category_notes[k];
        if (note.empty()) continue;
        const auto cut = note.find(" to ");
        if (text_width(note, 10) <= band_width - 4) {
            notes[k] = {note};
        } else if (cut != std::string::npos && text_width(note.substr(0, cut + 3), 10) <= band_width - 4 &&
                   text_width(note.substr(cut + 4), 10) <= band_width - 4) {
            notes[k] = {note.substr(0, cut + 3), note.substr(cut + 4)};
            two_lines = true;
        }  // else too wide even on two lines: the figures' table under the chart gives it
    }
    if (two_lines) p.mb += 13, p.h += 13;

    std::ostringstream o;
    o << figure_open(c.id, "bars", c.metric, c.title) << axis_title(c.y_label);
    svg_open(o, p, c.title + ", " + c.y_label);
    y_axis(o, p, ticks, step, c.metric, c.y_label);
    const double base = p.Y(std::clamp(0.0, p.y0, p.y1));
    const double band = p.pw() / std::max<std::size_t>(1, n);
    const double group = band * 0.64;
    const double bar = group / std::max<std::size_t>(1, c.series.size());
    // Many years: the labels at 10 px, and every second (third...) one when they would still touch.
    double widest = 0;
    for (const auto& cat : c.categories) widest = std::max(widest, text_width(cat, 11));
    const double label_size = widest > band - 4 ? 10 : 11;
    const std::size_t label_every =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest * label_size / 11 + 4) / band)));
    for (std::size_t k = 0; k < n; ++k) {
        const double left = p.ml + band * static_cast<double>(k) + (band - group) / 2;
        if (k % label_every == 0)
            o << "<text x=\"" << f1(p.ml + band * (static_cast<double>(k) + 0.5)) << "\" y=\"" << f1(p.mt + p.ph() + 16)
              << "\" text-anchor=\"middle\" fill=\"#222\"" << (label_size < 11 ? " font-size=\"10\"" : "") << ">"
              << html(c.categories[k]) << "</text>\n";
        for (std::size_t line = 0; line < notes[k].size(); ++line)
            o << "<text x=\"" << f1(p.ml + band * (static_cast<double>(k) + 0.5)) << "\" y=\""
              << f1(p.mt + p.ph() + 29 + 12 * static_cast<double>(line)) << "\" text-anchor=\"middle\" fill=\"#595959\" font-size=\"10\">"
              << html(notes[k][line]) << "</text>\n";
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            const auto& ser = c.series[s];
            if (k >= ser.value.size()) continue;
            const double x = left + bar * static_cast<double>(s);
            const double y = p.Y(ser.value[k]);
            o << "<g class=\"bar\"><title>" << html(c.categories[k] + ", " + ser.name + ": " + value_text(c.metric, ser.value[k]));
            if (k < ser.low.size() && k < ser.high.size())
                o << html(" (interval " + value_text(c.metric, ser.low[k]) + " to " + value_text(c.metric, ser.high[k]) + ")");
            o << "</title><rect x=\"" << f1(x + 1) << "\" y=\"" << f1(std::min(y, base)) << "\" width=\"" << f1(bar - 2)
              << "\" height=\"" << f1(std::fabs(base - y)) << "\" fill=\"" << ser.colour << "\"/>";
            if (k < ser.low.size() && k < ser.high.size()) {
                const double xm = x + bar / 2, ylo = p.Y(ser.low[k]), yhi = p.Y(ser.high[k]);
                o << "<path class=\"interval\" d=\"M" << f1(xm) << " " << f1(ylo) << " V" << f1(yhi) << " M" << f1(xm - 5) << " "
                  << f1(ylo) << " H" << f1(xm + 5) << " M" << f1(xm - 5) << " " << f1(yhi) << " H" << f1(xm + 5)
                  << "\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>";
            }
            o << "</g>\n";
        }
        if (k < c.budget.size() && c.budget[k]) {
            const double y = p.Y(*c.budget[k]);
            o << "<g class=\"budget-line\"><title>" << html("budget " + c.categories[k] + ": " + value_text(c.metric, *c.budget[k]))
              << "</title><line x1=\"" << f1(left - 6) << "\" x2=\"" << f1(left + group + 6) << "\" y1=\"" << f1(y) << "\" y2=\""
              << f1(y) << "\" stroke=\"" << kBudgetColour << "\" stroke-width=\"3\"/></g>\n";
        }
    }
    Placer placer;
    placer.area = {p.ml + 1, p.mt + 1, p.w - p.mr - 1, p.mt + p.ph() - 1};
    for (const auto& t : c.targets) {
        if (t.category < 0 || static_cast<std::size_t>(t.category) >= n) continue;
        const double xm = p.ml + band * (t.category + 0.5), y = p.Y(t.value);
        placer.taken.push_back({xm + band / 2 - 18, y - 8, xm + band / 2 - 2, y + 8});
    }
    for (const auto& t : c.targets) {
        if (t.category < 0 || static_cast<std::size_t>(t.category) >= n) continue;
        const double xm = p.ml + band * (t.category + 0.5), y = p.Y(t.value);
        const std::string label = t.label + " " + value_text(c.metric, t.value);
        const Placed at = place_label(placer, xm + band / 2 - 10, y, label, true);
        o << "<g class=\"target-marker\" data-target=\"" << html(t.label) << "\"><title>" << html(t.label + ": " + t.text)
          << "</title><line x1=\"" << f1(xm - band / 2 + 4) << "\" x2=\"" << f1(xm + band / 2 - 4) << "\" y1=\"" << f1(y)
          << "\" y2=\"" << f1(y) << "\" stroke=\"#fff\" stroke-width=\"4\"/><line x1=\"" << f1(xm - band / 2 + 4) << "\" x2=\""
          << f1(xm + band / 2 - 4) << "\" y1=\"" << f1(y)
          << "\" y2=\"" << f1(y) << "\" stroke=\"" << kTargetColour << "\" stroke-dasharray=\"6 4\" stroke-width=\"2\"/><path d=\"M"
          << f1(xm + band / 2 - 10) << " " << f1(y - 7) << " l7 7 l-7 7 l-7 -7 Z\" fill=\"" << kTargetColour
          << "\" stroke=\"#fff\"/><text x=\"" << f1(at.x) << "\" y=\"" << f1(at.y) << "\" text-anchor=\"" << at.anchor
          << "\" fill=\"" << kTargetColour << "\" font-weight=\"bold\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">"
          << html(label) << "</text></g>\n";
    }
    o << "<text x=\"" << f1(p.ml + p.pw() / 2) << "\" y=\"" << f1(p.h - 6)
      << "\" text-anchor=\"middle\" fill=\"#222\">UK financial year (April to March)</text>\n</svg>\n<div class=\"legend\">";
    for (const auto& s : c.series) o << legend_swatch(s.colour, s.name);
    bool any_interval = false;
    for (const auto& s : c.series) any_interval = any_interval || !s.low.empty();
    if (any_interval) o << legend_swatch("#111", "interval (whiskers)", "line");
    bool any_budget = false;
    for (const auto& b : c.budget) any_budget = any_budget || b.has_value();
    if (any_budget) o << legend_swatch(kBudgetColour, "budget", "line");
    if (!c.targets.empty()) o << legend_swatch(kTargetColour, "target", "dashed");
    o << "</div>\n";
    if (!c.note.empty()) o << "<p class=\"note\">" << html(c.note) << "</p>\n";
    {
        std::vector<std::string> header = {"Financial year"};
        for (const auto& ser : c.series) header.push_back(ser.name);
        if (any_budget) header.push_back("budget");
        std::vector<std::vector<std::string>> rows;
        for (std::size_t k = 0; k < n; ++k) {
            std::vector<std::string> row = {c.categories[k] + (k < c.category_notes.size() && !c.category_notes[k].empty()
                                                                   ? " (" + c.category_notes[k] + ")" : "")};
            for (const auto& ser : c.series) {
                std::string v = k < ser.value.size() ? value_text(c.metric, ser.value[k]) : "-";
                if (k < ser.low.size() && k < ser.high.size())
                    v += " (" + value_text(c.metric, ser.low[k]) + " to " + value_text(c.metric, ser.high[k]) + ")";
                row.push_back(v);
            }
            if (any_budget) row.push_back(k < c.budget.size() && c.budget[k] ? value_text(c.metric, *c.budget[k]) : "-");
            rows.push_back(row);
        }
        o << figures_table(c.title + " (" + c.y_label + ")", header, rows);
    }
    o << "</figure>\n";
    return o.str();
}

std::string heat_map_html(const HeatMap& h) {
    const std::size_t nx = std::max<std::size_t>(1, h.x_values.size()), ny = std::max<std::size_t>(1, h.y_values.size());
    Range r, cells;
    double abs_sum = 0;
    std::size_t count = 0;
    for (const auto& row : h.cells)
        for (const auto& v : row)
            if (v) r.add(*v), cells.add(*v), abs_sum += std::fabs(*v), ++count;
    if (h.metric == "probability") r.add(0), r.add(1);
    if (h.scale) r.add(h.scale->first), r.add(h.scale->second);
    if (r.empty()) r.lo = 0, r.hi = 1;
    // A small spread is not stretched over every colour: the scale spans at
    // least a share of the mean (of the absolute values), centred on the cells.
    if (h.metric != "probability" && count > 0) {
        const double least = h.min_span_share * abs_sum / static_cast<double>(count);
        if (r.hi - r.lo < least) {
            const double mid = (r.hi + r.lo) / 2;
            r.lo = mid - least / 2;
            r.hi = mid + least / 2;
            if (cells.lo >= 0 && r.lo < 0) r.hi -= r.lo, r.lo = 0;
        }
    }
    const double span = r.hi - r.lo > 1e-12 ? r.hi - r.lo : 1;

    // Sizes from the texts they hold, so that no label is cut or touches another.
    std::vector<std::string> texts;
    double widest_cell = 0, widest_row = 0;
    for (std::size_t yi = 0; yi < h.y_values.size(); ++yi) widest_row = std::max(widest_row, text_width(h.y_values[yi], 11));
    for (const auto& x : h.x_values) widest_cell = std::max(widest_cell, text_width(x, 11));
    for (const auto& row : h.cells)
        for (const auto& v : row) widest_cell = std::max(widest_cell, text_width(v ? value_text(h.metric, *v) : "-", 11));
    widest_cell = std::max(widest_cell, text_width("\xE2\x98\x85 nearest", 10, true));
    const double ml = std::max(24.0, std::ceil(widest_row) + 16), mr = 16, mt = 12, mb = 24;
    const double cw = std::max(std::clamp(500.0 / static_cast<double>(nx), 40.0, 130.0), std::ceil(widest_cell) + 10);
    const double ch = std::clamp(300.0 / static_cast<double>(ny), 34.0, 60.0);
    const double w = ml + cw * static_cast<double>(nx) + mr, hh = mt + ch * static_cast<double>(ny) + mb;

    std::ostringstream o;
    o << figure_open(h.id, "heatmap", h.metric, h.title);
    if (!h.y_label.empty()) o << "<p class=\"axis-title\">Rows: " << html(h.y_label) << "; columns: " << html(h.x_label) << "</p>\n";
    else o << "<p class=\"axis-title\">Columns: " << html(h.x_label) << "</p>\n";
    o << "<svg class=\"plot heat\" viewBox=\"0 0 " << f1(w) << " " << f1(hh) << "\" role=\"img\" aria-label=\"" << html(h.title)
      << "\" " << kFont << " font-size=\"11\" style=\"max-width:" << f1(std::min(w * 1.25, 900.0)) << "px\">\n<title>"
      << html(h.title) << "</title>\n";
    for (std::size_t yi = 0; yi < ny && yi < h.y_values.size(); ++yi) {
        // The first y value at the bottom, as on a chart's axis.
        const double y = mt + ch * static_cast<double>(ny - 1 - yi);
        o << "<text x=\"" << f1(ml - 8) << "\" y=\"" << f1(y + ch / 2 + 4) << "\" text-anchor=\"end\" fill=\"#222\">"
          << html(h.y_values[yi]) << "</text>\n";
        for (std::size_t xi = 0; xi < nx && xi < h.x_values.size(); ++xi) {
            const double x = ml + cw * static_cast<double>(xi);
            // (A plain flag and value: GCC 12 warns falsely about std::optional here.)
            const bool has = yi < h.cells.size() && xi < h.cells[yi].size() && h.cells[yi][xi].has_value();
            const double value = has ? *h.cells[yi][xi] : 0.0;
            const bool meets = yi < h.meets.size() && xi < h.meets[yi].size() && h.meets[yi][xi];
            const bool best = h.best && h.best->first == yi && h.best->second == xi;
            const bool nearest = !best && h.nearest && h.nearest->first == yi && h.nearest->second == xi;
            bool dark = false;
            const double t = has ? (h.low_is_good ? (r.hi - value) / span : (value - r.lo) / span) : 0;
            const std::string fill = has ? rgb(t, dark) : "#ffffff";
            const bool second_line = meets || best || nearest;
            o << "<g class=\"cell" << (meets ? " meets-goal" : "") << (best ? " best" : "") << (nearest ? " nearest" : "")
              << "\"><title>"
              << html(h.x_label + " = " + h.x_values[xi] + ", " + h.y_label + " = " + h.y_values[yi] + ": " +
                      (has ? value_text(h.metric, value) : std::string("no result")) + (meets ? "; " + h.meets_text : "") +
                      (best ? "; the cheapest that meets the goal" : "") +
                      (nearest ? "; no point meets the goal, and this one comes nearest" : ""))
              << "</title><rect x=\"" << f1(x + 1.5) << "\" y=\"" << f1(y + 1.5) << "\" width=\"" << f1(cw - 3) << "\" height=\""
              << f1(ch - 3) << "\" fill=\"" << fill << "\" stroke=\"" << (meets || nearest ? "#111" : "#ccc") << "\" stroke-width=\""
              << (meets ? 3 : nearest ? 2 : 1) << "\"" << (nearest ? " stroke-dasharray=\"4 2\"" : "") << "/><text x=\""
              << f1(x + cw / 2) << "\" y=\"" << f1(y + ch / 2 + (second_line ? -2 : 4))
              << "\" text-anchor=\"middle\" fill=\"" << (dark ? "#fff" : "#000") << "\">"
              << html(has ? value_text(h.metric, value) : std::string("-")) << "</text>";
            if (second_line)
                o << "<text x=\"" << f1(x + cw / 2) << "\" y=\"" << f1(y + ch / 2 + 12) << "\" text-anchor=\"middle\" font-size=\"10\" fill=\""
                  << (dark ? "#fff" : "#000") << "\" font-weight=\"bold\">"
                  << (best ? "\xE2\x98\x85 best" : nearest ? "\xE2\x98\x86 nearest" : "\xE2\x9C\x93 meets") << "</text>";
            o << "</g>\n";
        }
    }
    for (std::size_t xi = 0; xi < h.x_values.size(); ++xi)
        o << "<text x=\"" << f1(ml + cw * (static_cast<double>(xi) + 0.5)) << "\" y=\"" << f1(mt + ch * static_cast<double>(ny) + 16)
          << "\" text-anchor=\"middle\" fill=\"#222\">" << html(h.x_values[xi]) << "</text>\n";
    o << "</svg>\n";
    o << "<div class=\"legend\">";
    for (int k = 0; k <= 4; ++k) {
        bool dark = false;
        const double v = r.lo + span * k / 4.0;
        const double t = h.low_is_good ? (r.hi - v) / span : (v - r.lo) / span;
        o << legend_swatch(rgb(t, dark), value_text(h.metric, v));
    }
    if (h.has_goal)
        o << "<span class=\"key\"><span class=\"swatch box outlined\"></span>" << html("\xE2\x9C\x93 " + h.meets_text) << "</span>";
    o << "</div>\n<p class=\"note scale-note\">";
    {
        std::string words = "The colours run from " + value_text(h.metric, h.low_is_good ? r.hi : r.lo) + " (lightest) to " +
                            value_text(h.metric, h.low_is_good ? r.lo : r.hi) + " (darkest)";
        if (!cells.empty()) {
            words += "; the points lie between " + value_text(h.metric, cells.lo) + " and " + value_text(h.metric, cells.hi);
            const double mean = count ? abs_sum / static_cast<double>(count) : 0;
            if (h.metric != "probability" && mean > 0)
                words += ", a spread of " + percent((cells.hi - cells.lo) / mean, 1) + " of their mean" +
                         (cells.hi - cells.lo < h.min_span_share * mean
                              ? " (the scale spans at least " + percent(h.min_span_share, 0) +
                                    " of the mean, so that a small difference does not look large)"
                              : "");
        }
        o << html(words + ".");
    }
    o << "</p>\n";
    if (!h.note.empty()) o << "<p class=\"note\">" << html(h.note) << "</p>\n";
    {
        std::vector<std::string> header = {h.y_label.empty() ? std::string("") : h.y_label + " \xE2\x86\x93 / " + h.x_label + " \xE2\x86\x92"};
        if (h.y_label.empty()) header[0] = h.x_label;
        for (const auto& x : h.x_values) header.push_back(x);
        std::vector<std::vector<std::string>> rows;
        for (std::size_t yi = h.y_values.size(); yi-- > 0;) {
            std::vector<std::string> row = {h.y_values[yi]};
            for (std::size_t xi = 0; xi < h.x_values.size(); ++xi) {
                const bool has = yi < h.cells.size() && xi < h.cells[yi].size() && h.cells[yi][xi].has_value();
                const bool meets = yi < h.meets.size() && xi < h.meets[yi].size() && h.meets[yi][xi];
                const bool best = h.best && h.best->first == yi && h.best->second == xi;
                const bool nearest = h.nearest && h.nearest->first == yi && h.nearest->second == xi;
                row.push_back((has ? value_text(h.metric, h.cells[yi][xi].value_or(0.0)) : std::string("-")) + (best ? " (best)" : meets ? " (meets)" : "") +
                              (nearest && !best ? " (nearest)" : ""));
            }
            rows.push_back(row);
        }
        o << figures_table(h.title, header, rows);
    }
    o << "</figure>\n";
    return o.str();
}

}  // namespace wfsim::report
