import { describe, expect, it } from "vitest";
import { compilePattern, exampleFromPattern } from "./regex-example.js";

describe("exampleFromPattern", () => {
  it.each([
    "^[A-Z]{3}-\\d{2,4}$",
    "^(?:[a-z0-9]+\\.)*[a-z]+@example\\.(?:com|org)$",
    "^(?<year>\\d{4})-(?<month>0[1-9]|1[0-2])$",
    "^(a|b)\\1c$",
    "^\\w+?z(?<=z)$",
    "^(?!foo)[a-f]{2,}$",
    "^\\u0041\\u{1F600}\\x42\\cJ?$",
    "^\\p{Lu}\\p{Nd}+$",
    "^[^a-z0-9]+$",
    "^\\.\\-\\[\\]\\(\\)$",
    "^a{2}b{1,}c{0,1}d*?$",
    "literal {not a quantifier}",
    "\\bword\\b",
    "^\\k<n>(?<n>x)$",
    "^(?<q>['\"])\\w+\\k<q>$",
  ])("generates a string matching %s", (pattern) => {
    const example = exampleFromPattern(pattern);
    expect(example).toBeDefined();
    expect(compilePattern(pattern)!.test(example!)).toBe(true);
  });

  it("spends extra length on the first repetition that can grow", () => {
    expect(exampleFromPattern("^[A-Z]{3}-\\d{2,4}$", 2)).toBe("AAA-0000");
    expect(exampleFromPattern("^ab.*$", 3)).toBe("abaaa");
  });

  it("picks the alternative given by the variant", () => {
    expect(exampleFromPattern("^(foo|bar|baz)$", 0, 1)).toBe("bar");
  });

  it("answers undefined for patterns it cannot parse", () => {
    for (const bad of ["(abc", "[abc", "abc\\", "a)b", "(?<name", "\\u{123"])
      expect(exampleFromPattern(bad), bad).toBeUndefined();
  });

  it("compiles patterns in Unicode mode, falling back to legacy mode", () => {
    expect(compilePattern("\\p{L}")?.unicode).toBe(true);
    expect(compilePattern("\\-a")?.unicode).toBe(false);
    expect(compilePattern("(")).toBeUndefined();
  });
});
