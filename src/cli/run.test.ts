import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { registerProvider } from "../core/model-registry.js";
import { mockModel } from "../models/mock-model.js";
import { sharedMockModel } from "../models/mock-provider.js";
import { cli, example, tempDir } from "./test-utils/cli.js";

const SUMMARY = /^mock:mock · \d+ in \/ \d+ out tokens · \$0 · \d+ ms\n$/;
const summarize = (...extra: string[]) =>
  cli("run", example("summarize.prompt"), "--var", "text=The sky is blue.", "--model", "mock", ...extra);

// Models with scripted behaviour, reachable as --model <provider>:<id>.
registerProvider("cli-slow", () => mockModel({ modelId: "slow", latencyMs: 2_000 }));
registerProvider("cli-down", () =>
  mockModel({ modelId: "down", failures: { error: () => new Error("503") } }),
);
registerProvider("cli-repair", () =>
  mockModel({
    modelId: "repair",
    replies: ["not json", '{"summary":"s","keyPoints":[],"sentiment":"neutral"}'],
  }),
);

beforeEach(() => sharedMockModel().reset());

describe("flowprompt run", () => {
  it("prints the validated output on stdout and a summary line on stderr", async () => {
    const r = await summarize("--no-cache");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      summary: expect.any(String),
      keyPoints: expect.any(Array),
      sentiment: expect.any(String),
    });
    expect(r.out).toContain('\n  "summary"'); // pretty-printed
    expect(r.err).toMatch(SUMMARY);
  });

  it("prints a text prompt's reply as plain text", async () => {
    const dir = tempDir({ "p.prompt": "---\nname: p\n---\nSay hi to {{who}}\n" });
    const r = await cli("run", join(dir, "p.prompt"), "--var", "who=Ada", "--model", "mock", "--no-cache");
    expect(r.code).toBe(0);
    expect(r.out).toBe("mock reply to: Say hi to Ada\n");
  });

  it("--json prints the whole result, which parses", async () => {
    const r = await summarize("--no-cache", "--json");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({
      model: "mock:mock",
      cached: false,
      attempts: 1,
      costUsd: 0,
      prompt: { name: "summarize", version: "1.0.0" },
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
    });
    expect(typeof result.text).toBe("string");
  });

  it("sends --temperature and --max-output-tokens to the model", async () => {
    const r = await summarize("--no-cache", "--temperature", "0.7", "--max-output-tokens", "50");
    expect(r.code).toBe(0);
    expect(sharedMockModel().lastCall?.options).toMatchObject({ temperature: 0.7, maxOutputTokens: 50 });
  });

  it("refuses a numeric flag that is not a number, with exit 2", async () => {
    for (const args of [
      ["--temperature", "warm"],
      ["--max-output-tokens", "1.5"],
      ["--timeout", "0"],
    ]) {
      const r = await summarize("--no-cache", ...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`option '${args[0]}`);
      expect(r.err).toContain("is invalid");
    }
    expect(sharedMockModel().calls).toHaveLength(0);
  });

  it("--timeout fails a slow call with exit 1", async () => {
    const r = await cli(
      "run",
      example("summarize.prompt"),
      "--var",
      "text=x",
      "--model",
      "cli-slow:x",
      "--timeout",
      "30",
      "--no-cache",
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error\[FP_TIMEOUT\].*30 ?ms/);
  });

  it("a failing model call exits 1 without a stack trace", async () => {
    const r = await cli(
      "run",
      example("summarize.prompt"),
      "--var",
      "text=x",
      "--model",
      "cli-down:x",
      "--no-cache",
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error\[FP_[A-Z_]+\]/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("a missing variable exits 2 before any model call", async () => {
    const r = await cli("run", example("summarize.prompt"), "--model", "mock", "--no-cache");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Missing variable "text" for .*summarize\.prompt:\d+/);
    expect(sharedMockModel().calls).toHaveLength(0);
  });

  it("without --model, uses the file's model: a missing key exits 2 naming the variable", async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const r = await cli("run", example("summarize.prompt"), "--var", "text=x", "--no-cache");
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        'error[FP_MISSING_API_KEY] No API key for provider "openai": OPENAI_API_KEY is not set.',
      );
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  describe("--stream", () => {
    it("writes the deltas as they arrive, then one newline; JSON is not printed twice", async () => {
      const r = await summarize("--no-cache", "--stream");
      expect(r.code).toBe(0);
      expect(r.writes.length).toBeGreaterThan(2);
      const streamed = r.writes.join("");
      expect(streamed.endsWith("\n")).toBe(true);
      expect(r.out).toBe(streamed);
      expect(JSON.parse(r.out)).toHaveProperty("summary");
      expect(r.err).toMatch(SUMMARY);
    });

    it("streams a text reply", async () => {
      const dir = tempDir({ "p.prompt": "---\nname: p\n---\nSay hi to {{who}}, at length please\n" });
      const r = await cli(
        "run",
        join(dir, "p.prompt"),
        "--var",
        "who=Ada",
        "--model",
        "mock",
        "--no-cache",
        "--stream",
      );
      expect(r.code).toBe(0);
      expect(r.writes.slice(0, -1).join("")).toBe("mock reply to: Say hi to Ada, at length please");
      expect(r.out).toBe("mock reply to: Say hi to Ada, at length please\n");
    });

    it("says so on stderr when a reply is repaired, and prints the valid value", async () => {
      const r = await cli(
        "run",
        example("summarize.prompt"),
        "--var",
        "text=x",
        "--model",
        "cli-repair:x",
        "--no-cache",
        "--stream",
      );
      expect(r.code).toBe(0);
      expect(r.out.startsWith("not json\n")).toBe(true);
      expect(r.err).toContain("The output did not match the schema");
      expect(r.err).toContain("2 attempts");
    });

    it("ends the line before an error, and exits 1", async () => {
      registerProvider("cli-cut", () =>
        mockModel({
          modelId: "cut",
          replies: [{ text: "partial answ", error: new Error("connection reset") }],
        }),
      );
      const dir = tempDir({ "p.prompt": "---\nname: p\n---\nHi\n" });
      const r = await cli("run", join(dir, "p.prompt"), "--model", "cli-cut:x", "--no-cache", "--stream");
      expect(r.code).toBe(1);
      expect(r.out).toBe("partial answ\n");
      expect(r.err).toContain("connection reset");
    });

    it("--json wins over --stream", async () => {
      const r = await summarize("--no-cache", "--stream", "--json");
      expect(r.writes).toEqual([]);
      expect(JSON.parse(r.out).model).toBe("mock:mock");
    });
  });
});
