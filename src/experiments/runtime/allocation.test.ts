import { describe, expect, it } from "vitest";
import type { ExperimentStore } from "../../core/ports.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { MemoryStickyStore } from "../assignment/index.js";
import type { ExperimentConfig } from "../config/index.js";
import { MemoryExperimentStore } from "../stores/index.js";
import { banditConfig, traffic } from "./allocation-fixtures.js";
import { banditAttributes } from "./allocation-summary.js";
import { createExperiment } from "./index.js";

async function started(store: ExperimentStore, extra: Partial<ExperimentConfig> = {}, minShare = 0.05) {
  const exp = await createExperiment(banditConfig(extra), { store, bandit: { minShare, draws: 400 } });
  if (exp.status !== "running") await exp.start();
  return exp;
}

describe("bandit allocation", () => {
  it("sends most later traffic to the variant that converts better, keeping minShare", async () => {
    const store = new MemoryExperimentStore();
    const exp = await started(store, {}, 0.1);
    const rng = new Xoshiro128(7);
    await traffic(exp, 0, 300, rng);
    const late = await traffic(exp, 300, 500, rng);
    const share = late.filter((v) => v === "better").length / late.length;
    expect(share).toBeGreaterThan(0.7);
    const { allocation, analysis } = await exp.results();
    expect(allocation?.policy).toBe("thompson-beta");
    expect(allocation?.probabilities.better).toBeGreaterThan(0.85);
    expect(allocation?.probabilities.control).toBeGreaterThanOrEqual(0.1 - 1e-12);
    expect(allocation?.probabilities.better).toBeLessThanOrEqual(0.9 + 1e-12);
    expect(allocation?.state.totalPulls).toBe(500);
    expect(allocation?.timeline).toHaveLength(5);
    expect(allocation?.timeline[4]?.shares.better).toBeGreaterThan(0.7);
    expect(allocation!.timeline[0]!.shares.better).toBeLessThan(allocation!.timeline[4]!.shares.better!);
    expect(analysis?.srm.flagged).toBe(false);
  });

  it("records the policy's propensity and decision id on each exposure; units stay sticky", async () => {
    const store = new MemoryExperimentStore();
    const exp = await started(store);
    await traffic(exp, 0, 40, new Xoshiro128(1));
    const exposures = (await store.events("offer")).filter((e) => e.kind === "exposure");
    expect(exposures).toHaveLength(40);
    exposures.forEach((e, i) => {
      const bandit = banditAttributes(e)!;
      expect(bandit.decisionId).toBe(`d${i + 1}`);
      expect(bandit.policy).toBe("thompson-beta");
      expect(e.propensity).toBeGreaterThan(0);
      expect(e.propensity).toBe(bandit.probabilities[e.variant]);
    });
    const again = await exp.expose("u3");
    expect([again.variant, again.reason]).toEqual([exposures[3]!.variant, "exposed"]);
    const fresh = exp.assign("new-unit");
    expect(fresh.reason).toBe("bandit");
    expect(exp.assign("new-unit").variant).toBe(fresh.variant);
    expect((await exp.expose("new-unit")).variant).toBe(fresh.variant);
  });

  it("takes delayed, out-of-order rewards and counts only the first primary outcome", async () => {
    const store = new MemoryExperimentStore();
    const exp = await started(store, { guardrails: [{ name: "rating", kind: "continuous" }] });
    for (let i = 0; i < 30; i++) await exp.expose(`u${i}`);
    let state = (await exp.results()).allocation!.state;
    expect([state.pending.length, state.totalPulls]).toEqual([30, 0]);
    for (let i = 29; i >= 0; i--) {
      expect((await exp.record(`u${i}`, "converted", i % 3 === 0)).reward).toBe("rewarded");
    }
    expect((await exp.record("u5", "converted", true)).reward).toBe("already-rewarded");
    expect((await exp.record("u5", "rating", 4)).reward).toBeUndefined();
    const stray = await exp.record("nobody", "converted", true);
    expect([stray.unexposed, stray.reward]).toEqual([true, "no-decision"]);
    state = (await exp.results()).allocation!.state;
    expect([state.pending.length, state.totalPulls]).toEqual([0, 30]);
    expect((await exp.results()).outcomes.converted!.control!.count).toBeGreaterThan(0);
  });

  it("applies targeting, coverage and holdouts before the bandit picks", async () => {
    const store = new MemoryExperimentStore();
    const exp = await started(store, { targeting: { plan: "pro" }, coverage: 0.5 });
    expect(exp.assign({ id: "x", attributes: { plan: "free" } }).reason).toBe("not-targeted");
    const reasons = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const r = (await exp.expose({ id: `u${i}`, attributes: { plan: "pro" } })).reason;
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    expect([...reasons.keys()].sort()).toEqual(["bandit", "not-covered"]);
    expect(reasons.get("bandit")).toBeGreaterThan(70);
    const { allocation } = await exp.results();
    expect(allocation?.state.decisions).toBe(reasons.get("bandit"));
  });

  it("uses Gaussian Thompson on a continuous metric and maximises a decreasing one", async () => {
    const store = new MemoryExperimentStore();
    const exp = await started(store, {
      primaryMetric: { name: "seconds", kind: "continuous", direction: "decrease" },
    });
    const rng = new Xoshiro128(3);
    const late: string[] = [];
    for (let i = 0; i < 200; i++) {
      const { variant } = await exp.expose(`u${i}`);
      if (i >= 150) late.push(variant);
      await exp.record(`u${i}`, "seconds", (variant === "better" ? 2 : 3) + rng.nextFloat());
    }
    const { allocation } = await exp.results();
    expect(allocation?.policy).toBe("thompson-gaussian");
    expect(late.filter((v) => v === "better").length).toBeGreaterThan(40);
  });

  it("writes the bandit's pick, not the weighted one, to the sticky store", async () => {
    const store = new MemoryExperimentStore();
    const sticky = new MemoryStickyStore();
    const exp = await createExperiment(banditConfig(), { store, sticky, bandit: { minShare: 0.05 } });
    await exp.start();
    const picks = await Promise.all(["s1", "s2", "s3", "s4"].map((u) => exp.expose(u)));
    const again = await createExperiment(banditConfig(), { store: new MemoryExperimentStore(), sticky });
    await again.start();
    for (const [i, p] of picks.entries()) {
      expect(sticky.get(`s${i + 1}`, "offer")).toEqual({ variant: p.variant, propensity: p.propensity });
      const kept = again.assign(`s${i + 1}`);
      expect([kept.variant, kept.reason]).toEqual([p.variant, "sticky"]);
    }
  });

  it("rejects bad bandit options with the option's name", async () => {
    const store = new MemoryExperimentStore();
    await expect(createExperiment(banditConfig(), { store, bandit: { minShare: 0.9 } })).rejects.toThrow(
      "minShare",
    );
    await expect(createExperiment(banditConfig(), { store, bandit: { bucketSize: 0 } })).rejects.toThrow(
      "bandit.bucketSize",
    );
  });

  it("keeps fixed allocation as before: no policy, no bandit attributes", async () => {
    const store = new MemoryExperimentStore();
    const exp = await started(store, { allocation: "fixed" });
    const a1 = await exp.expose("u1");
    expect(a1.reason).toBe("assigned");
    expect(a1.propensity).toBe(0.5);
    expect((await exp.record("u1", "converted", true)).reward).toBeUndefined();
    const results = await exp.results();
    expect(results.allocation).toBeUndefined();
    expect(results.events[0]!.attributes).toBeUndefined();
  });
});
