import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPrompt } from "./load.js";

describe("Dotprompt input defaults", () => {
  it("fill the variables the caller leaves out, and the caller's values win", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-defaults-"));
    const file = join(dir, "greet.prompt");
    writeFileSync(
      file,
      [
        "---",
        "input:",
        "  schema:",
        "    name: string",
        "    tone?: string",
        "  default:",
        "    tone: warm",
        "---",
        "Greet {{name}} in a {{tone}} tone.",
      ].join("\n"),
    );
    const p = await loadPrompt(file);
    expect(p.messages({ name: "Ada" } as never)[0]!.content).toBe("Greet Ada in a warm tone.");
    expect(p.messages({ name: "Ada", tone: "dry" } as never)[0]!.content).toBe("Greet Ada in a dry tone.");
  });
});
