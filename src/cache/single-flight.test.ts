import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight.js";

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe("singleFlight", () => {
  it("makes one call for concurrent callers of the same key, and gives them all its value", async () => {
    const flights = singleFlight<{ n: number }>();
    let calls = 0;
    const work = async () => {
      calls++;
      await tick();
      return { n: calls };
    };
    const results = await Promise.all(Array.from({ length: 25 }, () => flights.run("k", work)));
    expect(calls).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toEqual({ n: 1 });
  });

  it("keeps different keys apart", async () => {
    const flights = singleFlight<string>();
    const [a, b] = await Promise.all([flights.run("a", async () => "A"), flights.run("b", async () => "B")]);
    expect([a, b]).toEqual(["A", "B"]);
  });

  it("gives every waiter the same error, then forgets it so the next caller tries again", async () => {
    const flights = singleFlight<string>();
    const failure = new Error("boom");
    let calls = 0;
    const failing = async () => {
      calls++;
      await tick();
      throw failure;
    };
    const settled = await Promise.allSettled([flights.run("k", failing), flights.run("k", failing)]);
    expect(settled).toEqual([
      { status: "rejected", reason: failure },
      { status: "rejected", reason: failure },
    ]);
    expect(flights.has("k")).toBe(false);
    expect(await flights.run("k", async () => "ok")).toBe("ok");
    expect(calls).toBe(1);
  });

  it("forgets a key as soon as its call settles", async () => {
    const flights = singleFlight<number>();
    const running = flights.run("k", async () => {
      await tick();
      return 1;
    });
    expect(flights.has("k")).toBe(true);
    expect(flights.size).toBe(1);
    await running;
    expect(flights.size).toBe(0);
    let calls = 0;
    await flights.run("k", async () => ++calls);
    expect(calls).toBe(1);
  });

  it("turns a function that throws synchronously into a rejected promise", async () => {
    const flights = singleFlight<number>();
    const run = () =>
      flights.run("k", () => {
        throw new Error("sync");
      });
    expect(run).not.toThrow();
    await expect(run()).rejects.toThrow("sync");
    await tick(0);
    expect(flights.size).toBe(0);
  });
});
