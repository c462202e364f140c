import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./main.js";
import { cli, cliWith, example, tempDir } from "./test-utils/cli.js";

const STACK = /\n\s+at .+:\d+:\d+/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`); // an ANSI colour code

describe("usage errors exit 2", () => {
  it("an unknown command, with a suggestion for a near miss", async () => {
    const r = await cli("rnder", "x.prompt");
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown command 'rnder'");
    expect(r.err).toContain("(Did you mean render?)");
    expect(r.err).toContain("(run with --help for usage)");
    expect(r.out).toBe("");
  });

  it("an unknown flag, on the program or on a command", async () => {
    const a = await cli("--verbose", "list");
    expect(a.code).toBe(2);
    expect(a.err).toContain("error: unknown option '--verbose'");
    const b = await cli("render", example("summarize.prompt"), "--bogus");
    expect(b.code).toBe(2);
    expect(b.err).toContain("error: unknown option '--bogus'");
  });

  it("a flag without its value", async () => {
    const r = await cli("run", example("summarize.prompt"), "--model");
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: option '-m, --model <model>' argument missing");
  });

  it("no command at all prints the help on stderr", async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("Usage: flowprompt [options] [command]");
  });

  it("an unknown provider lists the known ones and how to pass a model", async () => {
    const r = await cli(
      "run",
      example("summarize.prompt"),
      "--var",
      "text=x",
      "--model",
      "opnai:gpt-4o",
      "--no-cache",
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'error[FP_UNKNOWN_PROVIDER] Unknown provider "opnai" in model "opnai:gpt-4o". Did you mean "openai"? ' +
        "Known providers: anthropic, azure, google, mistral, mock, ollama, openai, openai-compatible, sim.\n" +
        'hint: Pass --model "provider:model-id" with a known provider, e.g. --model mock for a dry run.\n',
    );
  });
});

describe("help and version exit 0", () => {
  it("--help lists every command on stdout", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    for (const cmd of ["render", "run", "list", "validate", "cache"]) expect(r.out).toContain(`  ${cmd} `);
    expect(r.out).toContain("--no-color");
  });

  it("<command> --help and `help <command>` show that command's flags", async () => {
    const a = await cli("run", "--help");
    expect(a.code).toBe(0);
    expect(a.out).toContain("Usage: flowprompt run [options] <file>");
    for (const flag of [
      "--var",
      "--json-var",
      "--vars",
      "--history",
      "--model",
      "--stream",
      "--no-cache",
      "--cache-dir",
      "--namespace",
      "--timeout",
      "--temperature",
      "--max-output-tokens",
      "--json",
    ])
      expect(a.out).toContain(flag);
    const b = await cli("help", "render");
    expect(b.code).toBe(0);
    expect(b.out).toContain("Usage: flowprompt render [options] <file>");
    expect((await cli("help")).code).toBe(0);
  });

  it("--version prints the version", async () => {
    const r = await cli("--version");
    expect(r.code).toBe(0);
    expect(r.out).toBe("0.1.0\n");
    expect((await cli("-V")).out).toBe("0.1.0\n");
  });
});

describe("--debug", () => {
  const bad = () => join(tempDir({ "bad.prompt": "---\nname: bad\nmodel: [x\n---\nHi\n" }), "bad.prompt");

  it("without it, no stack trace", async () => {
    const r = await cli("render", bad());
    expect(r.code).toBe(2);
    expect(r.err).toContain("error[FP_PROMPT_FILE]");
    expect(r.err).not.toMatch(STACK);
  });

  it("with it, the stack trace follows the message, before or after the command", async () => {
    const file = bad();
    for (const argv of [
      ["--debug", "render", file],
      ["render", file, "--debug"],
    ]) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain("error[FP_PROMPT_FILE]");
      expect(r.err).toMatch(STACK);
      expect(r.err).toContain("PromptFileError:");
    }
  });
});

describe("colours", () => {
  it("are used when the Io says so, and never in the tests' default Io", async () => {
    const coloured = await cliWith({ color: true }, "render", "/nonexistent.prompt");
    expect(coloured.err).toMatch(ANSI);
    const plain = await cli("render", "/nonexistent.prompt");
    expect(plain.err).not.toMatch(ANSI);
  });

  it("--no-color turns them off", async () => {
    const r = await cliWith({ color: true }, "--no-color", "render", "/nonexistent.prompt");
    expect(r.err).toContain("error[FP_PROMPT_FILE]");
    expect(r.err).not.toMatch(ANSI);
    const list = await cliWith({ color: true }, "list", example(""), "--no-color");
    expect(list.out).not.toMatch(ANSI);
  });
});

describe("main() with the process's own streams", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes to process.stdout when no Io is given", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await main(["--version"])).toBe(0);
    expect(out).toHaveBeenCalledWith("0.1.0\n");
  });
});
