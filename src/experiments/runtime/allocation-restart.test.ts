import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ExperimentStore } from "../../core/ports.js";
import { Xoshiro128 } from "../../stats/rng.js";
import type { Allocation } from "../config/index.js";
import { JsonlExperimentStore, MemoryExperimentStore } from "../stores/index.js";
import { banditConfig, traffic } from "./allocation-fixtures.js";
import { banditAttributes } from "./allocation-summary.js";
import { createExperiment } from "./index.js";

const root = mkdtempSync(join(tmpdir(), "fp-exp-alloc-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

const stores: [string, () => ExperimentStore][] = [
  ["memory", () => new MemoryExperimentStore()],
  ["jsonl", () => new JsonlExperimentStore({ dir: join(root, `s${dirs++}`) })],
];
const policies: Allocation[] = ["thompson", "ucb1", "epsilon-greedy"];
const options = { bandit: { minShare: 0.05, draws: 300 } };

describe.each(stores)("bandit allocation after a restart on the %s store", (_kind, makeStore) => {
  it.each(policies)(
    "%s: rebuilds the same probabilities and continues the same decisions",
    async (allocation) => {
      const config = banditConfig({ allocation });
      const [s1, s2] = [makeStore(), makeStore()];
      const [e1, e2] = await Promise.all([
        createExperiment(config, { store: s1, ...options }),
        createExperiment(config, { store: s2, ...options }),
      ]);
      await e1.start();
      await e2.start();
      await traffic(e1, 0, 120, new Xoshiro128(5));
      await traffic(e2, 0, 120, new Xoshiro128(5));
      // exposed, reward still to come: it arrives after the restart
      const pendingVariant = (await e2.expose("late")).variant;
      await e1.expose("late");
      const before = (await e2.results()).allocation!;

      const restarted = await createExperiment(config, { store: s2, ...options });
      expect(restarted.status).toBe("running");
      const after = (await restarted.results()).allocation!;
      expect(after.probabilities).toEqual(before.probabilities);
      expect(after.state.totalPulls).toBe(before.state.totalPulls);
      expect(after.state.arms.map((a) => a.meanReward)).toEqual(before.state.arms.map((a) => a.meanReward));

      expect((await restarted.record("late", "converted", true)).reward).toBe("rewarded");
      expect((await restarted.record("late", "converted", true)).reward).toBe("already-rewarded");
      expect((await restarted.record("u3", "converted", true)).reward).toBe("already-rewarded");
      expect((await restarted.expose("late")).variant).toBe(pendingVariant);
      await e1.record("late", "converted", true);

      const rng = new Xoshiro128(9);
      const continued = await traffic(e1, 200, 240, rng);
      const resumed = await traffic(restarted, 200, 240, new Xoshiro128(9));
      expect(resumed).toEqual(continued);
      const ids = (await s2.events("offer")).flatMap((e) =>
        e.kind === "exposure" ? [banditAttributes(e)?.decisionId] : [],
      );
      expect(ids).not.toContain(undefined);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.at(-1)).toBe("d161");
    },
  );
});
