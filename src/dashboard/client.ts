/**
 * The dashboard page's only script, sent inline (allowed by its hash in the CSP). It builds every node
 * with DOM calls and `textContent`, never `innerHTML`: store data cannot become markup.
 */
export const CLIENT_SCRIPT = `
"use strict";
const cfg = JSON.parse(document.getElementById("cfg").textContent);
const SVG = "http://www.w3.org/2000/svg";
const COLORS = ["#2f6fd6", "#d6792f", "#1a7f37", "#8e44ad", "#c9252f", "#16a2b8"];
let selected = decodeURIComponent(location.hash.slice(1));
function el(tag, attrs, ...kids) {
  const svg = ["svg", "path", "line", "circle", "text", "g", "rect"].includes(tag);
  const n = svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) n.setAttribute(k, String(v));
  for (const k of kids) if (k !== null && k !== undefined) n.append(typeof k === "string" ? document.createTextNode(k) : k);
  return n;
}
const fin = (x) => typeof x === "number" && Number.isFinite(x);
function num(x) {
  if (!fin(x)) return "–";
  const a = Math.abs(x);
  return a !== 0 && (a < 0.001 || a >= 1e6) ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}
const val = (m, x) => (!fin(x) ? "–" : m.kind === "binary" ? (x * 100).toFixed(1) + "%" : num(x));
const dif = (m, x) => (!fin(x) ? "–" : m.kind === "binary" ? (x >= 0 ? "+" : "") + (x * 100).toFixed(1) + " pp" : (x >= 0 ? "+" : "") + num(x));
const iv = (m, i, f) => "[" + f(m, i.lower) + ", " + f(m, i.upper) + "]";
const pv = (p) => (!fin(p) ? "–" : p < 0.0001 ? "< 0.0001" : p.toFixed(4));
function table(head, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))),
    el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c) => (typeof c === "string" ? el("td", {}, c) : c))))));
}
function renderList(data) {
  const box = document.getElementById("list");
  if (data.experiments.length === 0) {
    box.replaceChildren(el("p", { class: "empty", id: "empty" }, "No experiments yet in " + data.store + ". Create one with flowprompt experiment create <config.yaml>."));
    document.getElementById("detail").replaceChildren();
    drawn.detail = "";
    return;
  }
  box.replaceChildren(table(["Experiment", "Status", "Variants", "Exposures", "SRM", "Recommendation"],
    data.experiments.map((e) => {
      const a = el("a", { href: "#" + encodeURIComponent(e.id), "data-id": e.id }, e.id);
      a.addEventListener("click", (ev) => { ev.preventDefault(); selected = e.id; location.hash = encodeURIComponent(e.id); refresh(); });
      const row = [el("td", { class: e.id === selected ? "sel" : "" }, a), e.status, e.variants.join(", "),
        el("td", { class: "num exposures" }, String(e.exposures)), el("td", { class: e.srm ? "srm" : "" }, e.srm ? "⚠ mismatch" : "ok"), e.recommendation];
      return row;
    })));
}
function axes(w, h, pad, lo, hi, xmax, ylabel) {
  const g = el("g", {});
  g.append(el("line", { class: "frame", x1: pad, x2: w - 10, y1: h - 24, y2: h - 24 }));
  g.append(el("text", { class: "axis", x: pad, y: h - 6 }, "0"), el("text", { class: "axis", x: w - 10, y: h - 6, "text-anchor": "end" }, xmax + " exposures"));
  g.append(el("text", { class: "axis", x: pad - 6, y: 14, "text-anchor": "end" }, ylabel(hi)), el("text", { class: "axis", x: pad - 6, y: h - 28, "text-anchor": "end" }, ylabel(lo)));
  return g;
}
function seriesChart(d, m) {
  const pts = d.series.filter((p) => fin(p.lower) && fin(p.upper) && fin(p.diff));
  if (pts.length === 0) return el("p", { class: "muted" }, "No interval yet: too few exposures.");
  const [w, h, pad] = [720, 260, 80];
  const lo = Math.min(0, ...pts.map((p) => p.lower)), hi = Math.max(0, ...pts.map((p) => p.upper)), span = hi - lo || 1;
  const xmax = Math.max(...pts.map((p) => p.exposures));
  const x = (n) => (pad + (n / xmax) * (w - pad - 10)).toFixed(1), y = (v) => (10 + (1 - (v - lo) / span) * (h - 40)).toFixed(1);
  const svg = el("svg", { class: "chart series", viewBox: "0 0 " + w + " " + h, width: w, height: h, role: "img", "aria-label": "always-valid interval of the primary comparison over exposures" });
  svg.append(axes(w, h, pad, lo, hi, xmax, (v) => dif(m, v)));
  svg.append(el("line", { class: "zero", x1: pad, x2: w - 10, y1: y(0), y2: y(0) }));
  const variants = [...new Set(pts.map((p) => p.variant))];
  variants.forEach((v, i) => {
    const c = COLORS[i % COLORS.length], ps = pts.filter((p) => p.variant === v);
    const band = ps.map((p, j) => (j ? "L" : "M") + x(p.exposures) + " " + y(p.upper)).join(" ") + " " + ps.slice().reverse().map((p) => "L" + x(p.exposures) + " " + y(p.lower)).join(" ") + " Z";
    svg.append(el("path", { class: "band", d: band, fill: c }), el("path", { class: "diff", d: ps.map((p, j) => (j ? "L" : "M") + x(p.exposures) + " " + y(p.diff)).join(" "), stroke: c }));
    for (const p of ps) svg.append(el("circle", { cx: x(p.exposures), cy: y(p.diff), r: 3, fill: c }, el("title", {}, v + " after " + p.exposures + ": " + dif(m, p.diff) + " " + iv(m, p, dif) + ", always-valid p " + pv(p.pValue))));
  });
  return el("figure", {}, svg, el("figcaption", {}, ...variants.map((v, i) => el("span", { class: "key", style: "color:" + COLORS[i % COLORS.length] }, "■ " + v + " − " + d.analysis.control + "  "))));
}
function allocationChart(d) {
  const b = d.allocation, names = d.variants.map((v) => v.name);
  const [w, h, pad] = [720, 200, 80], total = b.reduce((n, k) => n + k.size, 0);
  const x = (n) => (pad + (n / total) * (w - pad - 10)).toFixed(1), y = (s) => (10 + (1 - s) * (h - 40)).toFixed(1);
  const svg = el("svg", { class: "chart allocation", viewBox: "0 0 " + w + " " + h, width: w, height: h, role: "img", "aria-label": "bandit allocation over time" });
  svg.append(axes(w, h, pad, 0, 1, total, (s) => Math.round(s * 100) + "%"));
  let base = b.map(() => 0);
  names.forEach((v, i) => {
    const top = b.map((k, j) => base[j] + (k.shares[v] || 0));
    const mid = (k) => k.from + k.size / 2;
    const d = b.map((k, j) => (j ? "L" : "M") + x(mid(k)) + " " + y(top[j])).join(" ") + " " + b.slice().reverse().map((k, j) => "L" + x(mid(k)) + " " + y(base[b.length - 1 - j])).join(" ") + " Z";
    svg.append(el("path", { d, fill: COLORS[i % COLORS.length], class: "area" }, el("title", {}, v)));
    base = top;
  });
  return el("figure", {}, svg, el("figcaption", {}, ...names.map((v, i) => el("span", { class: "key", style: "color:" + COLORS[i % COLORS.length] }, "■ " + v + "  "))));
}
function renderDetail(d) {
  const a = d.analysis, out = [el("h2", {}, d.experiment.id + " · " + d.experiment.status)];
  if (a.srm.flagged) {
    const obs = Object.entries(a.srm.observed).map(([v, n]) => v + " " + n).join(" / ");
    out.push(el("div", { class: "banner", role: "alert", id: "srm" }, "⚠ SAMPLE RATIO MISMATCH: observed " + obs + " units (p = " + (fin(a.srm.pValue) ? a.srm.pValue.toExponential(2) : "–") + "). Assignment or logging is broken: do not trust these results until it is explained."));
  }
  out.push(el("p", { class: "rec" }, "Recommendation: ", el("strong", {}, a.recommendation)));
  for (const m of a.metrics) {
    out.push(el("h3", {}, m.metric + " (" + m.kind + ", " + (m.direction === "increase" ? "higher" : "lower") + " is better" + (m.guardrail ? ", guardrail)" : ", primary)")));
    out.push(table(["Variant", "Units", "Mean", Math.round((1 - a.alpha) * 1000) / 10 + "% interval"], m.variants.map((v) =>
      [v.variant + (v.variant === a.control ? " (control)" : ""), el("td", { class: "num units" }, String(v.units)), el("td", { class: "num mean" }, val(m, v.mean)), iv(m, v.interval, val)])));
    if (m.comparisons.length) out.push(table(["vs " + a.control, "Difference", "Interval", a.method === "sequential" ? "Always-valid p" : "p"],
      m.comparisons.map((c) => [c.variant, dif(m, c.diff), iv(m, c.interval, dif), pv(c.pValue)])));
    if (!m.guardrail && m.metric === d.primaryMetric) out.push(el("h4", {}, "Sequential interval over time"), seriesChart(d, m));
  }
  if (d.allocation) out.push(el("h3", {}, "Bandit allocation over time"), allocationChart(d));
  document.getElementById("detail").replaceChildren(...out);
}
async function getJson(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(url + ": HTTP " + r.status);
  return r.json();
}
// What each box last showed: a poll that finds nothing new leaves the page alone (no flicker, and a
// click is never lost on a row being replaced). A poll waits for the refresh in flight to finish, so
// slow answers cannot pile up; a click or a new hash starts at once, and \`seq\` then drops the older
// answer, so an old selection cannot overwrite the new one.
const drawn = { list: "", detail: "" };
let seq = 0;
let busy = false;
function changed(box, data) {
  const json = JSON.stringify(data);
  if (drawn[box] === json) return false;
  drawn[box] = json;
  return true;
}
async function refresh() {
  const status = document.getElementById("status");
  const mine = ++seq;
  busy = true;
  try {
    const list = await getJson("api/experiments");
    const ids = list.experiments.map((e) => e.id);
    if (ids.length > 0 && !ids.includes(selected)) selected = ids[0];
    // Both answers first, then both boxes, so the list and the detail change together.
    const detail = ids.length > 0 ? await getJson("api/experiments/" + encodeURIComponent(selected)) : undefined;
    if (mine !== seq) return;
    if (changed("list", [list, selected])) renderList(list);
    if (detail && changed("detail", detail)) renderDetail(detail);
    status.textContent = "Updated " + new Date().toLocaleTimeString() + " · refreshing every " + cfg.refreshSeconds + " s";
    status.className = "muted";
  } catch (e) {
    if (mine !== seq) return;
    status.textContent = "Could not refresh: " + e.message;
    status.className = "error";
  } finally {
    if (mine === seq) busy = false;
  }
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}
window.addEventListener("hashchange", () => { selected = decodeURIComponent(location.hash.slice(1)); refresh(); });
refresh();
setInterval(() => { if (!busy) refresh(); }, cfg.refreshSeconds * 1000);
`;
