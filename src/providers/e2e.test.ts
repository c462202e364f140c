import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";
import { definePrompt, MissingApiKeyError, resetConfig } from "../index.js";
import { configureProviders, resetProviders } from "./settings.js";
import { clearProviderEnv } from "./test-utils/call.js";
import { fakeFetch, sse } from "./test-utils/fake-fetch.js";
import {
  anthropicMessage,
  chatCompletionChunks,
  geminiContent,
  openaiResponse,
} from "./test-utils/replies.js";

beforeEach(() => clearProviderEnv());
afterEach(() => {
  vi.unstubAllEnvs();
  resetProviders();
  resetConfig();
});

const City = z.object({ city: z.string(), population: z.number().int() });

describe("definePrompt with a provider model string", () => {
  it('runs "openai:gpt-4o-mini" with a JSON-schema reply into a typed output', async () => {
    const fetch = fakeFetch(openaiResponse('{"city":"Oslo","population":709000}'));
    configureProviders({ openai: { apiKey: "sk-test", fetch } });
    const capital = definePrompt({
      name: "capital",
      system: "Answer with facts.",
      user: "The capital of {{country}}?",
      output: City,
      model: "openai:gpt-4o-mini",
    });
    const result = await capital.execute({ country: "Norway" });
    expectTypeOf(result.output).toEqualTypeOf<{ city: string; population: number }>();
    expect(result.output).toEqual({ city: "Oslo", population: 709000 });
    expect(result).toMatchObject({
      model: "openai:gpt-4o-mini",
      attempts: 1,
      usage: { inputTokens: 12, outputTokens: 7 },
    });

    const sent = fetch.last;
    expect(sent.url).toBe("https://api.openai.com/v1/responses");
    expect(sent.body.model).toBe("gpt-4o-mini");
    expect(sent.body.text).toMatchObject({
      format: {
        type: "json_schema",
        name: "capital",
        strict: true,
        schema: { type: "object", required: ["city", "population"] },
      },
    });
    expect(JSON.stringify(sent.body.input)).toContain("The capital of Norway?");
  });

  it("runs anthropic: and google: model strings the same way", async () => {
    configureProviders({
      anthropic: { apiKey: "a", fetch: fakeFetch(anthropicMessage('{"city":"Rome","population":2750000}')) },
      google: { apiKey: "g", fetch: fakeFetch(geminiContent('{"city":"Bern","population":134000}')) },
    });
    const p = definePrompt({ name: "capital2", user: "Capital of {{country}}?", output: City });
    expect(await p.run({ country: "Italy" }, { model: "anthropic:claude-sonnet-4-5" })).toEqual({
      city: "Rome",
      population: 2750000,
    });
    expect(await p.run({ country: "Switzerland" }, { model: "google:gemini-2.5-flash" })).toEqual({
      city: "Bern",
      population: 134000,
    });
  });

  it("streams from ollama: through prompt.stream()", async () => {
    configureProviders({ ollama: { fetch: fakeFetch(sse(chatCompletionChunks(["Hello", ", ", "world"]))) } });
    const hello = definePrompt({ name: "hello", user: "Greet", model: "ollama:llama3.2" });
    const deltas: string[] = [];
    const stream = hello.stream();
    for await (const delta of stream.textStream) deltas.push(delta);
    expect(deltas).toEqual(["Hello", ", ", "world"]);
    expect(await stream.output).toBe("Hello, world");
  });

  it("surfaces a missing key as MissingApiKeyError from run()", async () => {
    configureProviders({ mistral: { fetch: fakeFetch({}) } });
    const p = definePrompt({ name: "nokey", user: "Hi", model: "mistral:mistral-small-latest" });
    await expect(p.run()).rejects.toSatisfy(
      (e: unknown) => MissingApiKeyError.isInstance(e) && e.envVar === "MISTRAL_API_KEY",
    );
  });
});
