import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./test-utils/cli.js";
import { appendEvents, arm, experimentSetup, experimentYaml, unexposed } from "./test-utils/experiments.js";

/** A created, running experiment with the given events. */
async function running(events: Parameters<typeof appendEvents>[1], yaml = experimentYaml()) {
  const s = experimentSetup(yaml);
  expect((await cli("experiment", "create", s.file, "--store", s.store)).code).toBe(0);
  expect((await cli("experiment", "start", "greeting", "--store", s.store)).code).toBe(0);
  await appendEvents(s.store, events);
  return s;
}

describe("flowprompt experiment report", () => {
  it("prints the terminal report: variants, metrics, comparisons, unexposed outcomes, the recommendation", async () => {
    const { store } = await running([
      ...arm("greeting", "control", 400, 40),
      ...arm("greeting", "friendly", 400, 80),
      unexposed("greeting", "ghost", "friendly"),
    ]);
    const r = await cli("experiment", "report", "greeting", "--store", store);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Experiment greeting · status running · 2 variants · 800 units exposed/);
    expect(r.out).toMatch(/control \(control\) +400 +10\.0% +\[/);
    expect(r.out).toMatch(/friendly +400 +20\.0% +\[/);
    expect(r.out).toContain("always-valid p");
    expect(r.out).toMatch(/friendly +\+10\.0 pp +\+100\.0% +\[\+[\d.]+ pp, \+[\d.]+ pp\]/);
    expect(r.out).toContain("1 outcome from 1 unit never exposed (converted 1)");
    expect(r.out).toContain("Recommendation: stop: friendly wins");
    expect(r.out).not.toContain("SAMPLE RATIO MISMATCH");
  });

  it("shows the SRM banner at 5,200 / 4,800 exposures on a 50/50 split, in every format", async () => {
    const { store, dir } = await running([
      ...arm("greeting", "control", 5200, 520),
      ...arm("greeting", "friendly", 4800, 480),
    ]);
    const text = await cli("experiment", "report", "greeting", "--store", store);
    expect(text.out).toContain("⚠ SAMPLE RATIO MISMATCH: observed control 5200 / friendly 4800 units");
    expect(text.out).toContain("Recommendation: investigate: sample ratio mismatch");
    const status = await cli("experiment", "status", "greeting", "--store", store);
    expect(status.out).toContain("sample ratio mismatch");
    const md = await cli("experiment", "report", "greeting", "--markdown", "--store", store);
    expect(md.out).toContain("> [!WARNING]\n> **SAMPLE RATIO MISMATCH");
    const json = JSON.parse((await cli("experiment", "report", "greeting", "--json", "--store", store)).out);
    expect(json.srmBanner).toBe(true);
    expect(json.analysis.srm.flagged).toBe(true);
    const file = join(dir, "out", "report.html");
    expect((await cli("experiment", "report", "greeting", "--html", file, "--store", store)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain('<div class="banner" role="alert">⚠ SAMPLE RATIO MISMATCH');
  });

  it("--json is stable (the same store gives the same bytes) and --markdown <path> writes a file", async () => {
    const { store, dir } = await running([
      ...arm("greeting", "control", 50, 5),
      ...arm("greeting", "friendly", 50, 9),
    ]);
    const a = await cli("experiment", "report", "greeting", "--json", "--store", store);
    const b = await cli("experiment", "report", "greeting", "--json", "--store", store);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const json = JSON.parse(a.out);
    expect(Object.keys(json)).toEqual([
      "version",
      "experiment",
      "events",
      "variants",
      "srmBanner",
      "analysis",
    ]);
    expect(json.variants.map((v: { name: string; units: number }) => [v.name, v.units])).toEqual([
      ["control", 50],
      ["friendly", 50],
    ]);
    expect(json.analysis.recommendation).toMatch(/^keep running/);
    const path = join(dir, "report.md");
    const md = await cli("experiment", "report", "greeting", "--markdown", path, "--store", store);
    expect(md.code).toBe(0);
    expect(md.err).toContain(`Markdown report written to ${path}`);
    expect(readFileSync(path, "utf8")).toMatch(/^## Experiment `greeting`/);
  });

  it("the HTML report escapes hostile variant names and loads nothing from the network", async () => {
    const evil = `</script><img src=x onerror=alert(1)>"'&`;
    const { store, dir } = await running(
      [...arm("greeting", "ok", 120, 12), ...arm("greeting", evil, 120, 30)],
      experimentYaml("greeting", ["ok", evil]),
    );
    const file = join(dir, "report.html");
    const r = await cli("experiment", "report", "greeting", "--html", file, "--store", store);
    expect(r.code).toBe(0);
    const html = readFileSync(file, "utf8");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("</script>");
    expect(html).toContain("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).toContain("<svg");
  });

  it("more than one output flag exits 2", async () => {
    const { store } = await running([]);
    const r = await cli("experiment", "report", "greeting", "--json", "--markdown", "--store", store);
    expect(r.code).toBe(2);
  });
});
