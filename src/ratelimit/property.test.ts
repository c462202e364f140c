import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateLimits } from "./limiter.js";
import { SimClock, type SimRecord, simulate } from "./test-utils/sim-clock.js";
import type { KeyLimits } from "./types.js";

const MINUTE = 60_000;

const limitsArb = fc.record(
  {
    concurrency: fc.integer({ min: 1, max: 5 }),
    rpm: fc.integer({ min: 1, max: 40 }),
    tpm: fc.integer({ min: 100, max: 5000 }),
    burstSeconds: fc.constantFrom(0.5, 1, 5, 60),
  },
  { requiredKeys: [] },
);

const callArb = fc
  .record({
    model: fc.constantFrom("p:m1", "p:m2"),
    arriveAt: fc.integer({ min: 0, max: 4 * MINUTE }),
    estimatedTokens: fc.integer({ min: 0, max: 2000 }),
    usedShare: fc.constantFrom(0, 0.5, 1),
    durationMs: fc.integer({ min: 0, max: 30_000 }),
    rateLimited: fc.constantFrom(false, false, false, false, true),
    retryAfterMs: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
  })
  .map(({ usedShare, ...call }) => ({ ...call, actualTokens: Math.round(call.estimatedTokens * usedShare) }));

/** The calls started within each 60 s window [t, t + 60 s) that begins at a start. */
function minuteWindows(records: readonly SimRecord[]): SimRecord[][] {
  return records.map(({ startedAt: t }) =>
    records.filter((r) => r.startedAt >= t && r.startedAt < t + MINUTE),
  );
}

/** The most calls in flight at once (a call ending at t frees its slot for one starting at t). */
function peakInFlight(records: readonly SimRecord[]): number {
  const events = records.flatMap((r) => [
    { at: r.startedAt, delta: 1 },
    { at: r.endedAt, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const { delta } of events) {
    running += delta;
    peak = Math.max(peak, running);
  }
  return peak;
}

function checkKey(records: readonly SimRecord[], limits: KeyLimits) {
  const windows = minuteWindows(records);
  if (limits.rpm !== undefined)
    expect(Math.max(0, ...windows.map((w) => w.length))).toBeLessThanOrEqual(limits.rpm);
  if (limits.rpm !== undefined) {
    // Paced, too: over any span [a, b], at most the burst (1 call or more) plus rpm × (b − a) start.
    const burst = Math.max(1, (limits.rpm * (limits.burstSeconds ?? 1)) / 60);
    const starts = records.map((r) => r.startedAt).sort((a, b) => a - b);
    for (const [i, a] of starts.entries()) {
      for (const [j, b] of starts.entries()) {
        if (j > i) expect(j - i + 1).toBeLessThanOrEqual(burst + (limits.rpm * (b - a)) / MINUTE + 1e-6);
      }
    }
  }
  if (limits.tpm !== undefined) {
    for (const w of windows) {
      const tokens = w.reduce((sum, r) => sum + r.tokens, 0);
      // The documented rule: at most tpm, except that one call bigger than tpm may run alone.
      expect(tokens).toBeLessThanOrEqual(Math.max(limits.tpm, ...w.map((r) => r.tokens)));
    }
  }
  if (limits.concurrency !== undefined) expect(peakInFlight(records)).toBeLessThanOrEqual(limits.concurrency);
}

describe("rateLimits: limits hold over every sliding minute (property)", () => {
  it("never exceeds rpm, tpm or concurrency for the provider or the model, in order, running every call", async () => {
    await fc.assert(
      fc.asyncProperty(
        limitsArb,
        limitsArb,
        fc.array(callArb, { minLength: 1, maxLength: 40 }),
        async (provider, model, calls) => {
          const clock = new SimClock();
          const limiter = rateLimits({ p: provider, "p:m1": model }, { clock });
          const { records } = await simulate(clock, limiter, calls);
          expect(records).toHaveLength(calls.length);
          checkKey(records, provider);
          checkKey(
            records.filter((r) => r.model === "p:m1"),
            model,
          );
          for (const name of ["p:m1", "p:m2"]) {
            // First come, first served among calls that need the same limits.
            const started = records.filter((r) => r.model === name).map((r) => r.index);
            const arrived = [...started].sort((a, b) => calls[a]!.arriveAt - calls[b]!.arriveAt || a - b);
            expect(started).toEqual(arrived);
          }
          const stats = limiter.stats();
          expect(stats.p).toMatchObject({ inFlight: 0, queued: 0, started: calls.length });
        },
      ),
      { numRuns: 150 },
    );
  });
});
