import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ExperimentEvent, ExperimentStore } from "../../core/ports.js";
import { ExperimentBufferFullError } from "./buffer-full-error.js";
import { BufferedExperimentStore } from "./buffered-store.js";
import { JsonlExperimentStore } from "./jsonl-store.js";
import { MemoryExperimentStore } from "./memory-store.js";
import { event, runExperimentStoreSuite } from "./store.case.js";

const root = mkdtempSync(join(tmpdir(), "fp-buffered-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

runExperimentStoreSuite("BufferedExperimentStore(memory)", (shareWith?: ExperimentStore) =>
  shareWith instanceof BufferedExperimentStore
    ? new BufferedExperimentStore(shareWith.inner)
    : new BufferedExperimentStore(new MemoryExperimentStore()),
);

/** A memory store that fails every append while `down` is true. */
class FlakyStore extends MemoryExperimentStore {
  down = true;
  attempts = 0;
  override async append(events: readonly ExperimentEvent[]): Promise<void> {
    this.attempts++;
    if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    return super.append(events);
  }
}

describe("BufferedExperimentStore", () => {
  it("buffers while the store is down, retries with backoff, reports, then writes everything in order", async () => {
    const inner = new FlakyStore();
    const errors: { buffered: number; attempt: number }[] = [];
    const store = new BufferedExperimentStore(inner, {
      retryMs: 10,
      onError: (_e, info) => errors.push(info),
    });
    const events = Array.from({ length: 6 }, () => event({ experimentId: "buf" }));
    await store.append(events.slice(0, 3));
    await store.append(events.slice(3));
    expect(store.stats()).toMatchObject({ buffered: 6, written: 0, degraded: true });
    expect(errors[0]).toEqual({ buffered: 3, attempt: 1 });
    expect(await store.events("buf")).toEqual(events); // reads see buffered events
    await sleep(80); // retries at 10, 20, 40 ms
    expect(inner.attempts).toBeGreaterThanOrEqual(3);
    expect(inner.attempts).toBeLessThan(7);
    inner.down = false;
    await store.flush();
    expect(await inner.events("buf")).toEqual(events);
    expect(store.stats()).toMatchObject({ buffered: 0, written: 6, degraded: false, refused: 0 });
    expect(store.stats().failures).toBeGreaterThanOrEqual(3);
    await store.close();
  });

  it("rejects with a clear error when the buffer is full, never dropping silently", async () => {
    const inner = new FlakyStore();
    const store = new BufferedExperimentStore(inner, { retryMs: 60_000, maxBuffer: 5 });
    await store.append([event(), event(), event()]);
    const error = await store.append([event(), event(), event()]).catch((e: unknown) => e);
    expect(ExperimentBufferFullError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Experiment store "memory" is unavailable and its buffer is full (3 of 5 events waiting): ' +
        "3 new event(s) were refused, not stored.",
    );
    expect(((error as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
    expect(store.stats()).toMatchObject({ buffered: 3, refused: 3 });
    await expect(store.close()).rejects.toThrow(/3 buffered event\(s\) could not be written/);
    expect(store.pending()).toHaveLength(3);
    inner.down = false;
    await store.close();
    expect(await inner.events("exp-a")).toHaveLength(3);
  });

  it("rejects invalid events at once instead of buffering them", async () => {
    const store = new BufferedExperimentStore(new FlakyStore(), { retryMs: 60_000 });
    await expect(store.append([{ ...event(), kind: "click" as "exposure" }])).rejects.toThrow(/"kind"/);
    expect(store.stats().buffered).toBe(0);
    await store.close();
  });

  it("rides out an unwritable JSONL directory and writes once it is fixed", async () => {
    const dir = join(root, "blocked");
    writeFileSync(dir, "a file where the directory should be");
    const reported: unknown[] = [];
    const store = new BufferedExperimentStore(new JsonlExperimentStore({ dir }), {
      retryMs: 5,
      onError: (e) => reported.push(e),
    });
    const events = [event({ experimentId: "j" }), event({ experimentId: "j" })];
    await store.append(events);
    expect(String(reported[0])).toMatch(/ENOTDIR|EEXIST/);
    rmSync(dir);
    for (let i = 0; i < 100 && store.stats().buffered > 0; i++) await sleep(5);
    expect(store.stats().buffered).toBe(0);
    expect(await new JsonlExperimentStore({ dir }).events("j")).toEqual(events);
    await store.close();
  });
});
