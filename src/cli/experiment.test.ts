import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempDir } from "./test-utils/cli.js";
import {
  appendEvents as append,
  arm,
  experimentYaml as config,
  experimentSetup as setup,
} from "./test-utils/experiments.js";

describe("flowprompt experiment", () => {
  it("create saves a draft; start, pause, start, complete --winner move it; list and status show it", async () => {
    const { store, file } = setup();
    const created = await cli("experiment", "create", file, "--store", store);
    expect(created.err).toBe("");
    expect(created.code).toBe(0);
    expect(created.out).toContain("created greeting (draft)");
    expect(JSON.parse(readFileSync(join(store, "experiments", "greeting.json"), "utf8")).status).toBe(
      "draft",
    );

    expect((await cli("experiment", "start", "greeting", "--store", store)).out).toContain("draft → running");
    expect((await cli("experiment", "pause", "greeting", "--store", store)).out).toContain(
      "running → paused",
    );
    expect((await cli("experiment", "start", "greeting", "--store", store)).code).toBe(0);
    await append(store, [...arm("greeting", "control", 30, 3), ...arm("greeting", "friendly", 20, 5)]);

    const status = await cli("experiment", "status", "greeting", "--store", store);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/greeting {2}running/);
    expect(status.out).toContain("control (control)  weight 50%  30 exposures");
    expect(status.out).toContain("friendly  weight 50%  20 exposures");
    expect(status.out).toMatch(/recommendation: keep running/);

    const list = await cli("experiment", "list", "--store", store);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^id +status +variants +exposures +updated$/m);
    expect(list.out).toMatch(/^greeting +running +control, friendly +50 +\d{4}-\d\d-\d\d \d\d:\d\d$/m);

    const done = await cli("experiment", "complete", "greeting", "--winner", "friendly", "--store", store);
    expect(done.code).toBe(0);
    expect(done.out).toContain("running → completed (winner friendly)");
    const saved = JSON.parse(readFileSync(join(store, "experiments", "greeting.json"), "utf8"));
    expect([saved.status, saved.winner]).toEqual(["completed", "friendly"]);
  });

  it("an illegal transition exits 2 naming from and to", async () => {
    const { store, file } = setup();
    await cli("experiment", "create", file, "--store", store);
    const r = await cli("experiment", "pause", "greeting", "--store", store);
    expect(r.code).toBe(2);
    expect(r.err).toContain("FP_EXPERIMENT_STATUS");
    expect(r.err).toContain("cannot go from draft to paused");
  });

  it("complete --winner with an unknown variant exits 2 listing the variants", async () => {
    const { store, file } = setup();
    await cli("experiment", "create", file, "--store", store);
    await cli("experiment", "start", "greeting", "--store", store);
    const r = await cli("experiment", "complete", "greeting", "--winner", "nope", "--store", store);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Variants: control, friendly");
  });

  it("an invalid config exits 2 with file:line; creating an existing id exits 2", async () => {
    const bad = setup(config().replace("weight: 0.5 }\n", "weight: 2 }\n"));
    const r = await cli("experiment", "create", bad.file, "--store", bad.store);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/greeting\.yaml:4:\d+: experiments\["greeting"\]\.variants\[1\]\.weight/);
    const { store, file } = setup();
    expect((await cli("experiment", "create", file, "--store", store)).code).toBe(0);
    const again = await cli("experiment", "create", file, "--store", store);
    expect(again.code).toBe(2);
    expect(again.err).toContain("already exists");
  });

  it("an empty store says so and exits 0", async () => {
    const store = join(tempDir(), "empty");
    const r = await cli("experiment", "list", "--store", store);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`no experiments in ${store}\n`);
  });

  it("an unknown id exits 2 listing the known ids", async () => {
    const { store, file } = setup();
    await cli("experiment", "create", file, "--store", store);
    for (const sub of ["start", "pause", "complete", "status", "report"]) {
      const r = await cli("experiment", sub, "nope", "--store", store);
      expect(r.code, sub).toBe(2);
      expect(r.err).toContain('no experiment "nope"');
      expect(r.err).toContain("Known experiments: greeting.");
    }
  });

  it("--store and --pg together exit 2", async () => {
    const r = await cli("experiment", "list", "--store", "x", "--pg", "postgres://localhost/x");
    expect(r.code).toBe(2);
    expect(r.err).toContain("pass one of them");
  });
});
