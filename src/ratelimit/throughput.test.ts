import { describe, expect, it } from "vitest";
import { rateLimits } from "./limiter.js";
import { SimClock, simulate } from "./test-utils/sim-clock.js";

describe("throughput", () => {
  it("runs 100 calls of 300 ms at rpm 600 in about 10 s of simulated time (≥ 0.95 of the ceiling)", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 600 } }, { clock });
    const calls = Array.from({ length: 100 }, () => ({ model: "openai:gpt-4o", durationMs: 300 }));
    const { records } = await simulate(clock, limiter, calls);
    const elapsedMs = Math.max(...records.map((r) => r.endedAt));
    const ceilingPerSecond = 600 / 60;
    const achieved = records.length / (elapsedMs / 1000);
    expect(records).toHaveLength(100);
    expect(achieved / ceilingPerSecond).toBeGreaterThanOrEqual(0.95);
    // The pace is the limit: one second's burst (10 calls) at once, then one call every 100 ms.
    expect(elapsedMs).toBe(9300);
    expect(records[10]!.startedAt).toBe(100);
  });

  it("keeps the pace at the limit with a burst of one call (burstSeconds 0.1)", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 600, burstSeconds: 0.1 } }, { clock });
    const calls = Array.from({ length: 100 }, () => ({ model: "openai:gpt-4o", durationMs: 300 }));
    const { records } = await simulate(clock, limiter, calls);
    const elapsedMs = Math.max(...records.map((r) => r.endedAt));
    expect(elapsedMs).toBe(10_200);
    expect(100 / (elapsedMs / 1000) / 10).toBeGreaterThanOrEqual(0.95);
  });
});
