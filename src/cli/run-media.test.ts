import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pdfMedia } from "../multimodal/pdf/test-utils/pdfs.js";
import { testVideo } from "../multimodal/test-utils/av.js";
import { makeImage } from "../multimodal/test-utils/images.js";
import { cli } from "./test-utils/cli.js";

async function files() {
  const dir = mkdtempSync(join(tmpdir(), "fp-cli-media-"));
  const prompt = join(dir, "look.prompt");
  writeFileSync(prompt, "---\nmodel: mock\n---\nCompare {{media url=first}} with {{media url=second}}.\n");
  const png = join(dir, "cat.png");
  writeFileSync(png, await makeImage(64, 48, { format: "png" }));
  const pdf = join(dir, "doc.pdf");
  writeFileSync(pdf, (await pdfMedia({ pages: 1 })).bytes);
  const fakePng = join(dir, "fake.png");
  writeFileSync(fakePng, (await pdfMedia({ pages: 1 })).bytes);
  const mp4 = join(dir, "clip.mp4");
  writeFileSync(mp4, (await testVideo({ seconds: 2 })).bytes);
  return { dir, prompt, png, pdf, fakePng, mp4 };
}

describe("flowprompt run with media", () => {
  it("--image and --pdf fill the prompt's media variables in order (or by name)", async () => {
    const f = await files();
    const r = await cli("run", f.prompt, "--image", f.png, "--pdf", f.pdf, "--json", "--no-cache");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).output).toMatch(/^mock reply to: Compare/);
    const named = await cli(
      "run",
      f.prompt,
      "--pdf",
      `second=${f.pdf}`,
      "--image",
      `first=${f.png}`,
      "--no-cache",
    );
    expect(named.code).toBe(0);
  });

  it("--video becomes frames for a model that takes them as images", async () => {
    const f = await files();
    const r = await cli("run", f.prompt, "--video", f.mp4, "--image", f.png, "--no-cache");
    expect(r.code).toBe(0);
  });

  it("bad media exits 2 with a clear message", async () => {
    const f = await files();
    const mislabelled = await cli("run", f.prompt, "--image", f.fakePng, "--image", f.png, "--no-cache");
    expect(mislabelled.code).toBe(2);
    expect(mislabelled.err).toMatch(/application\/pdf/);
    const missing = await cli("run", f.prompt, "--image", join(f.dir, "nope.png"), "--no-cache");
    expect(missing.code).toBe(2);
    const extra = await cli(
      "run",
      f.prompt,
      "--image",
      f.png,
      "--image",
      f.png,
      "--image",
      f.png,
      "--no-cache",
    );
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/no \{\{media url=…\}\} variable left/);
  });
});
