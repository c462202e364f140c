import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mockModel } from "../models/mock-model.js";
import {
  configure,
  definePrompt,
  InvalidArgumentError,
  isPrompt,
  type PromptConfig,
  resetConfig,
} from "./index.js";

const define = (config: unknown) => () => definePrompt(config as PromptConfig);

describe("definePrompt refuses bad configurations with a clear message", () => {
  it.each([
    [null, /needs an object/],
    [{ user: "x" }, /`name` must be a non-empty string/],
    [{ name: " ", user: "x" }, /`name` must be a non-empty string/],
    [{ name: "p" }, /has no template: give `user`, `system`, `messages` or `template`/],
    [{ name: "p", user: 3 }, /prompt "p" user: expected a string, got number/],
    [{ name: "p", user: "x", version: 2 }, /version: expected a string such as "1"/],
    [{ name: "p", messages: "hi" }, /messages: expected an array/],
    [{ name: "p", messages: [{ role: "robot", content: "x" }] }, /messages\[0\]: expected \{ role:/],
    [{ name: "p", user: "x", output: { type: "object" } }, /output: expected a Zod schema/],
    [
      { name: "p", user: "x", params: { temperature: "hot" } },
      /params.temperature: expected a number, got "hot"/,
    ],
    [{ name: "p", user: "x", repair: -1 }, /repair: expected a whole number ≥ 0/],
  ])("%j", (config, message) => {
    expect(define(config)).toThrowError(InvalidArgumentError);
    expect(define(config)).toThrowError(message);
  });

  it("refuses a template variable that a strict input schema lacks, with the line", () => {
    expect(() =>
      definePrompt({ name: "p", user: "Hi\n{{nmae}}", input: z.strictObject({ name: z.string() }) } as never),
    ).toThrowError(
      /prompt "p" \(line 2, column 3\): the user template uses \{\{nmae\}\}, but the input schema has no field "nmae"/,
    );
  });

  it("refuses an output schema that cannot produce JSON Schema", () => {
    const noJson = { "~standard": { version: 1, vendor: "x", validate: (v: unknown) => ({ value: v }) } };
    expect(() => definePrompt({ name: "p", user: "x", output: noJson as never })).toThrowError(
      /cannot produce a JSON Schema/,
    );
  });

  it("reports a broken partial", () => {
    expect(() => definePrompt({ name: "p", user: "{{> a}}", partials: { a: "{{#if x}}" } })).toThrowError(
      /partial "a"/,
    );
  });
});

describe("definePrompt builds what the runs reuse", () => {
  it("exposes its settings read-only", () => {
    const input = z.object({ q: z.string() });
    const p = definePrompt({
      name: "p",
      version: "3",
      description: "d",
      user: "{{q}}",
      input,
      model: "mock",
      params: { temperature: 0.5 },
      metadata: { owner: "team-a" },
    });
    expect(isPrompt(p)).toBe(true);
    expect(isPrompt({})).toBe(false);
    expect(p).toMatchObject({
      name: "p",
      version: "3",
      description: "d",
      model: "mock",
      input,
      output: undefined,
    });
    expect(p.params).toEqual({ temperature: 0.5 });
    expect(p.metadata).toEqual({ owner: "team-a" });
    expect(p.source).toBeUndefined();
    expect(p.outputJsonSchema).toBeUndefined();
    expect(p.config.name).toBe("p");
    expect(JSON.parse(JSON.stringify(p))).toEqual({
      name: "p",
      version: "3",
      hash: p.hash,
      description: "d",
    });
  });

  it("uses global partials and includes them in the hash", () => {
    configure({ partials: { sig: "-- {{author}}" } });
    try {
      const a = definePrompt({ name: "p", user: "Hi {{> sig}}" });
      expect(a.messages({ author: "Ada" })[0]!.content).toBe("Hi -- Ada");
      configure({ partials: { sig: "Regards, {{author}}" } });
      const b = definePrompt({ name: "p", user: "Hi {{> sig}}" });
      expect(b.hash).not.toBe(a.hash);
    } finally {
      resetConfig();
    }
  });

  it("validates the variables with the input schema (with defaults and coercion)", async () => {
    const p = definePrompt({
      name: "p",
      user: "{{n}} {{unit}}",
      input: z.object({ n: z.coerce.number(), unit: z.string().default("kg") }),
      model: mockModel(),
    });
    expect(p.messages({ n: "5" } as never)[0]!.content).toBe("5 kg");
    expect(() => p.messages({ n: "x" } as never)).toThrowError(/Invalid variables for prompt "p": n:/);
    await expect(p.run({ n: "x" } as never)).rejects.toThrow(/Invalid variables/);
  });

  it("names a missing template variable and its line before other schema problems", () => {
    const p = definePrompt({
      name: "p",
      user: "Rate\n{{text}} in {{lang}}",
      input: z.object({ text: z.string(), lang: z.string(), n: z.number() }),
    });
    expect(() => p.messages({ lang: "en" } as never)).toThrowError(/Missing variable "text" for prompt "p"/);
    expect(() => p.messages({ text: "x", lang: "en" } as never)).toThrowError(
      /Invalid variables for prompt "p": n:/,
    );
  });

  it("supports asynchronous input schemas in runs, not in the synchronous preview", async () => {
    const input = z.object({ q: z.string().refine(async (v) => v.length > 0) });
    const p = definePrompt({ name: "p", user: "{{q}}", input, model: mockModel({ replies: ["ok"] }) });
    expect(await p.run({ q: "x" })).toBe("ok");
    expect(() => p.messages({ q: "x" })).toThrowError(/validates asynchronously/);
  });

  it("refuses variables that are not an object", () => {
    const p = definePrompt({ name: "p", user: "x" });
    expect(() => p.messages([] as never)).toThrowError(/expected an object such as/);
    expect(() => p.messages("x" as never)).toThrowError(/got string/);
  });

  it("refuses bad with() overrides and bad batch inputs", async () => {
    const p = definePrompt({ name: "p", user: "x", model: mockModel() });
    expect(() => p.with(null as never)).toThrowError(/overrides/);
    await expect(p.batch("nope" as never)).rejects.toThrow(/expected an array/);
  });
});

describe("template helpers", () => {
  it("json, ifEquals, unlessEquals, each with @index and block params, with, ../", () => {
    const p = definePrompt({
      name: "h",
      user: [
        "{{json data}} {{json data indent=1}}",
        '{{#ifEquals mode "fast"}}F{{else}}S{{/ifEquals}}{{#unlessEquals mode "fast"}}U{{/unlessEquals}}',
        "{{#each items as |it i|}}{{i}}={{it}}/{{../sep}};{{/each}}",
        "{{#with user}}{{name}}{{/with}}{{^missing}}none{{/missing}}",
      ].join("\n"),
    });
    const text = p.messages({
      data: { a: 1 },
      mode: "fast",
      items: ["x", "y"],
      sep: "|",
      user: { name: "Ada" },
    })[0]!.content as string;
    expect(text.split("\n")).toEqual(['{"a":1} {', ' "a": 1', "}", "F", "0=x/|;1=y/|;", "Adanone"]);
    expect([...p.variables].sort()).toEqual(["data", "items", "mode", "sep", "user"]);
    expect(p.optionalVariables).toEqual(["missing"]);
  });

  it("turns data URLs and non-image media into the right parts", () => {
    const p = definePrompt({
      name: "m",
      template:
        '{{role "system"}}sys {{media url=doc contentType="application/pdf"}}{{role "user"}}{{media url=img}} and {{media url=pdf contentType="application/pdf"}}{{role "model"}}ok',
    });
    const msgs = p.messages({
      doc: "https://x/d.pdf",
      img: "data:image/png;base64,AAAA",
      pdf: "https://x/y.pdf",
    });
    expect(msgs[0]).toEqual({ role: "system", content: "sys " });
    expect(msgs[1]!.content).toEqual([
      { type: "image", image: "data:image/png;base64,AAAA", mediaType: "image/png" },
      { type: "text", text: " and " },
      { type: "file", data: new URL("https://x/y.pdf"), mediaType: "application/pdf" },
    ]);
    expect(msgs[2]).toEqual({ role: "assistant", content: "ok" });
  });

  it("refuses malformed history, naming the message", () => {
    const p = definePrompt({ name: "h", user: "x" });
    expect(() =>
      p.messages(
        {},
        {
          history: [
            { role: "user", content: "ok" },
            { role: "bot", content: "x" },
          ] as never,
        },
      ),
    ).toThrowError(/history\[1\] of prompt "h": expected \{ role/);
    expect(() => p.messages({}, { history: "hi" as never })).toThrowError(/expected an array/);
  });

  it("appends history when the last message is not from the user", () => {
    const p = definePrompt({ name: "h", messages: [{ role: "assistant", content: "Hello" }] });
    const msgs = p.messages({}, { history: [{ role: "user", content: "Hi" }] });
    expect(msgs.map((m) => m.role)).toEqual(["assistant", "user"]);
  });
});
