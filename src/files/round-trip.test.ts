import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parsePromptFile } from "./parse-prompt-file.js";

// Any text, including unicode, quotes, colons, `#`, `---` and YAML-looking values ("yes", "1.10", "null").
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "yes",
    "no",
    "null",
    "1.10",
    "0x1F",
    "- item",
    "key: value",
    "# not a comment",
    "---",
    "'quoted'",
    "{a: 1}",
  ),
);
const name = text.filter((s) => s.trim() !== "" && s === s.trim() && !/[\r\n\u0085\u2028\u2029]/.test(s));
const version = text.filter((s) => s.trim() !== "" && !/\r/.test(s));
const description = text.filter((s) => !/\r/.test(s));
// A template as the parser gives it back: no carriage returns, no leading blank line, no trailing whitespace.
const template = fc
  .array(text, { minLength: 1, maxLength: 5 })
  .map((ls) =>
    ls
      .join("\n")
      .replace(/[\r\uFEFF]/g, "")
      .trimEnd(),
  )
  .filter((t) => t.trim() !== "" && !/^[ \t]*\n/.test(t));

describe("round trip: serialise to a .prompt file and parse back", () => {
  it("keeps name, version, description and template, and the template line", () => {
    fc.assert(
      fc.property(name, version, description, template, (n, v, d, t) => {
        const file = `---\n${stringify({ name: n, version: v, description: d })}---\n${t}\n`;
        const config = parsePromptFile(file, "p.prompt");
        expect(config.name).toBe(n);
        expect(config.version).toBe(v);
        expect(config.description).toBe(d);
        expect(config.template).toBe(t);
        const line = config.source!.lines!.template!;
        expect(
          file
            .split("\n")
            .slice(line - 1)
            .join("\n")
            .trimEnd(),
        ).toBe(t);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("round trip: serialise to a FlowPrompt .yaml file and parse back", () => {
  // Without braces a template means the same in Jinja, str.format and Handlebars.
  const plain = template.filter((t) => !/[{}]/.test(t));
  it("keeps name, version, description, system and user, and their lines", () => {
    fc.assert(
      fc.property(name, version, description, plain, plain, (n, v, d, system, user) => {
        const file = stringify({ name: n, version: v, description: d, system, user });
        const config = parsePromptFile(file, "p.yaml");
        expect([config.name, config.version, config.description, config.system, config.user]).toEqual([
          n,
          v,
          d,
          system,
          user,
        ]);
        const lines = file.split("\n");
        for (const key of ["system", "user"] as const) {
          const keyLine = lines.findIndex((l) => l.startsWith(`${key}:`)) + 1;
          const at = config.source!.lines![key]!;
          if (/^\w+: [|>]/.test(lines[keyLine - 1]!)) {
            // A block scalar: the text starts on the next line, exactly.
            expect(at).toBe(keyLine + 1);
            const first = config[key]!.split("\n")[0]!;
            expect(lines[at - 1]!.trim()).toBe(first.trim());
          } else {
            expect([keyLine, keyLine + 1]).toContain(at);
          }
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
