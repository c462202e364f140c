import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TemplateError } from "../core/errors/template-error.js";
import { findPromptFiles, loadPrompt, loadPrompts } from "./load.js";

let root: string;

async function put(rel: string, text: string): Promise<string> {
  const path = join(root, rel);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, text);
  return path;
}

const SUMMARIZE = `---
name: summarize
version: "1.0.0"
model: mock
output:
  schema:
    summary: string
---
Summarize: {{text}}
`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "fp-files-"));
  await put("good/summarize.prompt", SUMMARIZE);
  await put("good/v2/summarize.prompt", SUMMARIZE.replace('"1.0.0"', '"1.10.0"'));
  await put("good/support.yaml", "name: support-reply\nsystem: Be kind.\nuser: '{{ message }}'\n");
  await put("good/notes.md", "not a prompt");
  await put("good/.hidden/x.prompt", "---\nname: hidden\n---\nx\n");
  await put("good/node_modules/pkg/y.prompt", "---\nname: vendored\n---\ny\n");
  await symlink(join(root, "good"), join(root, "good", "loop")).catch(() => undefined);

  await put("bad/a-broken.prompt", "---\nname: broken\nversion: [1]\n---\nx\n");
  await put("bad/b-dup1.prompt", "---\nname: dup\n---\none\n");
  await put("bad/c-dup2.yaml", "name: dup\nuser: two\n");
  await put("bad/d-ok.prompt", "---\nname: fine\n---\nHello {{who}}\n");
  await put("bad/e-template.prompt", "---\nname: tpl\n---\n\nHello {{#if x}}\n");
  await put("good2/deep-error.prompt", "---\nname: deep\n---\nline one\nline two\nline three {{#each}}\n");
  await put("good2/yaml-error.yaml", "name: y\nsystem: hi\nuser: |\n  one\n  two {{/if}}\n");
  await put("bad/f-schema.prompt", "---\nname: schema\ninput:\n  schema:\n    a: string\n---\nUses {{b}}\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loadPrompt", () => {
  it("reads, parses and defines a prompt", async () => {
    const prompt = await loadPrompt(join(root, "good/summarize.prompt"));
    expect(prompt.name).toBe("summarize");
    expect(prompt.version).toBe("1.0.0");
    expect(prompt.variables).toEqual(["text"]);
    expect(prompt.outputJsonSchema).toMatchObject({ type: "object", required: ["summary"] });
    expect(prompt.source).toEqual({ file: join(root, "good/summarize.prompt"), lines: { template: 9 } });
    expect(prompt.messages({ text: "abc" })).toEqual([{ role: "user", content: "Summarize: abc" }]);
  });

  it("renders a Python-format file", async () => {
    const prompt = await loadPrompt(join(root, "good/support.yaml"));
    expect(prompt.messages({ message: "help" })).toEqual([
      { role: "system", content: "Be kind." },
      { role: "user", content: "help" },
    ]);
  });

  it("fills what the file does not say from options.base", async () => {
    const prompt = await loadPrompt(join(root, "good/support.yaml"), {
      base: { model: "mock", params: { temperature: 0 }, metadata: { team: "a" } },
    });
    expect(prompt.model).toBe("mock");
    expect(prompt.params).toEqual({ temperature: 0 });
    expect(prompt.metadata).toEqual({ team: "a" });
  });

  it("reports a missing file or a folder as PromptFileError", async () => {
    await expect(loadPrompt(join(root, "nope.prompt"))).rejects.toThrow(/nope\.prompt: no such file\./);
    await expect(loadPrompt(join(root, "good"))).rejects.toThrow(/this is a folder; use loadPrompts\(\)/);
  });

  it("reports a template that does not parse with the file line", async () => {
    const error = await loadPrompt(join(root, "bad/e-template.prompt")).catch((e: unknown) => e);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect((error as TemplateError).file).toBe(join(root, "bad/e-template.prompt"));
    expect((error as TemplateError).line).toBe(5);
  });

  it("reports template errors at the file line: template start + line in the template", async () => {
    const deep = await loadPrompt(join(root, "good2/deep-error.prompt")).catch((e: unknown) => e);
    expect(TemplateError.isInstance(deep)).toBe(true);
    expect((deep as TemplateError).line).toBe(6);
    const yaml = await loadPrompt(join(root, "good2/yaml-error.yaml")).catch((e: unknown) => e);
    expect(TemplateError.isInstance(yaml)).toBe(true);
    expect([(yaml as TemplateError).file, (yaml as TemplateError).line]).toEqual([
      join(root, "good2/yaml-error.yaml"),
      5,
    ]);
  });

  it("reports a template variable the input schema lacks at its file line", async () => {
    const error = await loadPrompt(join(root, "bad/f-schema.prompt")).catch((e: unknown) => e);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file: join(root, "bad/f-schema.prompt"), line: 7, column: 8 });
    expect((error as Error).message).toMatch(
      /f-schema\.prompt:7:8: the template uses \{\{b\}\}.*no field "b"/,
    );
  });
});

describe("loadPrompts", () => {
  it("finds prompt files recursively, skipping dotfiles, node_modules and symlink loops", async () => {
    const files = await findPromptFiles(join(root, "good"));
    expect(files.map((f) => f.slice(root.length + 1))).toEqual([
      "good/summarize.prompt",
      "good/support.yaml",
      "good/v2/summarize.prompt",
    ]);
  });

  it("builds a registry of every name and version", async () => {
    const registry = await loadPrompts(join(root, "good"));
    expect(registry.names()).toEqual(["summarize", "support-reply"]);
    expect(registry.get("summarize").version).toBe("1.10.0");
    expect(registry.get("summarize", "1.0.0").version).toBe("1.0.0");
    expect(registry.list()[0]).toMatchObject({ name: "summarize", versions: ["1.0.0", "1.10.0"] });
    expect(registry.get("support-reply").version).toBe("1");
  });

  it("throws the first problem by default", async () => {
    await expect(loadPrompts(join(root, "bad"))).rejects.toThrow(
      /a-broken\.prompt:3:10: "version" must be a string or a number/,
    );
  });

  it("collects every problem with { strict: false }", async () => {
    const registry = await loadPrompts(join(root, "bad"), { strict: false });
    expect(registry.names()).toEqual(["dup", "fine"]);
    expect(registry.get("dup").config.template).toBe("one");
    const messages = registry.errors.map((e) => e.message.replace(`${root}/`, ""));
    expect(messages).toEqual([
      'bad/a-broken.prompt:3:10: "version" must be a string or a number, not a list.',
      expect.stringMatching(
        /^bad\/c-dup2\.yaml: prompt "dup" version "1" is also defined in .*bad\/b-dup1\.prompt\.$/,
      ),
      expect.stringMatching(/^Template error in bad\/e-template\.prompt:5/),
      expect.stringMatching(/^Template error in bad\/f-schema\.prompt:7:8: /),
    ]);
  });

  it("loads only the files the filter accepts", async () => {
    const registry = await loadPrompts(join(root, "bad"), { filter: (f) => /d-ok|b-dup1/.test(f) });
    expect(registry.names()).toEqual(["dup", "fine"]);
  });

  it("reports a missing folder, or a file given as folder", async () => {
    await expect(loadPrompts(join(root, "missing"))).rejects.toThrow(/missing: no such folder\./);
    await expect(loadPrompts(join(root, "good/support.yaml"))).rejects.toThrow(
      /not a folder; use loadPrompt\(\)/,
    );
  });
});
