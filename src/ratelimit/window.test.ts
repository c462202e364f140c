import { describe, expect, it } from "vitest";
import { TokenBucket } from "./bucket.js";
import { SlidingWindow, WINDOW_MS } from "./window.js";

describe("SlidingWindow", () => {
  it("counts the calls and tokens of the last 60 s, and forgets older ones", () => {
    const window = new SlidingWindow();
    for (let i = 0; i < 3000; i++) window.add(i * 10, 1);
    window.expire(29_990 + WINDOW_MS - 10_000);
    expect(window.count).toBe(1000);
    expect(window.tokens).toBe(1000);
    expect(window.waitMs(79_990, 1000, undefined, 0)).toBe(10);
    expect(window.waitMs(79_990, undefined, 1500, 600)).toBe(1000);
    expect(window.waitMs(79_990, undefined, 500, 600)).toBe(10_000); // bigger than tpm: only alone
    window.expire(10 ** 6);
    expect([window.count, window.tokens]).toEqual([0, 0]);
  });

  it("corrects an entry to the actual usage only while it is in the window", () => {
    const window = new SlidingWindow();
    const old = window.add(0, 100);
    const recent = window.add(30_000, 100);
    window.correct(recent, 40);
    expect(window.tokens).toBe(140);
    window.expire(WINDOW_MS);
    window.correct(old, 5);
    expect(window.tokens).toBe(40);
  });
});

describe("TokenBucket", () => {
  it("refills continuously up to its capacity, goes into debt for big calls, and waits out a drain", () => {
    const bucket = new TokenBucket(10, 1 / 100, 0); // 10 units, one per 100 ms
    bucket.take(25);
    expect(bucket.available(0)).toBe(-15);
    expect(bucket.waitMs(0, 50)).toBeCloseTo(2500, 3); // a call above the capacity waits for a full bucket
    bucket.adjust(-100); // a refund never overfills
    expect(bucket.available(0)).toBe(10);
    bucket.drainUntil(1000);
    expect(bucket.waitMs(500, 1)).toBeCloseTo(600, 3);
    expect(bucket.available(1500)).toBe(5);
  });
});
