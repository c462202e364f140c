/** The dashboard in real headless Chromium: what a person sees, including the auto-refresh. */
// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is what a person sees, on purpose.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JsonlExperimentStore } from "../experiments/stores/index.js";
import { exposure, saveExperiment, traffic } from "./fixtures.js";
import { type Dashboard, startDashboard } from "./server.js";

const root = mkdtempSync(join(tmpdir(), "fp-dashboard-"));
const storeDir = join(root, "store");
const emptyDir = join(root, "empty");
let browser: Browser;
let page: Page;
let dashboard: Dashboard;
let empty: Dashboard;
const stores: JsonlExperimentStore[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const store = new JsonlExperimentStore({ dir: storeDir });
  await saveExperiment(store, "greeting");
  await saveExperiment(store, "checkout");
  await store.append(traffic("greeting", { control: 400, friendly: 400 }, { control: 40, friendly: 80 }));
  await store.append(traffic("checkout", { control: 5200, friendly: 4800 }, { control: 520, friendly: 480 }));
  await store.close();
  const reader = new JsonlExperimentStore({ dir: storeDir });
  const emptyStore = new JsonlExperimentStore({ dir: emptyDir });
  stores.push(reader, emptyStore);
  dashboard = await startDashboard({ store: reader, where: storeDir, port: 0, refreshSeconds: 0.5 });
  empty = await startDashboard({ store: emptyStore, where: emptyDir, port: 0 });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  page = await browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
}, 20_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await empty?.close();
  for (const s of stores) await s.close();
  rmSync(root, { recursive: true, force: true });
});

const rowOf = (id: string) => page.locator("#list tbody tr", { has: page.locator(`a[data-id="${id}"]`) });
/** A row's cells joined by one space: what a person reads, independent of how innerText lays it out. */
const rowText = async (id: string) =>
  (await rowOf(id).locator("th, td").allTextContents()).map((t) => t.trim()).join(" ");

describe("flowprompt dashboard in Chromium", () => {
  it("lists both experiments and shows the selected one's table, chart and no SRM warning", async () => {
    await page.goto(`${dashboard.url}#greeting`);
    await page.locator("#detail h2").filter({ hasText: "greeting" }).waitFor();
    expect(await rowText("greeting")).toMatch(
      /greeting\s+running\s+control, friendly\s+800\s+ok\s+stop: friendly wins/,
    );
    expect(await rowText("checkout")).toMatch(/checkout\s+running\s+control, friendly\s+10000\s+⚠ mismatch/);
    // Cell by cell: a row's innerText depends on layout (and the page may be redrawing on a poll).
    const cells = async (i: number) =>
      (
        await page
          .locator("#detail table")
          .first()
          .locator("tbody tr")
          .nth(i)
          .locator("th, td")
          .allTextContents()
      ).map((t) => t.trim());
    expect((await cells(0)).slice(0, 3)).toEqual(["control (control)", "400", "10.0%"]);
    expect((await cells(1)).slice(0, 3)).toEqual(["friendly", "400", "20.0%"]);
    expect(await page.locator("#detail").innerText()).toContain("Always-valid p");
    const chart = page.locator("svg.series");
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator("path").count()).toBeGreaterThanOrEqual(2);
    expect(await chart.locator("circle").count()).toBeGreaterThanOrEqual(15);
    expect(await page.locator("#srm").count()).toBe(0);
    expect(await page.locator("svg.allocation").count()).toBe(0);
  });

  it("shows a prominent SRM warning for the 5,200 / 4,800 experiment", async () => {
    await rowOf("checkout").locator("a").click();
    const banner = page.locator("#srm");
    await banner.waitFor();
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toContain(
      "SAMPLE RATIO MISMATCH: observed control 5200 / friendly 4800 units",
    );
    expect(await page.locator(".rec").innerText()).toContain("investigate: sample ratio mismatch");
  });

  it("leaves the page alone when a poll finds nothing new (no redraw under the pointer)", async () => {
    await page.locator("#detail h2").first().waitFor();
    const polls = async () => Number(await page.locator("body").getAttribute("data-loaded"));
    await page.evaluate(() => {
      for (const n of document.querySelectorAll("#list a, #detail h2"))
        (n as unknown as { kept: boolean }).kept = true;
    });
    const before = await polls();
    await page.waitForFunction((n) => Number(document.body.dataset.loaded) >= n + 2, before, {
      timeout: 15_000,
    });
    const kept = await page.evaluate(() =>
      [...document.querySelectorAll("#list a, #detail h2")].map(
        (n) => (n as unknown as { kept?: boolean }).kept === true,
      ),
    );
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.every(Boolean)).toBe(true);
  });

  it("picks up a newly appended event on the next poll", async () => {
    await page.goto(`${dashboard.url}#greeting`);
    await page.locator("#detail h2").filter({ hasText: "greeting" }).waitFor();
    const writer = new JsonlExperimentStore({ dir: storeDir });
    await writer.append([exposure("greeting", "newcomer", "friendly")]);
    await writer.close();
    await rowOf("greeting").locator("td.exposures").filter({ hasText: /^801$/ }).waitFor({ timeout: 5000 });
    const units = page.locator("#detail table").first().locator("td.units");
    expect(await units.allInnerTexts()).toEqual(["400", "401"]);
    expect(errors).toEqual([]);
  });

  it("says there are no experiments yet on an empty store", async () => {
    const p = await browser.newPage();
    await p.goto(empty.url);
    const msg = p.locator("#empty");
    await msg.waitFor();
    expect(await msg.innerText()).toContain(`No experiments yet in ${emptyDir}`);
    expect(await p.locator("#status").innerText()).toMatch(/^Updated /);
    await p.close();
  });
});
