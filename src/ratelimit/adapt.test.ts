import { describe, expect, it } from "vitest";
import { rateLimits } from "./limiter.js";
import { SimClock, simulate } from "./test-utils/sim-clock.js";

let clock = new SimClock();

/** Acquires a permit, letting simulated time run until it is granted. */
const once = async (limiter: ReturnType<typeof rateLimits>, model = "openai:a") => {
  const permit = limiter.acquire({ model, estimatedTokens: 0 });
  await clock.runAll();
  return permit;
};

describe("rateLimits: adapting to 429s", () => {
  it("slows down after a 429, then recovers additively to the configured pace", async () => {
    clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 600, burstSeconds: 0.1 } }, { clock });
    const calls = Array.from({ length: 100 }, (_, i) => ({
      model: "openai:gpt-4o",
      durationMs: 50,
      ...(i === 20 && { rateLimited: true }),
    }));
    const { records } = await simulate(clock, limiter, calls);
    const gaps = records.slice(1).map((r, i) => r.startedAt - records[i]!.startedAt);
    expect(gaps.slice(0, 20).every((gap) => gap === 100)).toBe(true); // 600 rpm
    expect(records[21]!.startedAt).toBe(2000 + 50 + 1000 + 200); // a 1 s cool-down, then half the pace
    expect(gaps[21]).toBeGreaterThan(190); // about 306 rpm
    expect(gaps.at(-1)).toBe(100); // recovered
    expect(limiter.stats().openai).toMatchObject({ effectiveRpm: 600, rateLimitedCount: 1 });
  });

  it("pauses for retry-after, else for a cool-down that doubles on each 429 in a row", async () => {
    clock = new SimClock();
    const limiter = rateLimits({ openai: { concurrency: 1 } }, { clock });
    const startsAfter429 = async (retryAfterMs?: number) => {
      const permit = await once(limiter);
      permit.release({ tokens: 0, rateLimited: true, retryAfterMs });
      const paused = limiter.stats().openai!.pausedMs;
      const before = clock.now();
      const next = once(limiter);
      await clock.runAll();
      (await next).release({ tokens: 0, rateLimited: true });
      return [paused, clock.now() - before];
    };
    expect(await startsAfter429(2500)).toEqual([2500, 2500]);
    await clock.runAll(); // the pause after the last call's 429
    expect(await startsAfter429()).toEqual([4000, 4000]); // the 3rd 429 in a row: 1 s, 2 s, 4 s
    await clock.runAll();
    (await once(limiter)).release({ tokens: 0 }); // a success resets the cool-down
    expect(await startsAfter429()).toEqual([1000, 1000]);
    expect(limiter.stats().openai!.rateLimitedCount).toBe(6); // two per startsAfter429()
  });

  it("decreases once for the calls that were already in flight when the first 429 came", async () => {
    clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 1000, burstSeconds: 60 } }, { clock });
    const permits = await Promise.all(Array.from({ length: 8 }, () => once(limiter)));
    for (const permit of permits) permit.release({ tokens: 0, rateLimited: true });
    expect(limiter.stats().openai).toMatchObject({ effectiveRpm: 500, rateLimitedCount: 8, pausedMs: 1000 });
    await clock.advance(1000);
    (await once(limiter)).release({ tokens: 0, rateLimited: true });
    expect(limiter.stats().openai!.effectiveRpm).toBe(250);
  });

  it("slows down only a little when the 429 says when to come back (retry-after)", async () => {
    clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 1000 } }, { clock });
    (await once(limiter)).release({ tokens: 0, rateLimited: true, retryAfterMs: 500 });
    expect(limiter.stats().openai).toMatchObject({ effectiveRpm: 900, pausedMs: 500 });
  });

  it("never lowers the pace below minFactor, nor raises it above the limit", async () => {
    clock = new SimClock();
    const adaptive = { decrease: 0.1, increase: 0.5, minFactor: 0.2, cooldownMs: 1 };
    const limiter = rateLimits({ openai: { rpm: 100, tpm: 10_000, burstSeconds: 60 } }, { clock, adaptive });
    (await once(limiter)).release({ tokens: 0, rateLimited: true });
    expect(limiter.stats().openai).toMatchObject({ effectiveRpm: 20, effectiveTpm: 2000 });
    await clock.advance(1000);
    for (let i = 0; i < 3; i++) (await once(limiter)).release({ tokens: 0 });
    expect(limiter.stats().openai).toMatchObject({ effectiveRpm: 100, effectiveTpm: 10_000 });
  });

  it("adapts the most specific key of the call: the model's, not the whole provider's", async () => {
    clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 600 }, "openai:gpt-4o": {} }, { clock });
    (await once(limiter, "openai:gpt-4o")).release({ tokens: 0, rateLimited: true, retryAfterMs: 5000 });
    const stats = limiter.stats();
    expect(stats["openai:gpt-4o"]).toMatchObject({ pausedMs: 5000, rateLimitedCount: 1, effectiveRpm: null });
    expect(stats.openai).toMatchObject({ pausedMs: 0, rateLimitedCount: 1, effectiveRpm: 600 });
    const { records } = await simulate(clock, limiter, [
      { model: "openai:gpt-4o" },
      { model: "openai:mini", arriveAt: 1 },
    ]);
    expect(records.map((r) => [r.model, r.startedAt])).toEqual([
      ["openai:mini", 1],
      ["openai:gpt-4o", 5000],
    ]);
  });

  it("only counts 429s when adaptation is off", async () => {
    clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 600 } }, { clock, adaptive: false });
    (await once(limiter)).release({ tokens: 0, rateLimited: true, retryAfterMs: 5000 });
    (await once(limiter)).release({ tokens: 0 });
    expect(limiter.stats().openai).toMatchObject({ pausedMs: 0, effectiveRpm: 600, rateLimitedCount: 1 });
  });
});
