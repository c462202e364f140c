import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { RateLimitPermit } from "../core/ports.js";
import { rateLimits } from "./limiter.js";
import { flush, SimClock, simulate } from "./test-utils/sim-clock.js";

const settled = async <T>(promise: Promise<T>) => {
  let state: "pending" | "resolved" | "rejected" = "pending";
  promise.then(
    () => (state = "resolved"),
    () => (state = "rejected"),
  );
  await flush();
  return state;
};

describe("rateLimits: concurrency and order", () => {
  it("never runs more calls at once than the concurrency limit, and runs them all", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { concurrency: 3 } }, { clock });
    const calls = Array.from({ length: 20 }, (_, i) => ({
      model: "openai:gpt-4o",
      durationMs: 100 + ((i * 37) % 90),
    }));
    const { records, maxInFlight } = await simulate(clock, limiter, calls);
    expect(records).toHaveLength(20);
    expect(maxInFlight).toBe(3);
    expect(limiter.stats().openai).toMatchObject({ inFlight: 0, queued: 0, started: 20 });
  });

  it("starts waiting calls first come, first served", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { concurrency: 1 } }, { clock });
    const calls = Array.from({ length: 8 }, (_, i) => ({
      model: "openai:gpt-4o",
      arriveAt: i,
      durationMs: 50,
    }));
    const { records } = await simulate(clock, limiter, calls);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("serves thousands of waiting calls in order", async () => {
    const limiter = rateLimits({ openai: { concurrency: 1 } }, { clock: new SimClock() });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 3000 }, (_, i) =>
        limiter.acquire({ model: "openai:a", estimatedTokens: 0 }).then((permit) => {
          order.push(i);
          permit.release({ tokens: 0 });
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it("does not let small calls overtake a big one waiting for tokens (no starvation)", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { tpm: 6000 } }, { clock }); // 100 tokens a second, burst 100
    const calls = [
      { model: "openai:a", estimatedTokens: 100 },
      { model: "openai:a", estimatedTokens: 90, arriveAt: 1 },
      ...Array.from({ length: 5 }, (_, i) => ({ model: "openai:a", estimatedTokens: 5, arriveAt: 2 + i })),
    ];
    const { records } = await simulate(clock, limiter, calls);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(records[1]!.startedAt).toBe(900);
  });

  it("lets a call bigger than the whole tpm start once nothing else counts, instead of waiting forever", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { tpm: 1000 } }, { clock });
    const { records } = await simulate(clock, limiter, [
      { model: "openai:a", estimatedTokens: 10 },
      { model: "openai:a", estimatedTokens: 5000, arriveAt: 1 },
      { model: "openai:a", estimatedTokens: 10, arriveAt: 2 },
    ]);
    expect(records.map((r) => [r.index, r.startedAt])).toEqual([
      [0, 0],
      [1, 60_000], // once the first call has left the minute's window
      [2, 359_600], // once its 5000 tokens are paid back at 1000 a minute (then the bucket has 10)
    ]);
  });
});

describe("rateLimits: keys", () => {
  it("enforces both the provider's and the model's limits", async () => {
    const clock = new SimClock();
    const limiter = rateLimits(
      { openai: { concurrency: 2 }, "openai:gpt-4o": { concurrency: 1 } },
      { clock },
    );
    const calls = ["openai:gpt-4o", "openai:gpt-4o", "openai:mini", "openai:mini"].map((model) => ({
      model,
      durationMs: 100,
    }));
    const { records } = await simulate(clock, limiter, calls);
    expect(records.map((r) => [r.index, r.startedAt])).toEqual([
      [0, 0],
      [2, 0],
      [1, 100],
      [3, 100],
    ]);
  });

  it("counts every call against the '*' key, and leaves unconfigured models unlimited", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ "*": { concurrency: 1 }, openai: { rpm: 60 } }, { clock });
    const calls = ["anthropic:claude", "openai:gpt-4o", "mock"].map((model) => ({ model, durationMs: 10 }));
    const { records } = await simulate(clock, limiter, calls);
    expect(records.map((r) => r.startedAt)).toEqual([0, 10, 20]);
    expect(limiter.stats()["*"]!.started).toBe(3);
    const free = rateLimits({ openai: { concurrency: 1 } }, { clock });
    await Promise.all([
      free.acquire({ model: "anthropic:x", estimatedTokens: 1 }),
      free.acquire({ model: "x", estimatedTokens: 1 }),
    ]);
  });

  it("does not hold other models back while one model waits for its own limit", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 6000 }, "openai:gpt-4o": { concurrency: 1 } }, { clock });
    const calls = [
      { model: "openai:gpt-4o", durationMs: 1000 },
      { model: "openai:gpt-4o", durationMs: 1000 },
      { model: "openai:mini", durationMs: 1000 },
    ];
    const { records } = await simulate(clock, limiter, calls);
    expect(records.map((r) => r.index)).toEqual([0, 2, 1]);
    expect(records[1]!.startedAt).toBeLessThan(100);
  });
});

describe("rateLimits: abort, release, requests", () => {
  it("rejects a queued call with the signal's reason as soon as it aborts, and frees its place", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { concurrency: 1 } }, { clock });
    const first = await limiter.acquire({ model: "openai:a", estimatedTokens: 0 });
    const controller = new AbortController();
    const aborted = limiter.acquire({ model: "openai:a", estimatedTokens: 0, signal: controller.signal });
    const next = limiter.acquire({ model: "openai:a", estimatedTokens: 0 });
    expect(limiter.stats().openai!.queued).toBe(2);
    const reason = new Error("user cancelled");
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(limiter.stats().openai!.queued).toBe(1);
    first.release({ tokens: 0 });
    expect(await settled(next)).toBe("resolved");
  });

  it("stops its timer when the only call waiting for time aborts", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { rpm: 1 } }, { clock });
    await limiter.acquire({ model: "openai:a", estimatedTokens: 0 });
    const controller = new AbortController();
    const waiting = limiter.acquire({ model: "openai:a", estimatedTokens: 0, signal: controller.signal });
    expect(clock.pending).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(clock.pending).toBe(0);
    expect(limiter.stats().openai!.queued).toBe(0);
  });

  it("rejects at once when the signal is already aborted, and ignores an abort after the start", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { concurrency: 1 } }, { clock });
    const reason = new Error("too late");
    await expect(
      limiter.acquire({ model: "openai:a", estimatedTokens: 0, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    const controller = new AbortController();
    const permit = await limiter.acquire({
      model: "openai:a",
      estimatedTokens: 0,
      signal: controller.signal,
    });
    controller.abort();
    expect(limiter.stats().openai!.inFlight).toBe(1);
    permit.release({ tokens: 0 });
    expect(limiter.stats().openai!.inFlight).toBe(0);
  });

  it("refunds unused estimated tokens on release, and charges an underestimate", async () => {
    const clock = new SimClock();
    const limiter = rateLimits({ openai: { tpm: 1000, burstSeconds: 60 } }, { clock });
    const a = await limiter.acquire({ model: "openai:a", estimatedTokens: 800 });
    expect(limiter.stats().openai!.tokensAvailable).toBe(200);
    a.release({ tokens: 100 });
    expect(limiter.stats().openai!.tokensAvailable).toBe(900);
    const b = await limiter.acquire({ model: "openai:a", estimatedTokens: 800 }); // fits only after the refund
    b.release({ tokens: 850 });
    expect(limiter.stats().openai!.tokensAvailable).toBe(50);
    b.release({ tokens: 0 }); // a second release changes nothing
    expect(limiter.stats().openai!.tokensAvailable).toBe(50);
    const c = await limiter.acquire({ model: "openai:a", estimatedTokens: 10 });
    c.release({ tokens: Number.NaN }); // unknown usage keeps the estimate
    expect(limiter.stats().openai).toMatchObject({ tokensAvailable: 40, inFlight: 0, started: 3 });
  });

  it("refuses a request it cannot use", async () => {
    const limiter = rateLimits({ openai: { rpm: 5 } });
    for (const request of [
      { model: "", estimatedTokens: 1 },
      { model: "openai:a", estimatedTokens: -1 },
      { model: "openai:a", estimatedTokens: Number.NaN },
    ]) {
      const error = await limiter.acquire(request).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
    }
  });

  it("works on the real clock and timers", async () => {
    const limiter = rateLimits({ openai: { rpm: 60_000, burstSeconds: 0.001, concurrency: 2 } });
    expect(limiter.portVersion).toBe(1);
    expect(limiter.keys).toEqual(["openai"]);
    const permits: RateLimitPermit[] = await Promise.all(
      Array.from({ length: 5 }, () =>
        limiter.acquire({ model: "openai:a", estimatedTokens: 1 }).then((p) => {
          p.release({ tokens: 1 });
          return p;
        }),
      ),
    );
    expect(permits).toHaveLength(5);
    expect(limiter.stats().openai!.started).toBe(5);
  });
});
