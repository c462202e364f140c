import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { definePrompt, type RunResult } from "./index.js";
import type { TemplateValue, TemplateVars } from "./template/infer.js";

// These tests are checked by the compiler (`npm run lint` runs tsc); at run time they only
// make sure the file loads.
describe("types", () => {
  it("infers variables from literal templates", () => {
    expectTypeOf<TemplateVars<"Hi {{name}}, from {{ city }}">>().toEqualTypeOf<{
      name: TemplateValue;
      city: TemplateValue;
    }>();
    expectTypeOf<TemplateVars<"{{#each items}}{{title}} {{this.x}}{{/each}}{{after}}">>().toEqualTypeOf<{
      items: TemplateValue;
      after: TemplateValue;
    }>();
    expectTypeOf<TemplateVars<"{{#if extra}}{{extra}}{{/if}}">>().toEqualTypeOf<{ extra?: unknown }>();
    expectTypeOf<TemplateVars<'{{role "system"}}x{{history}}{{json data}}{{user.name}}'>>().toEqualTypeOf<{
      data: TemplateValue;
      user: TemplateValue;
    }>();
    expectTypeOf<TemplateVars<"no variables">>().toEqualTypeOf<{}>();
    expectTypeOf<TemplateVars<"{{#x}}shown{{/x}}{{^y}}hidden{{/y}}">>().toEqualTypeOf<{
      x?: unknown;
      y?: unknown;
    }>();
    expectTypeOf<TemplateVars<string>>().toEqualTypeOf<Record<string, unknown>>();
  });

  it("types run() from the templates, or from the schemas", () => {
    // Never called: only compiled.
    const checks = () => {
      const text = definePrompt({ name: "t", system: "About {{topic}}", user: "Q: {{question}}" });
      expectTypeOf(text.run).parameter(0).toEqualTypeOf<{ topic: TemplateValue; question: TemplateValue }>();
      expectTypeOf(text.run({ topic: "x", question: "y" })).resolves.toEqualTypeOf<string>();
      // @ts-expect-error question is missing
      void text.messages({ topic: "x" });
      // @ts-expect-error qestion is misspelt
      void text.messages({ topic: "x", qestion: "y" });

      const typed = definePrompt({
        name: "s",
        user: "Rate {{text}}",
        input: z.object({ text: z.string(), lang: z.string().optional() }),
        output: z.object({ score: z.number() }),
      });
      expectTypeOf(typed.run({ text: "a" })).resolves.toEqualTypeOf<{ score: number }>();
      expectTypeOf(typed.execute({ text: "a" })).resolves.toEqualTypeOf<RunResult<{ score: number }>>();
      // @ts-expect-error text must be a string
      void typed.messages({ text: 1 });

      const none = definePrompt({ name: "n", user: "Say hi" });
      expectTypeOf(none.run()).resolves.toEqualTypeOf<string>();

      const variant = typed.with({ output: z.object({ label: z.string() }) });
      expectTypeOf(variant.run({ text: "a" })).resolves.toEqualTypeOf<{ label: string }>();
    };
    expectTypeOf(checks).toBeFunction();
  });

  it("refuses a template variable the input schema lacks", () => {
    const check = () =>
      // @ts-expect-error b is not in the input schema
      definePrompt({
        name: "x",
        user: "{{a}} {{b}}",
        input: z.object({ a: z.string() }),
      });
    expectTypeOf(check).toBeFunction();
  });
});
