import { describe, expect, it } from "vitest";
import type { ExperimentEvent, ExperimentStore, StoredExperiment } from "../../core/ports.js";

/**
 * Makes a store. Called with no `shareWith`: a fresh, empty store. Called with the store it
 * returned earlier: a second instance on the same data (same file, same database tables), as a
 * second app instance would open it.
 */
export type MakeExperimentStore = (shareWith?: ExperimentStore) => ExperimentStore | Promise<ExperimentStore>;

let sequence = 0;

export function event(overrides: Partial<ExperimentEvent> = {}): ExperimentEvent {
  sequence++;
  return {
    id: `ev-${sequence}`,
    experimentId: "exp-a",
    unitId: `user-${sequence % 7}`,
    variant: sequence % 2 ? "control" : "treatment",
    kind: "exposure",
    propensity: 0.5,
    at: 1_700_000_000_000 + sequence,
    ...overrides,
  };
}

export function experiment(overrides: Partial<StoredExperiment> = {}): StoredExperiment {
  return {
    id: "exp-a",
    status: "draft",
    config: {
      variants: [
        { id: "control", weight: 0.5 },
        { id: "treatment", weight: 0.5 },
      ],
      seed: "s",
    },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** The behaviour every ExperimentStore must have: `runExperimentStoreSuite("X", () => new X())`. */
export function runExperimentStoreSuite(name: string, makeStore: MakeExperimentStore): void {
  describe(`${name} (shared ExperimentStore suite)`, () => {
    /** A fresh store, closed by the returned cleanup. */
    async function withStore<T>(test: (store: ExperimentStore) => Promise<T>): Promise<T> {
      const store = await makeStore();
      try {
        return await test(store);
      } finally {
        await store.close();
      }
    }

    it("declares port version 1 and a kind", () =>
      withStore(async (store) => {
        expect(store.portVersion).toBe(1);
        expect(store.kind).toMatch(/^[a-z]+$/);
      }));

    it("reads nothing for an experiment with no events", () =>
      withStore(async (store) => {
        expect(await store.events("nobody")).toEqual([]);
      }));

    it("reads back what was appended, field for field, in append order, per experiment", () =>
      withStore(async (store) => {
        const outcome = event({
          kind: "outcome",
          metric: "rating",
          value: 0.75,
          attributes: { plan: "pro", n: 2 },
        });
        const odd = event({ experimentId: "exp 2/ü", unitId: "ü:1", value: -1e-9, at: 1_700_000_000_000.5 });
        const first = [event(), outcome, odd];
        await store.append(first);
        const later = [event(), event({ propensity: undefined })];
        await store.append(later);
        expect(await store.events("exp-a")).toEqual([first[0], outcome, ...later]);
        expect(await store.events("exp 2/ü")).toEqual([odd]);
        await store.append([]);
        expect(await store.events("exp-a")).toHaveLength(4);
      }));

    it("keeps stored events apart from the objects it was given", () =>
      withStore(async (store) => {
        const given = event({ attributes: { plan: "pro" } });
        const copy = structuredClone(given);
        await store.append([given]);
        given.variant = "changed";
        (given.attributes as { plan: string }).plan = "changed";
        const [read] = await store.events("exp-a");
        expect(read).toEqual(copy);
        read!.variant = "changed again";
        expect(await store.events("exp-a")).toEqual([copy]);
      }));

    it("returns only the events after `since` (epoch ms, exclusive)", () =>
      withStore(async (store) => {
        const events = [10, 20, 30, 40].map((at) => event({ at }));
        await store.append(events);
        expect(await store.events("exp-a", { since: 20 })).toEqual(events.slice(2));
        expect(await store.events("exp-a", { since: 0 })).toEqual(events);
        expect(await store.events("exp-a", { since: 40 })).toEqual([]);
      }));

    it("is idempotent by event id: a repeated id is ignored, first write wins", () =>
      withStore(async (store) => {
        const a = event();
        const b = event();
        await store.append([a, b]);
        await store.append([{ ...a, variant: "retried" }, event({ id: a.id, experimentId: "exp-b" })]);
        await store.append([b, b]);
        expect(await store.events("exp-a")).toEqual([a, b]);
        expect(await store.events("exp-b")).toHaveLength(1);
      }));

    it("rejects an invalid event, naming it, and writes nothing of that call", () =>
      withStore(async (store) => {
        const bad = { ...event(), at: Number.NaN };
        await expect(store.append([event(), bad])).rejects.toThrow(/event \[1\].*"at"/);
        expect(await store.events("exp-a")).toEqual([]);
      }));

    it("saves, gets, lists and updates definitions", () =>
      withStore(async (store) => {
        expect(await store.getExperiment("exp-a")).toBeUndefined();
        expect(await store.listExperiments()).toEqual([]);
        const b = experiment({ id: "exp-b" });
        const a = experiment();
        await store.saveExperiment(b);
        await store.saveExperiment(a);
        expect(await store.getExperiment("exp-a")).toEqual(a);
        expect(await store.listExperiments()).toEqual([a, b]);
        const done = { ...a, status: "completed" as const, winner: "treatment", updatedAt: a.updatedAt + 5 };
        await store.saveExperiment(done);
        expect(await store.getExperiment("exp-a")).toEqual(done);
        expect(await store.listExperiments()).toEqual([done, b]);
      }));

    it("loses and duplicates nothing under 20 concurrent writers × 200 events on 2 instances", async () => {
      const first = await makeStore();
      const second = await makeStore(first);
      try {
        const writers = Array.from({ length: 20 }, (_, w) => async () => {
          const store = w % 2 ? second : first;
          for (let i = 0; i < 200; i += 10) {
            const batch = Array.from({ length: 10 }, (_, k) =>
              event({ id: `w${w}-${i + k}`, experimentId: "exp-load", at: i + k }),
            );
            await store.append(batch);
            if (i === 100) await store.append(batch.slice(0, 3)); // a retry
          }
        });
        await Promise.all(writers.map((write) => write()));
        for (const store of [first, second]) {
          const read = await store.events("exp-load");
          expect(read).toHaveLength(4000);
          expect(new Set(read.map((e) => e.id)).size).toBe(4000);
          for (let w = 0; w < 20; w++) {
            const mine = read.filter((e) => e.id.startsWith(`w${w}-`)).map((e) => e.at);
            expect(mine).toEqual([...mine].sort((x, y) => x - y));
          }
        }
      } finally {
        await second.close();
        await first.close();
      }
    });

    it("closes (twice without harm)", async () => {
      const store = await makeStore();
      await store.append([event()]);
      await store.close();
      await store.close();
    });
  });
}
