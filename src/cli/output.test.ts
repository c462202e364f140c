import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatCost } from "./commands/shared.js";
import { EXIT, type Io, processIo, reportError, shouldColor } from "./output.js";
import { cli, tempDir } from "./test-utils/cli.js";
import { UsageError } from "./usage-error.js";

function memoryIo(): Io & { text: () => string } {
  let err = "";
  return {
    out: () => {},
    err: (t) => {
      err += `${t}\n`;
    },
    write: () => {},
    color: false,
    text: () => err,
  };
}

describe("shouldColor", () => {
  it("colours a terminal only", () => {
    expect(shouldColor({}, true)).toBe(true);
    expect(shouldColor({}, false)).toBe(false);
    expect(shouldColor({ TERM: "dumb" }, true)).toBe(false);
  });

  it("NO_COLOR wins; FORCE_COLOR forces, unless 0 or false", () => {
    expect(shouldColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: "1", FORCE_COLOR: "1" }, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: "" }, true)).toBe(true); // no-color.org: empty means unset
    expect(shouldColor({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: "" }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(shouldColor({ FORCE_COLOR: "false" }, true)).toBe(false);
  });
});

describe("processIo", () => {
  afterEach(() => vi.restoreAllMocks());

  it("adds a newline to lines, not to streamed text", () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    processIo.out("a");
    processIo.out("b\n");
    processIo.write("c");
    processIo.err("d");
    expect(out.mock.calls.map((c) => c[0])).toEqual(["a\n", "b\n", "c"]);
    expect(err.mock.calls.map((c) => c[0])).toEqual(["d\n"]);
  });
});

describe("reportError", () => {
  it("an unexpected error exits 1 and points at --debug", () => {
    const io = memoryIo();
    expect(reportError(io, new Error("boom"), false)).toBe(EXIT.failed);
    expect(io.text()).toBe("error boom\nRun again with --debug to see the stack trace.\n");
  });

  it("with --debug, prints its stack instead", () => {
    const io = memoryIo();
    reportError(io, new Error("boom"), true);
    expect(io.text()).toMatch(/^error boom\nError: boom\n\s+at /);
  });

  it("something thrown that is not an Error is printed as text", () => {
    const io = memoryIo();
    expect(reportError(io, "a string", true)).toBe(EXIT.failed);
    expect(io.text()).toContain("error a string\n");
  });

  it("a UsageError exits 2 with its hint", () => {
    const io = memoryIo();
    const e = new UsageError("bad flag.", "Do this.");
    expect(UsageError.isInstance(e)).toBe(true);
    expect(UsageError.isInstance(new Error("x"))).toBe(false);
    expect(reportError(io, e, false)).toBe(EXIT.usage);
    expect(io.text()).toBe("error[FP_USAGE] bad flag.\nhint: Do this.\n");
  });
});

describe("formatCost", () => {
  it("says unknown, $0, or dollars with enough digits", () => {
    expect(formatCost(null)).toBe("cost unknown");
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.000123)).toBe("$0.000123");
    expect(formatCost(0.5)).toBe("$0.5000");
  });
});

describe("render shows non-text parts by type", () => {
  it("an image in the history prints as [image <media type>]", async () => {
    const dir = tempDir({
      "p.prompt": "---\nname: p\n---\nDescribe it.\n",
      "h.json": JSON.stringify([
        {
          role: "user",
          content: [
            { type: "text", text: "Look: " },
            { type: "image", image: "https://example.com/a.png", mediaType: "image/png" },
            { type: "image", image: "https://example.com/b" },
          ],
        },
      ]),
    });
    const r = await cli("render", join(dir, "p.prompt"), "--history", join(dir, "h.json"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("Look: [image image/png][image]");
  });
});
