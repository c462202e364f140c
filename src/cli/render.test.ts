import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, example, lineOf, tempDir } from "./test-utils/cli.js";

const greet = '---\nname: greet\n---\n{{role "system"}}\nBe kind.\n{{role "user"}}\nHello {{who}}\n';

describe("flowprompt render", () => {
  it("prints each message under its role, with the variables filled in", async () => {
    const r = await cli("render", example("summarize.prompt"), "--var", "text=The sky is blue.");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("── system \nYou write faithful, concise summaries.");
    expect(r.out).toContain(
      "── user \nSummarize the text between the markers.\n\n<text>\nThe sky is blue.\n</text>",
    );
    expect(r.out).not.toContain("audience");
  });

  it("prints JSON with the prompt's name, version, hash and messages", async () => {
    const r = await cli("render", example("summarize.prompt"), "--var", "text=Hi", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ prompt: "summarize", version: "1.0.0", hash: expect.any(String) });
    expect(json.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
  });

  it("renders the Python-format YAML file with its Jinja translated", async () => {
    const r = await cli(
      "render",
      example("support-reply.yaml"),
      "--var",
      "product=Acme",
      "--var",
      "question=How do I reset my password?",
      "--json-var",
      'customer={"name":"Ada","plan":"pro"}',
      "--json-var",
      'articles=[{"title":"Reset","summary":"Use the link","url":"https://h/1"}]',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("You are a support agent for Acme.");
    expect(r.out).toContain("Customer: Ada (plan: pro)");
    expect(r.out).toContain("- Reset: Use the link (link: https://h/1, product: Acme)");
  });

  it("reads a variable from a file with --var name=@path", async () => {
    const dir = tempDir({ "text.txt": "Line one.\nLine two.\n" });
    const r = await cli("render", example("summarize.prompt"), "--var", `text=@${join(dir, "text.txt")}`);
    expect(r.code).toBe(0);
    expect(r.out).toContain("<text>\nLine one.\nLine two.\n\n</text>");
  });

  it("takes variables from --vars, with --var and --json-var winning over it", async () => {
    const dir = tempDir({ "vars.json": JSON.stringify({ ticket: "from file", examples: [] }) });
    const vars = join(dir, "vars.json");
    const a = await cli("render", example("classify.prompt"), "--vars", vars);
    expect(a.code).toBe(0);
    expect(a.out).toContain("── user \nfrom file");
    const b = await cli("render", example("classify.prompt"), "--vars", vars, "--var", "ticket=from flag");
    expect(b.out).toContain("── user \nfrom flag");
    const c = await cli(
      "render",
      example("classify.prompt"),
      "--vars",
      vars,
      "--json-var",
      'examples=[{"text":"I was charged twice","label":"billing"}]',
    );
    expect(c.out).toContain(
      '── user \nI was charged twice\n\n── assistant \n{"label": "billing", "confidence": 1}',
    );
  });

  it("puts --history turns before the last user message", async () => {
    const dir = tempDir({
      "p.prompt": greet,
      "h.json": JSON.stringify([
        { role: "user", content: "Earlier question" },
        { role: "assistant", content: "Earlier answer" },
      ]),
    });
    const r = await cli(
      "render",
      join(dir, "p.prompt"),
      "--var",
      "who=Ada",
      "--history",
      join(dir, "h.json"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/system[\s\S]*Earlier question[\s\S]*Earlier answer[\s\S]*Hello Ada/);
  });

  describe("bad input exits 2 and says what to do", () => {
    it("a missing variable names the variable, the file and the line (no input schema)", async () => {
      const dir = tempDir({ "p.prompt": greet });
      const r = await cli("render", join(dir, "p.prompt"));
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain(
        `error[FP_MISSING_VARIABLE] Missing variable "who" for ${join(dir, "p.prompt")}:7`,
      );
      expect(r.err).toContain("hint: Pass it: --var who=<text>");
      expect(r.err).not.toMatch(/\n\s+at /);
    });

    it("a missing variable names the line too when the prompt has an input schema", async () => {
      const file = example("summarize.prompt");
      const line = lineOf(readFileSync(file, "utf8"), "{{text}}");
      const r = await cli("render", file);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`Missing variable "text" for ${file}:${line} (used by {{text}})`);
      expect(r.err).toContain("--var text=");
    });

    it("a wrongly typed variable is reported against the input schema", async () => {
      const r = await cli(
        "render",
        example("classify.prompt"),
        "--var",
        "ticket=x",
        "--json-var",
        "examples=3",
      );
      expect(r.code).toBe(2);
      expect(r.err).toContain("error[FP_INVALID_INPUT]");
      expect(r.err).toContain("examples");
    });

    it("a variable no template uses is refused, listing the known ones", async () => {
      const dir = tempDir({ "p.prompt": greet });
      const r = await cli("render", join(dir, "p.prompt"), "--var", "who=Ada", "--var", "whom=Bo");
      expect(r.code).toBe(2);
      expect(r.err).toContain('error[FP_UNKNOWN_VARIABLE] Unknown variable "whom"');
      expect(r.err).toContain("who");
    });

    it("--var without '=' exits 2 with an example", async () => {
      const r = await cli("render", example("summarize.prompt"), "--var", "text");
      expect(r.code).toBe(2);
      expect(r.err).toContain('error[FP_USAGE] --var "text" is not name=value.');
      expect(r.err).toContain("hint: Example: --var name=Ada");
    });

    it("--var name=@missing-file names the file", async () => {
      const r = await cli("render", example("summarize.prompt"), "--var", "text=@/nonexistent/t.txt");
      expect(r.code).toBe(2);
      expect(r.err).toContain("--var text=@/nonexistent/t.txt: ENOENT");
    });

    it("--json-var with bad JSON exits 2 with an example", async () => {
      const r = await cli("render", example("classify.prompt"), "--json-var", "examples=[oops");
      expect(r.code).toBe(2);
      expect(r.err).toContain("--json-var examples:");
      expect(r.err).toContain(`hint: Example: --json-var examples='["a","b"]'`);
    });

    it("--vars must be a JSON object in a readable file", async () => {
      const dir = tempDir({ "list.json": "[1,2]", "bad.json": "{" });
      const a = await cli("render", example("classify.prompt"), "--vars", join(dir, "list.json"));
      expect(a.code).toBe(2);
      expect(a.err).toContain("expected a JSON object of variables");
      const b = await cli("render", example("classify.prompt"), "--vars", join(dir, "bad.json"));
      expect(b.code).toBe(2);
      expect(b.err).toContain("hint: Give a JSON file holding an object.");
    });

    it("--history must be an array of chat messages", async () => {
      const dir = tempDir({
        "p.prompt": greet,
        "obj.json": "{}",
        "role.json": JSON.stringify([{ role: "bogus", content: "x" }]),
        "content.json": JSON.stringify([{ role: "user", content: 3 }]),
        "broken.json": "[",
      });
      const run = (h: string) =>
        cli("render", join(dir, "p.prompt"), "--var", "who=A", "--history", join(dir, h));
      const obj = await run("obj.json");
      expect(obj.code).toBe(2);
      expect(obj.err).toContain("expected a JSON array of { role, content }");
      const role = await run("role.json");
      expect(role.code).toBe(2);
      expect(role.err).toContain(
        'message 1: its role is "bogus"; expected one of system, user, assistant, tool.',
      );
      const content = await run("content.json");
      expect(content.code).toBe(2);
      expect(content.err).toContain("message 1: it is not a valid user message.");
      expect((await run("broken.json")).code).toBe(2);
    });

    it("a file that does not exist, or a folder, exits 2", async () => {
      const a = await cli("render", "/nonexistent/x.prompt");
      expect(a.code).toBe(2);
      expect(a.err).toContain("error[FP_PROMPT_FILE] /nonexistent/x.prompt: no such file.");
      const dir = tempDir();
      const b = await cli("render", dir);
      expect(b.code).toBe(2);
      expect(b.err).toContain("this is a folder");
    });

    it("a malformed prompt file exits 2 with file:line:column", async () => {
      const dir = tempDir({ "bad.prompt": "---\nname: bad\nmodel: [unclosed\n---\nHi\n" });
      const r = await cli("render", join(dir, "bad.prompt"));
      expect(r.code).toBe(2);
      expect(r.err).toContain(`error[FP_PROMPT_FILE] ${join(dir, "bad.prompt")}:3:8: invalid YAML`);
    });

    it("a missing <file> argument exits 2", async () => {
      const r = await cli("render");
      expect(r.code).toBe(2);
      expect(r.err).toContain("error: missing required argument 'file'");
    });
  });
});
