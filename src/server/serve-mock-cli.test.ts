import { describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import type { Io } from "../cli/output.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    write: (t) => out.push(t),
    color: false,
  };
  return { sink, out, err };
}

describe("flowprompt serve-mock", () => {
  it("prints the base URLs and env vars, serves until SIGINT, then stops cleanly", async () => {
    const { sink, out, err } = io();
    const running = main(["serve-mock", "--port", "0", "--latency", "1", "--seed", "3"], sink);
    await expect.poll(() => out.join("\n")).toContain("export OPENAI_BASE_URL=");
    const text = out.join("\n");
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
    expect(text).toContain(`export ANTHROPIC_BASE_URL=${url}/v1`);
    expect(text).toContain(`export GOOGLE_GENERATIVE_AI_BASE_URL=${url}/v1beta`);
    expect(text).toContain(`export OLLAMA_BASE_URL=${url}/ollama/v1`);
    expect(text).toContain("export OPENAI_API_KEY=mock-key");
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer mock-key", "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(
      ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content,
    ).toBe("mock reply to: Hi");
    process.emit("SIGINT");
    expect(await running).toBe(0);
    expect(err.join("\n")).toContain("Stopped after 1 request (1 ok, 0 failed).");
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  });

  it("stops on SIGTERM too, with rate limits and error rates set", async () => {
    const { sink, out } = io();
    const running = main(
      ["serve-mock", "--port", "0", "--rpm", "60", "--tpm", "1000", "--error-rate", "0", "--tps", "500"],
      sink,
    );
    await expect.poll(() => out.length).toBeGreaterThan(5);
    process.emit("SIGTERM");
    expect(await running).toBe(0);
  });

  it("rejects bad flags with exit code 2 and says why", async () => {
    const cases: [string[], string][] = [
      [["--port", "70000"], "--port 70000: expected a whole number from 0 to 65535."],
      [["--error-rate", "5"], "--error-rate 5: expected a number from 0 to 1"],
      [["--rpm", "-1"], "--rpm -1: expected a positive number."],
    ];
    for (const [flags, message] of cases) {
      const { sink, err } = io();
      expect(await main(["serve-mock", ...flags], sink)).toBe(2);
      expect(err.join("\n")).toContain(message);
    }
  });

  it("says which port is taken", async () => {
    const first = io();
    const running = main(["serve-mock", "--port", "0"], first.sink);
    await expect.poll(() => first.out.join("\n")).toContain("on http");
    const port = /:(\d+)/.exec(first.out.join("\n"))![1]!;
    const second = io();
    expect(await main(["serve-mock", "--port", port], second.sink)).toBe(2);
    expect(second.err.join("\n")).toContain(`port ${port} is in use.`);
    process.emit("SIGINT");
    await running;
  });
});
