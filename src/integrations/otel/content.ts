import type { Attributes } from "@opentelemetry/api";
import type { RunContext } from "../../core/middleware.js";
import type { ChatMessage, RunResult } from "../../core/types.js";
import { ATTR, finishReason } from "./attributes.js";

// Prompt and completion text in the GenAI conventions' message format, recorded only on opt-in.

type Part = Record<string, unknown>;
interface OtelMessage {
  role: string;
  parts: Part[];
  finish_reason?: string;
}

/**
 * The content attributes of a run span: `gen_ai.system_instructions` and `gen_ai.input.messages`
 * (the messages the model received, as the core rendered them; on a cache hit, which renders
 * nothing, the history passed at run time), `flowprompt.prompt.variables` (the validated variables)
 * and `gen_ai.output.messages` (the reply).
 */
export function contentAttributes(ctx: RunContext, result: RunResult | undefined): Attributes {
  const into: Attributes = {};
  into[ATTR.promptVariables] = safeJson(ctx.vars);
  if (ctx.messages !== undefined) {
    const system = ctx.messages.filter((m) => m.role === "system");
    const rest = ctx.messages.filter((m) => m.role !== "system");
    if (system.length > 0) {
      into[ATTR.systemInstructions] = safeJson(system.map((m) => ({ type: "text", content: m.content })));
    }
    into[ATTR.inputMessages] = safeJson(rest.map(toOtelMessage));
  } else if (ctx.history !== undefined && ctx.history.length > 0) {
    into[ATTR.inputMessages] = safeJson(ctx.history.map(toOtelMessage));
  }
  if (result !== undefined) {
    const reply: OtelMessage = {
      role: "assistant",
      parts: [{ type: "text", content: result.text }],
      finish_reason: finishReason(result.finishReason),
    };
    into[ATTR.outputMessages] = safeJson([reply]);
  }
  return into;
}

/** One AI SDK message in the conventions' shape: `{ role, parts: [{ type, … }] }`. */
export function toOtelMessage(message: ChatMessage): OtelMessage {
  const content: unknown = message.content;
  if (typeof content === "string") return { role: message.role, parts: [{ type: "text", content }] };
  const parts = Array.isArray(content) ? (content as Part[]).map(toOtelPart) : [];
  return { role: message.role, parts };
}

function toOtelPart(part: Part): Part {
  switch (part.type) {
    case "text":
      return { type: "text", content: part.text };
    case "reasoning":
      return { type: "reasoning", content: part.text };
    case "tool-call":
      return { type: "tool_call", id: part.toolCallId, name: part.toolName, arguments: part.input };
    case "tool-result":
      return { type: "tool_call_response", id: part.toolCallId, result: part.output };
    case "image":
    case "file":
      return mediaPart(part);
    default:
      return { type: String(part.type) };
  }
}

/** Images and files: a URL is kept, inline bytes are left out (only their kind is recorded). */
function mediaPart(part: Part): Part {
  const data = part.type === "image" ? part.image : part.data;
  const mime = (part.mediaType ?? part.mimeType) as string | undefined;
  const modality = part.type === "image" || mime?.startsWith("image/") ? "image" : fileModality(mime);
  const out: Part = { type: "blob", modality };
  if (mime !== undefined) out.mime_type = mime;
  const url =
    data instanceof URL ? data.href : typeof data === "string" && /^https?:\/\//.test(data) ? data : "";
  if (url !== "") {
    out.type = "uri";
    out.uri = url;
  }
  return out;
}

function fileModality(mime: string | undefined): string {
  if (mime?.startsWith("audio/")) return "audio";
  if (mime?.startsWith("video/")) return "video";
  return "document";
}

/** JSON for an attribute; values JSON cannot hold (BigInt, cycles) become a note instead of a crash. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch (error) {
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
}
