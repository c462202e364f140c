import { describe, expect, it } from "vitest";
import { MissingVariableError, TemplateError, UnknownVariableError } from "../errors/index.js";
import { definePrompt } from "../prompt.js";

describe("templates", () => {
  it("renders system and user messages without HTML escaping", () => {
    const p = definePrompt({ name: "greet", system: "Be <kind>.", user: "Hello {{name}} & co" });
    expect(p.messages({ name: "<Ada>" })).toEqual([
      { role: "system", content: "Be <kind>." },
      { role: "user", content: "Hello <Ada> & co" },
    ]);
  });

  it("names the missing variable, the prompt and the line", () => {
    const p = definePrompt({ name: "greet", user: "Hello\n{{name}} from {{city}}" });
    // @ts-expect-error city is missing
    const call = () => p.messages({ name: "Ada" });
    expect(call).toThrowError(MissingVariableError);
    expect(call).toThrowError(/Missing variable "city" for prompt "greet"/);
  });

  it("refuses a misspelt variable and suggests the right one", () => {
    const p = definePrompt({ name: "greet", user: "Hello {{name}}" });
    // @ts-expect-error nmae is misspelt
    const call = () => p.messages({ name: "Ada", nmae: "x" });
    expect(call).toThrowError(UnknownVariableError);
    expect(call).toThrowError(/Did you mean "name"\?/);
  });

  it("loops over demos, treats {{#if}} variables as optional", () => {
    const p = definePrompt({
      name: "fewshot",
      user: "{{#if intro}}{{intro}}\n{{/if}}{{#each demos}}Q: {{q}} A: {{this.a}}\n{{/each}}Q: {{question}}",
    });
    const msgs = p.messages({ demos: [{ q: "1+1", a: "2" }], question: "2+2" });
    expect(msgs).toEqual([{ role: "user", content: "Q: 1+1 A: 2\nQ: 2+2" }]);
    expect([...p.variables].sort()).toEqual(["demos", "question"]);
    expect(p.optionalVariables).toEqual(["intro"]);
  });

  it("requires a variable used outside its {{#if}}, not one only used inside it", () => {
    const guarded = definePrompt({ name: "g", user: "{{#if customer}}Customer: {{customer}}{{/if}}Hi" });
    expect(guarded.variables).toEqual([]);
    expect(guarded.messages({})[0]!.content).toBe("Hi");
    const both = definePrompt({ name: "b", user: "{{#if customer}}VIP {{/if}}Customer: {{customer}}" });
    expect(both.variables).toEqual(["customer"]);
    expect(both.optionalVariables).toEqual([]);
    // @ts-expect-error customer is required: it is printed outside the {{#if}}
    expect(() => both.messages({})).toThrowError(/Missing variable "customer"/);
  });

  it("splits role markers into messages and places history", () => {
    const p = definePrompt({
      name: "chat",
      template: '{{role "system"}}You help {{user}}.{{history}}{{role "user"}}{{question}}',
    });
    const msgs = p.messages(
      { user: "Ada", question: "Why?" },
      {
        history: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello" },
        ],
      },
    );
    expect(msgs.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(msgs[3]).toEqual({ role: "user", content: "Why?" });
  });

  it("puts history before the last user message when there is no {{history}}", () => {
    const p = definePrompt({ name: "chat", system: "S", user: "{{q}}" });
    const msgs = p.messages({ q: "now" }, { history: [{ role: "user", content: "before" }] });
    expect(msgs.map((m) => m.content)).toEqual(["S", "before", "now"]);
  });

  it("prints objects given for a plain placeholder as JSON", () => {
    const p = definePrompt({ name: "j", user: "Data: {{data}}" });
    expect(p.messages({ data: { a: 1 } })[0]!.content).toBe('Data: {"a":1}');
  });

  it("reports template syntax errors with the prompt and line", () => {
    expect(() => definePrompt({ name: "bad", user: "ok\n{{#each items}}oops" })).toThrowError(TemplateError);
    expect(() => definePrompt({ name: "bad", user: "ok\n{{#each items}}oops" })).toThrowError(/prompt "bad"/);
  });

  it("uses partials and checks their variables", () => {
    const p = definePrompt({ name: "p", partials: { sig: "-- {{author}}" }, user: "Hi{{> sig}}" });
    expect(p.messages({ author: "Ada" })[0]!.content).toBe("Hi-- Ada");
    expect(() => p.messages({} as never)).toThrowError(/Missing variable "author"/);
    expect(() => definePrompt({ name: "q", user: "{{> nope}}" })).toThrowError(/partial \{\{> nope\}\}/);
  });

  it("adds media parts", () => {
    const p = definePrompt({ name: "m", template: 'Look: {{media url=img contentType="image/png"}}' });
    const msgs = p.messages({ img: "https://example.com/a.png" });
    expect(msgs[0]!.role).toBe("user");
    expect(msgs[0]!.content).toEqual([
      { type: "text", text: "Look: " },
      { type: "image", image: new URL("https://example.com/a.png"), mediaType: "image/png" },
    ]);
  });
});
