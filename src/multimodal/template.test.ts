import { describe, expect, it } from "vitest";
import "../index.js";
import { MemoryCacheStore } from "../cache/memory-store.js";
import { cache } from "../cache/middleware.js";
import { definePrompt } from "../core/prompt.js";
import { mockModel } from "../models/mock-model.js";
import { Media } from "./media.js";

function fakeMedia(bytes: number[], mediaType = "image/png", name = "a.png") {
  return new Media(new Uint8Array(bytes), mediaType, { name });
}

describe("media values in templates", () => {
  it("{{media url=x}} with a media value places its part by reference, between the text", () => {
    const p = definePrompt({
      name: "describe",
      model: "mock",
      user: "Describe {{media url=photo}} and {{media url=other}} briefly.",
    });
    const [m] = p.messages({
      photo: fakeMedia([1, 2, 3]),
      other: fakeMedia([4], "application/pdf"),
    } as never);
    expect(m!.role).toBe("user");
    expect(m!.content).toEqual([
      { type: "text", text: "Describe " },
      { type: "image", image: new Uint8Array([1, 2, 3]), mediaType: "image/png" },
      { type: "text", text: " and " },
      { type: "file", data: new Uint8Array([4]), mediaType: "application/pdf", filename: "a.png" },
      { type: "text", text: " briefly." },
    ]);
    expect(p.variables).toEqual(expect.arrayContaining(["photo", "other"]));
  });

  it("the prompt names its media variables in order, through partials, never `this`", () => {
    const p = definePrompt({
      name: "mv",
      model: "mock",
      system: "{{> intro}}",
      user: "{{media url=photo}} {{#each shots}}{{media url=this}}{{/each}} {{media url=photo}}",
      partials: { intro: "Look at {{media url=logo}}" },
    });
    expect(p.mediaVariables).toEqual(["logo", "photo"]);
    expect(definePrompt({ name: "none", model: "mock", user: "{{q}}" }).mediaVariables).toEqual([]);
  });

  it("URLs and data URLs still work as before", () => {
    const p = definePrompt({ name: "u", model: "mock", user: "See {{media url=u}}" });
    const [m] = p.messages({ u: "https://example.com/cat.png" });
    expect((m!.content as { type: string }[]).map((x) => x.type)).toEqual(["text", "image"]);
  });

  it("cache keys see the media's identity (content hash), not the object or its name", async () => {
    let calls = 0;
    const model = mockModel({
      responder: () => {
        calls += 1;
        return { text: "a cat" };
      },
    });
    const p = definePrompt({
      name: "c",
      model,
      user: "What is in {{media url=photo}}?",
      middleware: [cache({ store: new MemoryCacheStore() })],
    });
    await p.run({ photo: fakeMedia([9, 9], "image/png", "first.png") } as never);
    const again = await p.execute({ photo: fakeMedia([9, 9], "image/png", "renamed.png") } as never);
    expect(again.cached).toBe(true);
    const other = await p.execute({ photo: fakeMedia([9, 8]) } as never);
    expect(other.cached).toBe(false);
    expect(calls).toBe(2);
  });
});

describe("media in prompt files", () => {
  it("Picoschema's media type declares a media input; the file places it with {{media url=…}}", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadPrompt } = await import("../files/load.js");
    const file = join(mkdtempSync(join(tmpdir(), "fp-media-file-")), "look.prompt");
    writeFileSync(
      file,
      "---\nmodel: mock\ninput:\n  schema:\n    photo: media, the product photo\n    note?: media\n    question: string\n---\n{{question}} {{media url=photo}}{{#if note}} {{media url=note}}{{/if}}\n",
    );
    const p = await loadPrompt(file);
    const photo = fakeMedia([1, 2]);
    const [m] = p.messages({ question: "What is it?", photo } as never);
    expect((m!.content as { type: string }[]).map((x) => x.type)).toEqual(["text", "image"]);
    const [both] = p.messages({ question: "And?", photo, note: fakeMedia([3], "application/pdf") } as never);
    expect((both!.content as { type: string }[]).map((x) => x.type)).toEqual(["text", "image", "file"]);
    await expect(p.run({ question: "x" } as never)).rejects.toMatchObject({ code: "FP_MISSING_VARIABLE" });
  });
});
