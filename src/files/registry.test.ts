import { describe, expect, it } from "vitest";
import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { PromptNotFoundError } from "../core/errors/prompt-not-found-error.js";
import { compareVersions, RegistryBuilder, type Versioned } from "./registry.js";

describe("compareVersions", () => {
  it("orders numeric parts numerically, pre-releases first, v-prefixes ignored", () => {
    const sorted = [
      "2",
      "1.10.0",
      "1.2.0",
      "1.0.0",
      "1.0.0-beta.2",
      "1.0.0-beta.10",
      "1.0.0-alpha",
      "v1.1",
      "0.9",
    ].sort(compareVersions);
    expect(sorted).toEqual([
      "0.9",
      "1.0.0-alpha",
      "1.0.0-beta.2",
      "1.0.0-beta.10",
      "1.0.0",
      "v1.1",
      "1.2.0",
      "1.10.0",
      "2",
    ]);
    expect(compareVersions("1", "1.0.0")).toBe(0);
    expect(compareVersions("1.0.0+build", "1.0.0")).toBe(0);
    expect(compareVersions("1.0.0-rc.1", "1.0.0-rc")).toBe(1);
    expect(compareVersions("1.0.0-1", "1.0.0-a")).toBe(-1);
  });

  it("puts labels that are not versions before versions, in natural order", () => {
    expect(["draft-10", "1", "draft-2"].sort(compareVersions)).toEqual(["draft-2", "draft-10", "1"]);
  });
});

const p = (name: string, version: string): Versioned & { id: string } => ({
  name,
  version,
  id: `${name}@${version}`,
});

describe("a registry", () => {
  const builder = new RegistryBuilder<ReturnType<typeof p>>();
  builder.add(p("summarize", "1.2.0"), "a/summarize.prompt");
  builder.add(p("summarize", "1.10.0"), "b/summarize-v110.prompt");
  builder.add(p("classify", "1"), "classify.prompt");
  const registry = builder.build();

  it("gets the latest version, or the version asked for", () => {
    expect(registry.get("summarize").id).toBe("summarize@1.10.0");
    expect(registry.get("summarize", "1.2.0").id).toBe("summarize@1.2.0");
    expect(registry.has("summarize", "1.2.0")).toBe(true);
    expect(registry.has("summarize", "9")).toBe(false);
    expect(registry.has("nope")).toBe(false);
  });

  it("lists names, versions and files; iterates over every prompt", () => {
    expect(registry.names()).toEqual(["classify", "summarize"]);
    expect(registry.list()).toEqual([
      { name: "classify", versions: ["1"], file: "classify.prompt", files: ["classify.prompt"] },
      {
        name: "summarize",
        versions: ["1.2.0", "1.10.0"],
        file: "b/summarize-v110.prompt",
        files: ["a/summarize.prompt", "b/summarize-v110.prompt"],
      },
    ]);
    expect([...registry].map((x) => x.id)).toEqual(["classify@1", "summarize@1.2.0", "summarize@1.10.0"]);
    expect(registry.size).toBe(3);
    expect(registry.errors).toEqual([]);
  });

  it("throws PromptNotFoundError naming what is there", () => {
    try {
      registry.get("sumarize");
      expect.unreachable();
    } catch (error) {
      expect(PromptNotFoundError.isInstance(error)).toBe(true);
      const e = error as PromptNotFoundError;
      expect(e.message).toBe('No prompt named "sumarize".');
      expect(e.hint).toBe("Available: classify, summarize.");
    }
    try {
      registry.get("summarize", "3");
      expect.unreachable();
    } catch (error) {
      const e = error as PromptNotFoundError;
      expect(e.message).toBe('Prompt "summarize" has no version "3".');
      expect(e.known).toEqual(["1.2.0", "1.10.0"]);
    }
  });

  it("refuses a second file with the same name and version, naming both files", () => {
    const b = new RegistryBuilder<ReturnType<typeof p>>();
    expect(b.add(p("x", "1"), "one.prompt")).toBeUndefined();
    const dup = b.add(p("x", "1"), "two.yaml");
    expect(dup).toBeInstanceOf(PromptFileError);
    expect(dup?.message).toBe('two.yaml: prompt "x" version "1" is also defined in one.prompt.');
    expect(b.build().get("x").id).toBe("x@1");
  });
});
