#include "page.h"

namespace wfsim::serve {

// One page: the levers on the left, the paired answer on the right. Charts
// arrive from the server as SVG drawn by the report's chart code; the script
// only places them. Nothing is fetched but this server's own API.
const char* const kPageHtml = R"WFSIMPAGE(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wfsim: what if</title>
<style>
:root { --ink: #1b1b1b; --muted: #505a5f; --line: #b1b4b6; --accent: #1d70b8; --bad: #d4351c; --good: #00703c; --bg: #f3f2f1; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fff; }
header { background: #0b0c0c; color: #fff; padding: 10px 20px; }
header h1 { font-size: 1.3rem; margin: 0; }
header p { margin: 2px 0 0; color: #ddd; font-size: .9rem; }
main { display: grid; grid-template-columns: minmax(300px, 400px) 1fr; gap: 20px; padding: 16px 20px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
#levers { background: var(--bg); padding: 12px; border-radius: 4px; align-self: start; }
fieldset { border: 1px solid var(--line); margin: 0 0 12px; padding: 8px 10px; background: #fff; }
legend { font-weight: 600; padding: 0 4px; }
.note { color: var(--muted); font-size: .85rem; margin: 2px 0 6px; }
.lever { display: grid; grid-template-columns: 1fr 9em; gap: 2px 8px; align-items: center; margin: 4px 0; }
.lever label { font-size: .9rem; }
.lever input { width: 100%; padding: 3px 5px; font: inherit; border: 1px solid #0b0c0c; }
.lever .hint { grid-column: 1 / 3; color: var(--muted); font-size: .8rem; }
.field-error { grid-column: 1 / 3; color: var(--bad); font-size: .85rem; font-weight: 600; }
input.invalid { border: 2px solid var(--bad); }
button { font: inherit; padding: 5px 12px; background: var(--good); color: #fff; border: 0; border-radius: 2px; cursor: pointer; }
button.secondary { background: #fff; color: var(--ink); border: 1px solid var(--ink); }
button:focus, input:focus, select:focus { outline: 3px solid #fd0; outline-offset: 0; }
#status { padding: 6px 10px; background: var(--bg); border-left: 5px solid var(--accent); margin-bottom: 10px; }
#status.error { border-left-color: var(--bad); }
#downloads a { color: var(--accent); font-weight: 600; }
progress { width: 12em; vertical-align: middle; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
#charts figure { margin: 0; }
#charts svg { max-width: 100%; height: auto; }
pre#words { white-space: pre-wrap; background: var(--bg); padding: 8px; font-size: .88rem; }
details { margin: 10px 0; }
/* Figures being replaced: marked by a dashed frame, not faded (faded text would fall below WCAG's contrast). */
.stale { outline: 2px dashed var(--muted); outline-offset: 6px; }
/* The report's charts (models/report/charts.h) as the report styles them. */
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; background: #fff; }
figure.chart figcaption { font-weight: bold; margin-bottom: 4px; }
svg.plot { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 3px 14px; font-size: 12px; color: var(--muted); margin-top: 4px; }
.key { white-space: nowrap; }
.swatch { display: inline-block; width: 18px; height: 11px; margin-right: 5px; vertical-align: middle; }
.swatch.line { height: 0; border-top: 3px solid; }
.swatch.dashed { height: 0; border-top: 2px dashed; }
.swatch.dotted { height: 0; border-top: 2px dotted; }
.swatch.outlined { border: 3px solid #111; background: #fff; }
figure.chart p.note { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
</style>
</head>
<body>
<header><h1 id="title">wfsim: what if</h1><p id="subtitle">loading the scenario…</p></header>
<main>
<section id="levers" aria-labelledby="levers-h">
  <h2 id="levers-h" style="font-size:1.1rem;margin-top:0">Levers</h2>
  <div id="from-box" hidden><label for="from">Start from </label><select id="from" aria-describedby="from-note"></select>
    <p class="note" id="from-note">Every answer is paired against the scenario. Start from an alternative to compare it with the scenario, as it is or changed by the levers.</p></div>
  <form id="lever-form" autocomplete="off" onsubmit="return false"></form>
  <fieldset id="more"><legend>More: any scenario key</legend>
    <p class="note">A key path as <code>--set</code> takes it (agency.cost_per_year, leaving.base_rate.sw); not keys that name files.</p>
    <div id="more-rows"></div>
    <button type="button" class="secondary" id="more-add">Add a key</button>
  </fieldset>
  <fieldset><legend>Save as scenario</legend>
    <div class="lever"><label for="save-name">file name</label><input id="save-name" value="what-if"></div>
    <button type="button" id="save">Save</button> <button type="button" class="secondary" id="reset">Back to the scenario</button>
    <p id="save-result" class="note" role="status"></p>
  </fieldset>
</section>
<section id="answer" aria-labelledby="answer-h">
  <h2 id="answer-h" style="font-size:1.1rem;margin-top:0">The answer, paired against the scenario</h2>
  <div id="status" role="status" aria-live="polite">Change a lever to ask a question.</div>
  <div id="errors" role="alert"></div>
  <p id="downloads" hidden>Download this comparison, as <code>wfsim compare --report</code> writes it:
    <a id="report-html" download>the report (HTML)</a> and <a id="report-xlsx" download>the workbook (Excel)</a>.</p>
  <div id="results">
    <h3>Targets</h3>
    <table id="targets"><thead><tr><th>Target</th><th>When</th><th class="num">Without the change</th><th class="num">With the change</th><th>First met (median)</th></tr></thead><tbody></tbody></table>
    <h3>Spend</h3>
    <table id="savings"><tbody></tbody></table>
    <h3>In words</h3>
    <pre id="words"></pre>
    <h3>Charts</h3>
    <div id="charts"></div>
  </div>
  <details><summary>The scenario's key assumptions</summary><div id="assumptions"></div></details>
</section>
</main>
<script>
"use strict";
const token = new URLSearchParams(location.search).get("token");
function api(path, body) {
  const opts = { headers: {} };
  if (token) opts.headers["X-Wfsim-Token"] = token;
  if (body !== undefined) { opts.method = "POST"; opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
  return fetch(path, opts).then(r => r.json().then(j => ({ status: r.status, body: j })));
}
const $ = id => document.getElementById(id);
function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in (attrs || {})) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
let info = null, from = 0, runId = null, pollTimer = null, debounce = null, moreCount = 0;
const fmtPct = x => (100 * x).toFixed(x >= 0.995 || x <= 0.005 ? 0 : 1) + "%";
function fmtPounds(x) {
  const a = Math.abs(x), s = x < 0 ? "-" : "";
  if (a >= 1e6) return s + "£" + (a / 1e6).toFixed(2) + "m";
  if (a >= 1e3) return s + "£" + Math.round(a / 1e3).toLocaleString("en-GB") + "k";
  return s + "£" + Math.round(a);
}
let dates = [];  // month 0 (the start date) to M (each month's last day), as the server numbers them
function monthLabel(m) {
  const k = Math.round(m);
  if (!dates[k]) return "month " + k;
  const d = new Date(dates[k] + "T00:00:00Z");
  return "month " + k + " (" + d.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }) + ")";
}

function buildLevers() {
  const s = info.scenarios[from];
  const form = $("lever-form");
  form.textContent = "";
  for (const g of s.levers) {
    const fs = el("fieldset", { "data-group": g.id });
    fs.appendChild(el("legend", {}, g.title));
    if (g.note) fs.appendChild(el("p", { class: "note" }, g.note));
    g.levers.forEach((l, i) => {
      const row = el("div", { class: "lever" });
      const id = "lever-" + g.id + "-" + i;
      const label = el("label", { for: id }, l.label);
      const input = el("input", { id: id, "data-path": l.path, "data-current": l.current, name: l.path });
      input.value = l.current;
      if (l.readonly) input.disabled = true;
      let hint = l.unit || l.kind || "";
      if (l.min !== undefined && l.max !== undefined) hint += (hint ? "; " : "") + l.min + " to " + l.max;
      else if (l.min !== undefined) hint += (hint ? "; " : "") + l.min + " or more";
      else if (l.max !== undefined) hint += (hint ? "; " : "") + "at most " + l.max;
      if (l.note) hint += (hint ? "; " : "") + l.note;
      hint += (hint ? "; " : "") + "key " + l.path;
      input.setAttribute("aria-describedby", id + "-hint");
      row.append(label, input, el("span", { class: "hint", id: id + "-hint" }, hint));
      input.addEventListener("change", scheduleRun);
      fs.appendChild(row);
    });
    form.appendChild(fs);
  }
  $("assumptions").innerHTML = s.assumptions_html;  // escaped by the server (the report's own text)
}

function addMoreRow(path, value) {
  const n = moreCount++;
  const row = el("div", { class: "lever more-row" });
  const p = el("input", { id: "more-path-" + n, "aria-label": "key path " + (n + 1), placeholder: "key.path", class: "more-path" });
  const v = el("input", { id: "more-value-" + n, "aria-label": "value " + (n + 1), placeholder: "value", class: "more-value" });
  p.value = path || ""; v.value = value || "";
  p.addEventListener("change", scheduleRun); v.addEventListener("change", scheduleRun);
  row.append(p, v);
  $("more-rows").appendChild(row);
}

// The changes the levers make: every group with a lever moved from its
// current value sends its moved values (a new list item also its fixed
// fields and the values it needs); "more" sends each key given.
function collectChanges() {
  const changes = {};
  const s = info.scenarios[from];
  for (const g of s.levers) {
    const inputs = document.querySelectorAll('fieldset[data-group="' + g.id + '"] input');
    const moved = [...inputs].filter(i => !i.disabled && i.value.trim() !== i.dataset.current);
    if (!moved.length) continue;
    if (g.list_item) {
      for (const k in g.fixed) changes[k] = g.fixed[k];
      for (const i of inputs) if (!i.disabled && i.value.trim() !== "") changes[i.dataset.path] = i.value.trim();
    } else {
      for (const i of moved) changes[i.dataset.path] = i.value.trim();
    }
  }
  for (const row of document.querySelectorAll(".more-row")) {
    const p = row.querySelector(".more-path").value.trim(), v = row.querySelector(".more-value").value.trim();
    if (p) changes[p] = v;
  }
  return changes;
}

function clearFieldErrors() {
  document.querySelectorAll(".field-error").forEach(e => e.remove());
  document.querySelectorAll("input.invalid").forEach(e => { e.classList.remove("invalid"); e.removeAttribute("aria-invalid"); });
  $("errors").textContent = "";
}
function showFieldErrors(body) {
  clearFieldErrors();
  let placed = false;
  for (const path in (body.fields || {})) {
    let input = document.querySelector('input[data-path="' + CSS.escape(path) + '"]');
    if (!input) for (const row of document.querySelectorAll(".more-row"))
      if (row.querySelector(".more-path").value.trim() === path) input = row.querySelector(".more-value");
    const msg = el("span", { class: "field-error", role: "alert" }, body.fields[path]);
    if (input) { input.classList.add("invalid"); input.setAttribute("aria-invalid", "true"); input.parentNode.appendChild(msg); placed = true; }
    else $("errors").appendChild(el("p", { class: "field-error" }, path + ": " + body.fields[path]));
  }
  for (const e of (body.errors || [])) $("errors").appendChild(el("p", { class: "field-error" }, e));
  if (!placed && !(body.errors || []).length && !Object.keys(body.fields || {}).length)
    $("errors").appendChild(el("p", { class: "field-error" }, body.error || "refused"));
}

// The report of the finished run on screen (the server builds it with the
// report's own code); hidden while a run is in progress.
function showDownloads(id) {
  const box = $("downloads");
  box.hidden = id === null;
  if (id === null) return;
  const q = token ? "?token=" + encodeURIComponent(token) : "";
  $("report-html").href = "/api/run/" + id + "/report.html" + q;
  $("report-xlsx").href = "/api/run/" + id + "/report.xlsx" + q;
}

function scheduleRun() { clearTimeout(debounce); debounce = setTimeout(startRun, 250); }
function startRun() {
  const changes = collectChanges();
  setStatus("Running…");
  showDownloads(null);
  api("/api/run", { from: from, changes: changes }).then(r => {
    if (r.status !== 202) { showFieldErrors(r.body); setStatus("Not run: " + (r.body.error || r.status), true); return; }
    clearFieldErrors();
    runId = r.body.id;
    $("results").classList.add("stale");
    $("results").setAttribute("aria-busy", "true");
    poll(runId);
  }).catch(e => setStatus("The server did not answer: " + e, true));
}
function poll(id) {
  clearTimeout(pollTimer);
  api("/api/run/" + id).then(r => {
    if (id !== runId) return;  // a newer run supersedes this one: never shown
    const s = r.body;
    if (r.status !== 200) { setStatus(s.error || "no such run", true); return; }
    if (s.figures) show(s);
    if (s.state === "running" || s.state === "queued") pollTimer = setTimeout(() => poll(id), 200);
    else if (s.state === "done") { setStatus("Done: " + s.replications_done + " paired replications (seed " + s.seed + ")."); showDownloads(id); }
    else if (s.state !== "superseded") setStatus((s.message || s.state) + " (" + s.replications_done + " replications)", s.state === "failed");
  }).catch(e => setStatus("The server did not answer: " + e, true));
}
function setStatus(text, bad, progress) {
  const st = $("status");
  st.textContent = text;
  st.classList.toggle("error", !!bad);
  if (progress) { const p = el("progress", { max: progress[1], value: progress[0], "aria-label": "replications done" }); st.append(" ", p); }
}

function show(s) {
  const f = s.figures, sum = f.summary;
  dates = f.dates || [];
  document.body.dataset.replications = s.replications_done;
  document.body.dataset.run = s.id;
  document.body.dataset.state = s.state;
  if (s.state === "running") setStatus("Refining: " + s.replications_done + " of " + s.replications + " paired replications…", false, [s.replications_done, s.replications]);
  const base = sum.targets_by_scenario[0].targets, alt = sum.targets_by_scenario[1].targets;
  const tb = $("targets").querySelector("tbody");
  tb.textContent = "";
  alt.forEach((t, i) => {
    const b = base.find(x => x.name === t.name) || {};
    const tr = el("tr", { "data-target": t.name });
    const cell = (x) => x && x.probability !== undefined ? fmtPct(x.probability) + " (" + fmtPct(x.interval95[0]) + " to " + fmtPct(x.interval95[1]) + ")" : "not judged";
    tr.append(el("td", {}, "T" + (i + 1) + " " + t.name), el("td", {}, t.when || ""),
              el("td", { class: "num" }, cell(b)), el("td", { class: "num probability", "data-probability": t.probability }, cell(t)),
              el("td", {}, t.first_month_met && t.first_month_met.share_ever_met > 0
                ? monthLabel(t.first_month_met.p50) + ", met at some point in " + fmtPct(t.first_month_met.share_ever_met)
                : "never met"));
    tb.appendChild(tr);
  });
  const a = sum.alternatives[0];
  const sv = $("savings").querySelector("tbody");
  sv.textContent = "";
  const row = (k, v, attrs) => { const tr = el("tr", attrs || {}); tr.append(el("th", { scope: "row" }, k), el("td", { class: "num" }, v)); sv.appendChild(tr); };
  const d = a.spend_total_difference;
  const words = x => x === 0 ? "no difference" : x < 0 ? "saves " + fmtPounds(-x) : "costs " + fmtPounds(x) + " more";
  row("Total spend over the horizon", words(d.mean) + " on average (95% interval of the mean: " + fmtPounds(d.interval95[0]) + " to " + fmtPounds(d.interval95[1]) + ")", { id: "spend-total", "data-mean": d.mean });
  for (const fy of a.spend_total_difference_by_financial_year)
    row("Financial year " + fy.financial_year, words(fy.difference.mean) + " (" + fmtPounds(fy.difference.interval95[0]) + " to " + fmtPounds(fy.difference.interval95[1]) + ")");
  row("Chance it costs less", fmtPct(a.p_alternative_costs_less) + " (" + fmtPct(a.p_interval95[0]) + " to " + fmtPct(a.p_interval95[1]) + ")");
  row("Break-even", a.break_even_month === null ? "does not break even within the horizon" : monthLabel(a.break_even_month) + (a.break_even_date ? ", " + a.break_even_date : ""));
  $("words").textContent = f.words;
  const charts = $("charts");
  charts.textContent = "";
  for (const k of ["vacant_fte", "agency_rate", "permanent_share", "spend_total"]) if (f.charts[k]) { const div = el("div", { "data-chart": k }); div.innerHTML = f.charts[k]; charts.appendChild(div); }
  $("results").classList.remove("stale");
  $("results").removeAttribute("aria-busy");
}

$("more-add").addEventListener("click", () => addMoreRow());
$("reset").addEventListener("click", () => { buildLevers(); $("more-rows").textContent = ""; addMoreRow(); startRun(); });
$("from").addEventListener("change", e => { from = +e.target.value; buildLevers(); startRun(); });
$("save").addEventListener("click", () => save(false));
function save(overwrite) {
  const name = $("save-name").value.trim();
  api("/api/save", { from: from, name: name, changes: collectChanges(), overwrite: overwrite }).then(r => {
    const out = $("save-result");
    if (r.status === 201) { out.textContent = "Saved " + r.body.file + ". To reproduce: " + r.body.compare; out.dataset.file = r.body.file; return; }
    if (r.status === 409 && confirm(r.body.error + "\n\nOverwrite it?")) return save(true);
    if (r.status === 400 && (r.body.fields || r.body.errors)) showFieldErrors(r.body);
    out.textContent = "Not saved: " + r.body.error;
  });
}

api("/api/scenario").then(r => {
  info = r.body;

  const s0 = info.scenarios[0];
  $("title").textContent = "What if: " + s0.name;
  $("subtitle").textContent = s0.file + " · " + info.replications + " paired replications per change (seed " + info.seed + ") · saves into " + info.save_dir;
  if (info.scenarios.length > 1) {
    $("from-box").hidden = false;
    info.scenarios.forEach((s, i) => $("from").appendChild(el("option", { value: i }, (i ? "" : "the scenario: ") + s.name)));
  }
  buildLevers();
  addMoreRow();
  startRun();
});
</script>
</body>
</html>
)WFSIMPAGE";

}  // namespace wfsim::serve
