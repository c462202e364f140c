import { describe, expect, it } from "vitest";
import { MemoryExperimentStore } from "../experiments/stores/index.js";
import { type ExperimentDetail, type ExperimentList, SERIES_POINTS } from "./api.js";
import { saveExperiment, traffic } from "./fixtures.js";
import { startDashboard } from "./server.js";

async function filled() {
  const store = new MemoryExperimentStore();
  await saveExperiment(store, "greeting");
  await saveExperiment(store, "checkout");
  await store.append(traffic("greeting", { control: 400, friendly: 400 }, { control: 40, friendly: 80 }));
  await store.append(traffic("checkout", { control: 5200, friendly: 4800 }, { control: 520, friendly: 480 }));
  return store;
}

async function get(url: string): Promise<{ status: number; type: string; body: string; csp: string }> {
  const r = await fetch(url);
  return {
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    csp: r.headers.get("content-security-policy") ?? "",
    body: await r.text(),
  };
}

describe("dashboard API", () => {
  it("lists experiments with status, variants, exposures, SRM flag and recommendation", async () => {
    const d = await startDashboard({ store: await filled(), where: "mem", port: 0 });
    try {
      const r = await get(`${d.url}api/experiments`);
      expect(r.status).toBe(200);
      expect(r.type).toContain("application/json");
      const list = JSON.parse(r.body) as ExperimentList;
      expect(list.store).toBe("mem");
      expect(list.experiments.map((e) => [e.id, e.status, e.exposures, e.srm])).toEqual([
        ["checkout", "running", 10000, true],
        ["greeting", "running", 800, false],
      ]);
      expect(list.experiments[0]!.variants).toEqual(["control", "friendly"]);
      expect(list.experiments[0]!.recommendation).toContain("sample ratio mismatch");
      expect(list.experiments[1]!.recommendation).toBe("stop: friendly wins");
    } finally {
      await d.close();
    }
  });

  it("gives one experiment's analysis, the sequential series and no allocation without a bandit", async () => {
    const d = await startDashboard({ store: await filled(), port: 0 });
    try {
      const detail = JSON.parse((await get(`${d.url}api/experiments/greeting`)).body) as ExperimentDetail;
      expect(detail.experiment.id).toBe("greeting");
      expect(detail.primaryMetric).toBe("converted");
      const m = detail.analysis.metrics[0]!;
      expect(m.variants.map((v) => [v.variant, v.units, v.mean])).toEqual([
        ["control", 400, 0.1],
        ["friendly", 400, 0.2],
      ]);
      expect(m.comparisons[0]!.pValue).toBeLessThan(0.05);
      expect(detail.srmBanner).toBe(false);
      expect(detail.series).toHaveLength(SERIES_POINTS);
      expect(detail.series.at(-1)).toMatchObject({ exposures: 800, variant: "friendly" });
      expect(detail.series.at(-1)!.pValue).toBeCloseTo(m.comparisons[0]!.pValue, 10);
      const widths = detail.series.map((p) => p.upper - p.lower).filter((w) => Number.isFinite(w) && w > 0);
      expect(widths.at(-1)!).toBeLessThan(widths[0]!);
      expect(detail.allocation).toBeNull();
    } finally {
      await d.close();
    }
  });

  it("gives the bandit allocation over time when exposures carry bandit decisions", async () => {
    const store = new MemoryExperimentStore();
    await saveExperiment(store, "bandit");
    await store.append(traffic("bandit", { control: 100, friendly: 300 }, {}, { bandit: true }));
    const d = await startDashboard({ store, port: 0 });
    try {
      const detail = JSON.parse((await get(`${d.url}api/experiments/bandit`)).body) as ExperimentDetail;
      expect(detail.allocation!.length).toBe(SERIES_POINTS);
      expect(detail.allocation![0]!.shares).toEqual({ control: 0.5, friendly: 0.5 });
      expect(detail.allocation!.at(-1)!.shares).toEqual({ control: 0, friendly: 1 });
    } finally {
      await d.close();
    }
  });

  it("serves the page with a strict CSP, 404s unknown ids and paths, refuses other methods", async () => {
    const d = await startDashboard({ store: new MemoryExperimentStore(), where: "<b>x</b>", port: 0 });
    try {
      const page = await get(d.url);
      expect(page.status).toBe(200);
      expect(page.csp).toContain("default-src 'none'");
      expect(page.csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(page.body).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
      expect(page.body).toContain("&lt;b&gt;x&lt;/b&gt;");
      expect(page.body).not.toContain("<b>x</b>");
      expect(JSON.parse((await get(`${d.url}api/experiments`)).body)).toEqual({
        store: "<b>x</b>",
        experiments: [],
      });
      const missing = await get(`${d.url}api/experiments/nope`);
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body).error).toContain('no experiment "nope"');
      expect((await get(`${d.url}elsewhere`)).status).toBe(404);
      expect((await fetch(d.url, { method: "POST" })).status).toBe(405);
    } finally {
      await d.close();
    }
  });
});
