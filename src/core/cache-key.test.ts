import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { type CacheKeyInput, cacheKey, canonicalJson } from "./cache-key.js";

/** The same data with object keys in another order, at every level. */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, seed + 1));
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value);
  const shift = keys.length === 0 ? 0 : seed % keys.length;
  const order = [...keys.slice(shift), ...keys.slice(0, shift)].reverse();
  // fromEntries makes own properties, even for a key named "__proto__".
  return Object.fromEntries(order.map((k) => [k, reorder((value as Record<string, unknown>)[k], seed + 1)]));
}

const base: CacheKeyInput = {
  promptName: "summarize",
  promptHash: "3f2a",
  vars: { text: "hello", lang: "en" },
  modelId: "openai:gpt-4o-mini",
  params: { temperature: 0 },
};

describe("canonicalJson", () => {
  it("writes flat records through the fast path exactly as the general one would", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string(),
          fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.integer()),
        ),
        (record) => {
          const sorted = Object.fromEntries(
            Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          );
          const viaFastPath = canonicalJson(sorted);
          const viaGeneral = canonicalJson([sorted]).slice(1, -1);
          expect(viaFastPath).toBe(viaGeneral);
          expect(canonicalJson(record)).toBe(viaFastPath);
        },
      ),
    );
  });

  it("gives the same text whatever the key order (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalJson(reorder(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it("is valid JSON that parses to the same data as JSON.stringify's (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("sorts keys and drops undefined, functions and symbols as JSON does", () => {
    const value = { b: 1, a: { d: undefined, c: [undefined, () => 1] }, f: () => 1, s: Symbol("x") };
    expect(canonicalJson(value)).toBe('{"a":{"c":[null,null]},"b":1}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson([Number.NaN, Number.POSITIVE_INFINITY, -0])).toBe("[null,null,0]");
  });

  it("escapes strings exactly as JSON.stringify does", () => {
    for (const text of [
      'a"b',
      "back\\slash",
      "line\nbreak",
      "\u0000\u001f",
      "\ud83d\ude00",
      "lone \ud800",
      "é",
    ]) {
      expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
    }
  });

  it("writes Dates as ISO strings, bytes as base64 and bigints as decimal strings", () => {
    const value = {
      at: new Date("2026-01-02T03:04:05.678Z"),
      bad: new Date(Number.NaN),
      bytes: new Uint8Array([104, 105]),
      buffer: Buffer.from("hi"),
      slice: new Uint8Array([0, 104, 105, 0]).subarray(1, 3),
      big: 12345678901234567890n,
      raw: new Uint8Array([104, 105]).buffer,
      boxed: [new String("s"), new Number(1), new Boolean(false)],
    };
    expect(JSON.parse(canonicalJson(value))).toEqual({
      at: "2026-01-02T03:04:05.678Z",
      bad: null,
      bytes: "aGk=",
      buffer: "aGk=",
      slice: "aGk=",
      big: "12345678901234567890",
      raw: "aGk=",
      boxed: ["s", 1, false],
    });
  });

  it("ignores the insertion order of Maps and Sets but not their content", () => {
    const m1 = new Map<unknown, unknown>([
      ["b", 2],
      [1, { y: 1, x: 2 }],
    ]);
    const m2 = new Map<unknown, unknown>([
      [1, { x: 2, y: 1 }],
      ["b", 2],
    ]);
    expect(canonicalJson(m1)).toBe(canonicalJson(m2));
    expect(canonicalJson(m1)).not.toBe(
      canonicalJson(
        new Map<unknown, unknown>([
          ["b", 2],
          ["1", { x: 2, y: 1 }],
        ]),
      ),
    );
    expect(canonicalJson(new Set([3, 1, 2]))).toBe(canonicalJson(new Set([2, 3, 1])));
    expect(canonicalJson(new Set([1, 2]))).not.toBe(canonicalJson(new Set([1, 2, 3])));
  });

  it("uses toJSON() like JSON.stringify", () => {
    expect(canonicalJson({ url: new URL("https://example.com/a b") })).toBe(
      '{"url":"https://example.com/a%20b"}',
    );
  });

  it("accepts the same object twice when it is not a cycle", () => {
    const shared = { z: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"z":1},"b":[{"z":1},{"z":1}]}');
  });

  it("refuses a cycle with an InvalidArgumentError that names where it is", () => {
    const value: Record<string, unknown> = { user: { name: "Ada", tags: [] as unknown[] } };
    (value.user as { tags: unknown[] }).tags.push(value);
    let error: unknown;
    try {
      canonicalJson(value);
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/circular reference \(at \$\.user\.tags\[0\]\)/);
    const self: unknown[] = [];
    self.push(self);
    expect(() => canonicalJson(new Map([["loop key", self]]))).toThrow(/at \$\["loop key"\]\[0\]/);
  });
});

describe("cacheKey", () => {
  it("is `fp:` plus a SHA-256 in hex by default, and stable across calls", () => {
    const key = cacheKey(base);
    expect(key).toMatch(/^fp:[0-9a-f]{64}$/);
    expect(cacheKey({ ...base, vars: { lang: "en", text: "hello" } })).toBe(key);
  });

  it("does not change between releases (a change would silently empty every user's cache)", () => {
    // If this fails on purpose, bump KEY_FORMAT in key.ts and update the value here.
    expect(cacheKey(base)).toBe("fp:820e0259751c7357f602db0a0f71162ed869b248a5da52513cc8152d27ced2d6");
  });

  it("is prefixed with the namespace", () => {
    expect(cacheKey({ ...base, namespace: "tenant-7" })).toBe(`tenant-7:${cacheKey(base).slice(3)}`);
    expect(() => cacheKey({ ...base, namespace: "" })).toThrow(/namespace: it is empty/);
  });

  it("is the same whatever the key order of vars and params (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), fc.nat(), (vars, p, seed) => {
        const params = { providerOptions: { x: p }, temperature: 0.5 };
        expect(
          cacheKey({
            ...base,
            vars: reorder(vars, seed) as Record<string, unknown>,
            params: reorder(params, seed) as object,
          }),
        ).toBe(cacheKey({ ...base, vars, params }));
      }),
    );
  });

  it("differs when the vars differ (property)", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (a, b) => {
          fc.pre(canonicalJson(a) !== canonicalJson(b));
          expect(cacheKey({ ...base, vars: a })).not.toBe(cacheKey({ ...base, vars: b }));
        },
      ),
    );
  });

  it("differs when text moves from one part to the next", () => {
    const moved: [Partial<CacheKeyInput>, Partial<CacheKeyInput>][] = [
      [
        { promptName: "a\nb", promptHash: "c" },
        { promptName: "a", promptHash: "b\nc" },
      ],
      [
        { promptName: "\n", promptHash: "" },
        { promptName: "", promptHash: "\n" },
      ],
      [
        { promptHash: 'h"', modelId: "m" },
        { promptHash: "h", modelId: '"m' },
      ],
      [
        { modelId: "m\n{}", params: {} },
        { modelId: "m", params: {} },
      ],
      [
        { vars: { a: "\n" }, sampleId: undefined },
        { vars: { a: "" }, sampleId: "\n" },
      ],
      [{ sampleId: "" }, { sampleId: undefined }],
    ];
    for (const [a, b] of moved) expect(cacheKey({ ...base, ...a })).not.toBe(cacheKey({ ...base, ...b }));
  });

  it("differs whenever any part differs (property)", () => {
    // Few, tricky values, so that pairs which differ only by text moving between parts come up often.
    const part = fc.constantFrom("", "a", "\n", "a\nb", '"', "{}");
    const record = fc.constantFrom({}, { "\n": "" }, { "": "\n" }, { a: "\n" });
    const input = fc.record({
      promptName: part,
      promptHash: part,
      modelId: part,
      sampleId: fc.option(part, { nil: undefined }),
      vars: record,
      params: record,
    });
    const fields = ["promptName", "promptHash", "modelId", "sampleId", "vars", "params"] as const;
    // b is a with one or two fields taken from another input: near misses, where collisions would hide.
    const pair = fc
      .tuple(input, input, fc.subarray([...fields], { minLength: 1, maxLength: 2 }))
      .map(
        ([a, other, changed]) =>
          [a, { ...a, ...Object.fromEntries(changed.map((f) => [f, other[f]])) }] as const,
      );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const same = canonicalJson(a) === canonicalJson(b);
        expect(cacheKey(a) === cacheKey(b)).toBe(same);
      }),
      { numRuns: 3000 },
    );
  });

  it("covers model, params, history and sampleId, treating sample 3 and '3' alike", () => {
    const keys = new Set([
      cacheKey(base),
      cacheKey({ ...base, modelId: "openai:gpt-4o" }),
      cacheKey({ ...base, params: { temperature: 0.7 } }),
      cacheKey({ ...base, history: [{ role: "user", content: "earlier" }] }),
      cacheKey({ ...base, sampleId: 3 }),
      cacheKey({ ...base, promptHash: "other" }),
      cacheKey({ ...base, promptName: "other" }),
    ]);
    expect(keys.size).toBe(7);
    expect(cacheKey({ ...base, sampleId: 3 })).toBe(cacheKey({ ...base, sampleId: "3" }));
    expect(cacheKey({ ...base, history: [] })).toBe(cacheKey(base));
    expect(cacheKey({ ...base, params: { temperature: 0, seed: undefined } })).toBe(cacheKey(base));
  });
});
