import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { MockMedia } from "./mock-model.js";

/** How the mock model reads a prompt: all its text, the last user turn's text, and its media. */

type PromptPart = Exclude<LanguageModelV4Prompt[number]["content"], string>[number];

export function partText(part: PromptPart): string {
  switch (part.type) {
    case "text":
    case "reasoning":
      return part.text;
    case "file":
      return part.data.type === "text" ? part.data.text : "";
    case "tool-call":
      return typeof part.input === "string" ? part.input : (JSON.stringify(part.input) ?? "");
    case "tool-result":
      return JSON.stringify(part.output) ?? "";
    default:
      return "";
  }
}

export function promptText(prompt: LanguageModelV4Prompt): string {
  let out = "";
  for (const m of prompt) {
    if (typeof m.content === "string") out += m.content;
    else for (const part of m.content) out += partText(part);
  }
  return out;
}

export function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const m = prompt[i]!;
    if (m.role !== "user") continue;
    let out = "";
    for (const part of m.content) if (part.type === "text") out += out ? `\n${part.text}` : part.text;
    return out;
  }
  return "";
}

export function lastUserMedia(prompt: LanguageModelV4Prompt): MockMedia[] {
  const user = prompt.findLast((m) => m.role === "user");
  if (!user) return [];
  const out: MockMedia[] = [];
  for (const part of user.content) {
    if (part.type !== "file" || part.data.type === "text") continue;
    const d = part.data;
    const bytes =
      d.type !== "data"
        ? undefined
        : typeof d.data === "string"
          ? Math.floor((d.data.replace(/[\s=]/g, "").length * 3) / 4)
          : d.data.byteLength;
    const media: MockMedia = { mediaType: part.mediaType, bytes };
    if (d.type === "url") media.url = d.url.href;
    if (part.filename !== undefined) media.filename = part.filename;
    out.push(media);
  }
  return out;
}
