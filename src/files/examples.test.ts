import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toJsonSchema } from "../core/schema.js";
import { loadPrompts } from "./load.js";
import { parsePromptFile } from "./parse-prompt-file.js";

// The example prompt files used by the README and the CLI.
const dir = fileURLToPath(new URL("../../examples/prompts/", import.meta.url));

describe("examples/prompts", async () => {
  const registry = await loadPrompts(dir);

  it("all load", () => {
    expect(registry.errors).toEqual([]);
    expect(registry.list().map((p) => [p.name, p.versions])).toEqual([
      ["classify", ["1.0.0"]],
      ["summarize", ["1.0.0"]],
      ["support-reply", ["2.0.0"]],
    ]);
  });

  it("summarize.prompt: Picoschema output, optional audience", async () => {
    const prompt = registry.get("summarize");
    expect(prompt.variables).toEqual(["text"]);
    expect(prompt.optionalVariables).toEqual(["audience"]);
    expect(prompt.outputJsonSchema).toMatchObject({
      required: ["summary", "keyPoints", "sentiment"],
      properties: { sentiment: { enum: ["positive", "neutral", "negative"] } },
    });
    expect(prompt.messages({ text: "Fish glow.", audience: "kids" })).toEqual([
      {
        role: "system",
        content:
          "You write faithful, concise summaries. Never add facts that are not in the text.\nWrite for this audience: kids.",
      },
      { role: "user", content: "Summarize the text between the markers.\n\n<text>\nFish glow.\n</text>" },
    ]);
    const text = await readFile(`${dir}summarize.prompt`, "utf8");
    const line = prompt.source!.lines!.template!;
    expect(text.split("\n")[line - 1]).toBe('{{role "system"}}');
  });

  it("classify.prompt: few-shot demos as earlier turns", () => {
    const prompt = registry.get("classify");
    const examples = [
      { text: "Refund please", label: "billing" },
      { text: "The app crashes", label: "bug" },
    ];
    expect(prompt.messages({ ticket: "I cannot sign in", examples }).slice(1)).toEqual([
      { role: "user", content: "Refund please" },
      { role: "assistant", content: '{"label": "billing", "confidence": 1}' },
      { role: "user", content: "The app crashes" },
      { role: "assistant", content: '{"label": "bug", "confidence": 1}' },
      { role: "user", content: "I cannot sign in" },
    ]);
    expect(prompt.messages({ ticket: "Hi" }).map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("support-reply.yaml: the Python format, Jinja translated", () => {
    const prompt = registry.get("support-reply");
    expect(prompt.params).toEqual({ temperature: 0.3, maxOutputTokens: 600 });
    const [system, user] = prompt.messages({
      product: "Acme",
      customer: { name: "Ada", plan: "pro" },
      question: "How do I export?",
      articles: [{ title: "Export", summary: "Use File > Export.", url: "https://help.acme.test/export" }],
    });
    expect(system?.content).toMatch(/^You are a support agent for Acme\./);
    expect(user?.content).toBe(
      "Customer: Ada (plan: pro)\n\nQuestion:\nHow do I export?\n\nHelp-center articles:\n" +
        "- Export: Use File > Export. (link: https://help.acme.test/export, product: Acme)",
    );
    const none = prompt.messages({ product: "Acme", customer: { name: "Bo" }, question: "Q?", articles: [] });
    expect(none[1]?.content).toBe("Customer: Bo\n\nQuestion:\nQ?\n\nNo article matched the question.");
  });

  it("parse with the pure parser too", async () => {
    const text = await readFile(`${dir}support-reply.yaml`, "utf8");
    const config = parsePromptFile(text, "support-reply.yaml");
    // `system: |` is line 10 and `user: |` line 14: their text starts on the next lines.
    expect(config.source?.lines).toEqual({ system: 11, user: 15 });
    expect(toJsonSchema(config.output!)).toMatchObject({ required: ["reply", "cited", "needsHuman"] });
  });
});
