import { catchMedia, InvalidMedia } from "./media.js";
import { anthropicMedia } from "./media-native.js";
import { isRecord, type Part, PromptBuilder, str, text, toolCall, toolResult } from "./prompt.js";
import { pieces } from "./tokens.js";
import type { Answer, InvalidRequest, NormalizedRequest, SseEvent, ToolSpec, WireFormat } from "./types.js";

/** Anthropic Messages (`POST /v1/messages`). */
export const anthropicMessages: WireFormat = {
  parse(body: unknown): NormalizedRequest | InvalidRequest {
    return catchMedia(() => parseMessages(body));
  },

  json(a: Answer, req: NormalizedRequest): unknown {
    return {
      id: `msg_${a.id}`,
      type: "message",
      role: "assistant",
      model: req.model,
      content: [
        a.toolCall
          ? { type: "tool_use", id: toolId(a), name: a.toolCall.name, input: parseInput(a.text) }
          : { type: "text", text: a.text },
      ],
      stop_reason: stopReason(a),
      stop_sequence: null,
      usage: { ...inputUsage(a), output_tokens: a.usage.output, service_tier: "standard" },
    };
  },

  events(a: Answer, req: NormalizedRequest): SseEvent[] {
    const ev = (type: string, data: object, tokens?: number): SseEvent => ({
      event: type,
      data: { type, ...data },
      tokens,
    });
    const message = {
      id: `msg_${a.id}`,
      type: "message",
      role: "assistant",
      model: req.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...inputUsage(a), output_tokens: 1, service_tier: "standard" },
    };
    const block = a.toolCall
      ? { type: "tool_use", id: toolId(a), name: a.toolCall.name, input: {} }
      : { type: "text", text: "" };
    const out = [
      ev("message_start", { message }),
      ev("content_block_start", { index: 0, content_block: block }),
      ev("ping", {}),
    ];
    for (const p of pieces(a.text, a.usage.output)) {
      const delta = a.toolCall
        ? { type: "input_json_delta", partial_json: p.text }
        : { type: "text_delta", text: p.text };
      out.push(ev("content_block_delta", { index: 0, delta }, p.tokens));
    }
    out.push(
      ev("content_block_stop", { index: 0 }),
      ev("message_delta", {
        delta: { stop_reason: stopReason(a), stop_sequence: null },
        usage: { output_tokens: a.usage.output },
      }),
      ev("message_stop", {}),
    );
    return out;
  },
};

function parseMessages(body: unknown): NormalizedRequest | InvalidRequest {
  if (!isRecord(body)) return { invalid: "Input should be a valid dictionary" };
  for (const field of ["model", "max_tokens", "messages"]) {
    if (body[field] === undefined) return { invalid: `${field}: Field required`, param: field };
  }
  if (typeof body.model !== "string")
    return { invalid: "model: Input should be a valid string", param: "model" };
  if (typeof body.max_tokens !== "number")
    return { invalid: "max_tokens: Input should be a valid integer", param: "max_tokens" };
  if (!Array.isArray(body.messages))
    return { invalid: "messages: Input should be a valid list", param: "messages" };
  const b = new PromptBuilder();
  b.system(typeof body.system === "string" ? body.system : blocksText(body.system));
  const names = new Map<string, string>();
  for (const [i, m] of body.messages.entries()) {
    if (!isRecord(m) || (m.role !== "user" && m.role !== "assistant")) {
      return {
        invalid: `messages.${i}.role: Input should be 'user' or 'assistant'`,
        param: `messages.${i}.role`,
      };
    }
    b.add(m.role, blocks(m.content, names, `messages.${i}.content`));
  }
  const config = isRecord(body.output_config) ? body.output_config : undefined;
  const format = isRecord(config?.format)
    ? config.format
    : isRecord(body.output_format)
      ? body.output_format
      : undefined;
  return {
    model: body.model,
    stream: body.stream === true,
    prompt: b.prompt,
    maxOutputTokens: body.max_tokens,
    temperature: typeof body.temperature === "number" ? body.temperature : undefined,
    json:
      format?.type === "json_schema" ? { schema: isRecord(format.schema) ? format.schema : {} } : undefined,
    tools: tools(body.tools),
    toolChoice: toolChoice(body.tool_choice),
  };
}

function toolId(a: Answer): string {
  return `toolu_${a.toolCall?.id.replace(/^call_/, "")}`;
}

function inputUsage(a: Answer): object {
  return {
    input_tokens: Math.max(0, a.usage.input - a.usage.cachedInput - a.usage.cacheWrite),
    cache_creation_input_tokens: a.usage.cacheWrite,
    cache_read_input_tokens: a.usage.cachedInput,
  };
}

function stopReason(a: Answer): string {
  if (a.finish === "length") return "max_tokens";
  if (a.finish === "tool-calls") return "tool_use";
  if (a.finish === "content-filter") return "refusal";
  return "end_turn";
}

function parseInput(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function blocksText(value: unknown): string {
  if (!Array.isArray(value)) return "";
  return value.map((b) => (isRecord(b) && typeof b.text === "string" ? b.text : "")).join("\n");
}

/** Block types of other wire formats (audio, OpenAI's parts), which the Messages API rejects. */
const FOREIGN = new Set(["audio", "input_audio", "video", "image_url", "input_image", "input_file", "file"]);
const TAGS =
  "'text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'server_tool_use', 'web_search_tool_result'";

function blocks(content: unknown, names: Map<string, string>, at: string): Part[] {
  if (typeof content === "string") return [text(content)];
  if (!Array.isArray(content)) return [];
  const out: Part[] = [];
  for (const [j, c] of content.entries()) {
    if (!isRecord(c)) continue;
    if (c.type === "text" && typeof c.text === "string") out.push(text(c.text));
    else if (c.type === "image" || c.type === "document") out.push(anthropicMedia(c, `${at}.${j}`));
    else if (FOREIGN.has(String(c.type))) {
      const message = `${at}.${j}: Input tag '${String(c.type)}' found using 'type' does not match any of the expected tags: ${TAGS}`;
      throw new InvalidMedia(message, `${at}.${j}.type`);
    } else if (c.type === "tool_use") {
      const id = str(c.id) ?? "";
      names.set(id, str(c.name) ?? "");
      out.push(toolCall(id, str(c.name) ?? "", c.input));
    } else if (c.type === "tool_result") {
      const id = str(c.tool_use_id) ?? "";
      const value = typeof c.content === "string" ? c.content : blocksText(c.content);
      out.push(toolResult(id, names.get(id) ?? "tool", value));
    }
  }
  return out;
}

function tools(value: unknown): ToolSpec[] {
  if (!Array.isArray(value)) return [];
  const out: ToolSpec[] = [];
  for (const t of value) {
    if (isRecord(t) && typeof t.name === "string" && isRecord(t.input_schema))
      out.push({ name: t.name, description: str(t.description), schema: t.input_schema });
  }
  return out;
}

function toolChoice(choice: unknown): NormalizedRequest["toolChoice"] {
  if (!isRecord(choice)) return { type: "auto" };
  if (choice.type === "any") return { type: "required" };
  if (choice.type === "none") return { type: "none" };
  if (choice.type === "tool" && typeof choice.name === "string") return { type: "tool", name: choice.name };
  return { type: "auto" };
}
