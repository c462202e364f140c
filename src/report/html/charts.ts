import { esc, tag } from "./escape.js";

/** SVG building blocks: scales, ticks, axes and an accessible chart frame. Charts are in plots.ts. */

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  ticks: number[];
}

/** Rounds a coordinate to 0.1 px, which keeps the markup short. */
export const r = (x: number): number => Math.round(x * 10) / 10;

/** 3 × 0.2 is 0.6000000000000001: round away the binary noise. */
const tidy = (x: number): number => Number(x.toPrecision(12));

/** A "nice" step (1, 2 or 5 × 10^k) that cuts `span` into about `count` parts. */
function step(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const e = 1 + 1e-9; // 0.2 / 0.1 is 2.0000000000000004
  return (f <= e ? 1 : f <= 2 * e ? 2 : f <= 5 * e ? 5 : 10) * power;
}

/** [lo, hi] widened to whole steps, so the first and last ticks sit on the ends. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi - lo < 1e-12) {
    const pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 1;
    return niceDomain(lo - pad, hi + pad, count);
  }
  const s = step(hi - lo, count);
  return [tidy(Math.floor(lo / s + 1e-9) * s), tidy(Math.ceil(hi / s - 1e-9) * s)];
}

/** A linear map of `domain` onto `range`, with about `count` round ticks inside the domain. */
export function linear(
  domain: readonly [number, number],
  range: readonly [number, number],
  count = 5,
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => r0 + (v - d0) * k) as Scale;
  const s = step(d1 - d0 || 1, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(d0 / s - 1e-9); k * s <= d1 + s * 1e-9; k++) ticks.push(tidy(k * s));
  return Object.assign(scale, { domain: [d0, d1] as const, ticks });
}

/** The 1-2-5 value at or below (`up` false) or at or above `v` (> 0). */
function round125(v: number, up: boolean): number {
  const power = 10 ** Math.floor(Math.log10(v));
  const steps = [1, 2, 5, 10].map((m) => m * power);
  return up
    ? steps.find((t) => t >= v * (1 - 1e-9))!
    : [...steps].reverse().find((t) => t <= v * (1 + 1e-9))!;
}

/** A log scale over [lo, hi] (both > 0, widened to 1-2-5 values); values below lo sit on lo. */
export function logScale(lo: number, hi: number, range: readonly [number, number]): Scale {
  const d0 = round125(lo, false);
  const d1 = Math.max(round125(hi, true), d0 * 10);
  const [l0, l1] = [Math.log10(d0), Math.log10(d1)];
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((Math.log10(Math.max(v, d0)) - l0) / (l1 - l0)) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  const multiples = l1 - l0 > 3 ? [1] : [1, 2, 5];
  for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
    for (const m of multiples) {
      const t = Number((m * 10 ** e).toPrecision(6));
      if (t >= d0 * (1 - 1e-9) && t <= d1 * (1 + 1e-9)) ticks.push(t);
    }
  }
  return Object.assign(scale, { domain: [d0, d1] as const, ticks });
}

/**
 * Rough width of SVG text in px at `size`, erring wide (DejaVu Sans, the widest common fallback), for
 * layout and collision checks.
 */
export function textWidth(text: string, size = 14): number {
  let w = 0;
  for (const ch of text) {
    w += /[ijl.,:;'|!()[\]\s]/.test(ch)
      ? 0.34
      : /[frt/\\-]/.test(ch)
        ? 0.45
        : /[mwMW@%]/.test(ch)
          ? 0.95
          : /[A-Z<>=+~#&]/.test(ch)
            ? 0.75
            : 0.62;
  }
  return w * size;
}

/** Text cut to fit `px` (with "…"); the full text goes into a <title> so it shows on hover. */
export function label(
  text: string,
  attrs: Readonly<Record<string, string | number | undefined>>,
  px = Infinity,
): string {
  let shown = text;
  if (textWidth(text) > px) {
    const chars = Array.from(text);
    while (chars.length > 1 && textWidth(`${chars.join("")}…`) > px) chars.pop();
    shown = `${chars.join("")}…`;
  }
  const title = shown === text ? "" : `<title>${esc(text)}</title>`;
  return tag("text", attrs, `${title}${esc(shown)}`);
}

export interface AxisOptions {
  /** Where the gridlines start and end (the plot's top and bottom, for an x axis). */
  from: number;
  to: number;
  format: (value: number) => string;
  title?: string;
  /** Where the axis title goes along the axis (its middle). */
  middle?: number;
}

/** A bottom axis: gridlines, tick labels under `to`, an optional title under them. */
export function xAxis(x: Scale, o: AxisOptions): string {
  const ticks = x.ticks.map(
    (t) =>
      `${tag("line", { class: "grid", x1: r(x(t)), x2: r(x(t)), y1: o.from, y2: o.to })}` +
      tag("text", { class: "tick", x: r(x(t)), y: o.to + 15, "text-anchor": "middle" }, esc(o.format(t))),
  );
  const title = o.title
    ? tag(
        "text",
        { class: "axis-title", x: r(o.middle ?? 0), y: o.to + 33, "text-anchor": "middle" },
        esc(o.title),
      )
    : "";
  return `<g class="axis">${ticks.join("")}${title}</g>`;
}

/** A left axis: gridlines across [from, to] in x, tick labels left of `from`. */
export function yAxis(y: Scale, o: AxisOptions): string {
  const ticks = y.ticks.map(
    (t) =>
      `${tag("line", { class: "grid", x1: o.from, x2: o.to, y1: r(y(t)), y2: r(y(t)) })}` +
      tag("text", { class: "tick", x: o.from - 6, y: r(y(t)) + 4, "text-anchor": "end" }, esc(o.format(t))),
  );
  const title = o.title
    ? tag(
        "text",
        {
          class: "axis-title",
          x: 0,
          y: 0,
          "text-anchor": "middle",
          transform: `translate(12 ${r(o.middle ?? 0)}) rotate(-90)`,
        },
        esc(o.title),
      )
    : "";
  return `<g class="axis">${ticks.join("")}${title}</g>`;
}

/**
 * An accessible chart: role="img" named by its <title> and described by its <desc> (a plain-words
 * reading of the data, for screen readers and for anyone whose browser shows no SVG).
 */
export function chart(
  o: { id: string; width: number; height: number; title: string; desc: string; class?: string },
  body: string,
): string {
  const { id } = o;
  return tag(
    "svg",
    {
      class: `chart${o.class ? ` ${o.class}` : ""}`,
      viewBox: `0 0 ${o.width} ${r(o.height)}`,
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
      preserveAspectRatio: "xMinYMin meet",
    },
    `<title id="${id}-title">${esc(o.title)}</title><desc id="${id}-desc">${esc(o.desc)}</desc>${body}`,
  );
}
