import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, EXAMPLES, tempDir } from "./test-utils/cli.js";

/** One problem per file, each of a different kind, plus one good file. */
const BAD = {
  "bad-yaml.prompt": "---\nname: bad-yaml\nmodel: [unclosed\n---\nHi {{x}}\n",
  "unknown-key.prompt": "---\nname: unknown-key\nfoo: 1\n---\nHi {{x}}\n",
  "unclosed-each.prompt": "---\nname: unclosed-each\n---\nItems:\n{{#each items}}\n- {{this}}\n",
  "refused-jinja.yaml":
    "name: refused-jinja\nuser: |\n  Hello {{ name }}\n  {% macro m() %}x{% endmacro %}\n",
  "uncovered.prompt": "---\nname: uncovered\ninput:\n  schema:\n    a: string\n---\n{{a}} and\n{{b}}\n",
  "nested/good.prompt": "---\nname: good\n---\nHi {{who}}\n",
};

describe("flowprompt validate", () => {
  it("passes the examples folder", async () => {
    const r = await cli("validate", EXAMPLES);
    expect(r.code).toBe(0);
    expect(r.out).toBe("✓ 3 prompts valid, 0 problems\n");
    expect(r.err).toBe("");
  });

  it("reports every bad file at once, each with file:line, and exits 1", async () => {
    const dir = tempDir(BAD);
    const r = await cli("validate", dir);
    expect(r.code).toBe(1);
    const f = (name: string) => join(dir, name);
    expect(r.err).toContain(`✗ [FP_PROMPT_FILE] ${f("bad-yaml.prompt")}:3:8: invalid YAML`);
    expect(r.err).toContain(
      `✗ [FP_PROMPT_FILE] ${f("unknown-key.prompt")}:3:1: unknown key "foo" in the front matter`,
    );
    expect(r.err).toContain(`${f("unclosed-each.prompt")}:6:`);
    expect(r.err).toContain("hint: Check the {{…}} syntax: every {{#block}} needs its {{/block}}.");
    expect(r.err).toContain(
      `${f("refused-jinja.yaml")}:4:3: in "user": Jinja "{% macro %}" is not supported.`,
    );
    expect(r.err).toContain(
      `${f("uncovered.prompt")}:8:3: the template uses {{b}}, but the input schema has no field "b"`,
    );
    expect(r.err.match(/^✗ /gm)).toHaveLength(5);
    expect(r.out).toBe("✗ 1 prompt valid, 5 problems\n");
  });

  it("--json lists each problem with where, code, message and hint", async () => {
    const dir = tempDir(BAD);
    const r = await cli("validate", dir, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.prompts).toBe(1);
    const where = json.problems.map((p: { where: string }) => p.where.slice(dir.length + 1)).sort();
    expect(where).toEqual([
      "bad-yaml.prompt:3:8",
      "refused-jinja.yaml:4:3",
      "unclosed-each.prompt:6",
      "uncovered.prompt:8:3",
      "unknown-key.prompt:3:1",
    ]);
    for (const p of json.problems) {
      expect(p.code).toMatch(/^FP_/);
      expect(p.message).toEqual(expect.any(String));
    }
  });

  it("--json on a clean folder says ok", async () => {
    const r = await cli("validate", EXAMPLES, "--json");
    expect(JSON.parse(r.out)).toEqual({ ok: true, prompts: 3, problems: [] });
  });

  it("reports two files that define the same name and version", async () => {
    const same = "---\nname: same\n---\nHi\n";
    const dir = tempDir({ "a.prompt": same, "b.prompt": same });
    const r = await cli("validate", dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`prompt "same" version "1" is also defined in ${join(dir, "a.prompt")}`);
  });

  it("a folder that does not exist exits 2", async () => {
    const r = await cli("validate", "/nonexistent/prompts");
    expect(r.code).toBe(2);
    expect(r.err).toContain("error[FP_PROMPT_FILE] /nonexistent/prompts: no such folder.");
  });

  it("an empty folder is valid", async () => {
    const r = await cli("validate", tempDir());
    expect(r.code).toBe(0);
    expect(r.out).toBe("✓ 0 prompts valid, 0 problems\n");
  });
});

describe("flowprompt list", () => {
  it("shows each prompt: name@version, file, variables (optional ones with ?), output, model, hash", async () => {
    const r = await cli("list", EXAMPLES);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const lines = r.out.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(`classify@1.0.0  ${join(EXAMPLES, "classify.prompt")}`);
    expect(lines[1]).toMatch(
      /^ {2}vars: ticket, examples\? · output: json · model: openai:gpt-4o-mini · #[0-9a-f]{16}$/,
    );
    expect(lines[3]).toMatch(/^ {2}vars: text, audience\? · output: json/);
    expect(lines[4]).toBe(`support-reply@2.0.0  ${join(EXAMPLES, "support-reply.yaml")}`);
    expect(lines[5]).toContain("model: anthropic:claude-haiku-4-5");
  });

  it("--json parses and holds the rows and no errors", async () => {
    const r = await cli("list", EXAMPLES, "--json");
    const json = JSON.parse(r.out);
    expect(json.errors).toEqual([]);
    expect(json.prompts.map((p: { name: string }) => p.name)).toEqual([
      "classify",
      "summarize",
      "support-reply",
    ]);
    expect(json.prompts[1]).toMatchObject({
      name: "summarize",
      latest: "1.0.0",
      variables: ["text"],
      optionalVariables: ["audience"],
      model: "openai:gpt-4o-mini",
      output: "json",
    });
  });

  it("shows several versions of one prompt on one row, and text prompts with no variables", async () => {
    const dir = tempDir({
      "v1.prompt": "---\nname: hello\nversion: '1'\n---\nHi\n",
      "v2.prompt": "---\nname: hello\nversion: '2'\n---\nHello\n",
    });
    const r = await cli("list", dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^hello@2 \(versions 1, 2\) {2}.*v2\.prompt\n {2}vars: none · output: text · #/);
  });

  it("lists what loads, warns about what does not and exits 1", async () => {
    const dir = tempDir(BAD);
    const r = await cli("list", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^good@1 {2}/);
    expect(r.err).toBe(`5 file(s) could not be loaded; run \`flowprompt validate ${dir}\`.\n`);
    const json = JSON.parse((await cli("list", dir, "--json")).out);
    expect(json.errors).toHaveLength(5);
    expect(json.errors[0]).toMatchObject({
      code: expect.stringMatching(/^FP_/),
      message: expect.any(String),
    });
  });

  it("says so when a folder holds no prompt files", async () => {
    const dir = tempDir({ "notes.txt": "hello" });
    const r = await cli("list", dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`No prompt files in ${dir}.\n`);
  });

  it("a folder that does not exist exits 2", async () => {
    const r = await cli("list", "/nonexistent/prompts");
    expect(r.code).toBe(2);
    expect(r.err).toContain("no such folder");
  });
});
