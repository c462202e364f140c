import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, PromptFileError } from "../../core/errors/index.js";
import { loadExperimentConfig } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "fp-exp-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

put("a.prompt", "---\nname: greet-a\n---\nHello {{name}}\n");
put("b.prompt", "---\nname: greet-b\n---\nHi {{name}}!\n");

const YAML = `id: greeting
description: Which greeting converts better
variants:
  - name: control
    prompt: a.prompt
    weight: 0.5
    control: true
  - name: friendly
    prompt: b.prompt
    model: mock:friendly
    params: { temperature: 0.2 }
    weight: 0.5
primaryMetric: { name: converted, kind: binary }
guardrails:
  - { name: latency, kind: latency }
allocation: thompson
`;

async function errorOf(path: string): Promise<Error> {
  try {
    await loadExperimentConfig(path);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("loadExperimentConfig", () => {
  it("loads a YAML file and its prompt files", async () => {
    const config = await loadExperimentConfig(put("ok.yaml", YAML));
    expect(config.id).toBe("greeting");
    expect(config.allocation).toBe("thompson");
    expect(config.variants[1]!.prompt.name).toBe("greet-b");
    expect(config.variants[1]!.params).toEqual({ temperature: 0.2 });
  });

  it("loads JSON with line numbers too", async () => {
    const json = JSON.stringify(
      { id: "j", variants: [], primaryMetric: { name: "x", kind: "binary" } },
      null,
      2,
    );
    const e = await errorOf(put("bad.json", json.replace('"variants": []', '"variants": 3')));
    expect(e.message).toMatch(/bad\.json:3:\d+: experiments\["j"\]\.variants: expected a list of variants/);
  });

  it("names file:line and the path of a bad value", async () => {
    const e = await errorOf(put("weight.yml", YAML.replace("weight: 0.5", "weight: 7")));
    expect(InvalidArgumentError.isInstance(e)).toBe(true);
    expect(e.message).toMatch(
      /weight\.yml:6:13: experiments\["greeting"\]\.variants\[0\]\.weight: expected a number between 0 and 1/,
    );
  });

  it("names file:line of an unknown key and of a YAML syntax error", async () => {
    const unknown = await errorOf(put("key.yaml", YAML.replace("allocation:", "alocation:")));
    expect(unknown.message).toMatch(/key\.yaml:16:\d+: experiments\["greeting"\]\.alocation: unknown key/);
    const syntax = await errorOf(put("syntax.yaml", "id: x\nvariants: [\n  - a\n"));
    expect(syntax.message).toMatch(/syntax\.yaml:\d+:\d+: invalid YAML/);
  });

  it("reports weights that do not sum at the variants' line", async () => {
    const e = await errorOf(put("sum.yaml", YAML.replace("weight: 0.5\nprimary", "weight: 0.3\nprimary")));
    expect(e.message).toMatch(/sum\.yaml:4:\d+: experiments\["greeting"\]\.variants: weights must sum to 1/);
  });

  it("reports a missing prompt file against the variant", async () => {
    const e = await errorOf(put("missing.yaml", YAML.replace("b.prompt", "nope.prompt")));
    expect(PromptFileError.isInstance(e)).toBe(true);
    expect(e.message).toMatch(/nope\.prompt: experiments\["greeting"\]\.variants\[1\]\.prompt: no such file/);
  });

  it("refuses other extensions and missing files", async () => {
    await expect(loadExperimentConfig(join(dir, "x.toml"))).rejects.toThrow(/\.yaml, \.yml or \.json/);
    await expect(loadExperimentConfig(join(dir, "none.yaml"))).rejects.toThrow(/ENOENT/);
  });
});
