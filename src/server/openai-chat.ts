import { catchMedia, InvalidMedia } from "./media.js";
import {
  FOREIGN_PARTS,
  mistralDocument,
  ollamaImages,
  openaiAudio,
  openaiFile,
  openaiImage,
} from "./media-openai.js";
import {
  isRecord,
  type Part,
  PromptBuilder,
  parseJsonText,
  str,
  text,
  toolCall,
  toolResult,
} from "./prompt.js";
import { pieces } from "./tokens.js";
import type {
  Answer,
  InvalidRequest,
  NormalizedRequest,
  Route,
  SseEvent,
  ToolSpec,
  WireFormat,
} from "./types.js";

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

/** OpenAI Chat Completions, also spoken by Azure OpenAI, Mistral, Ollama and OpenAI-compatible servers. */
export const openaiChat: WireFormat = {
  parse(body: unknown, route: Route): NormalizedRequest | InvalidRequest {
    return catchMedia(() => parseChat(body, route));
  },

  json(a: Answer, req: NormalizedRequest): unknown {
    return {
      id: `chatcmpl-${a.id}`,
      object: "chat.completion",
      created: a.created,
      model: req.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: a.toolCall ? null : a.text,
            refusal: null,
            ...(a.toolCall && {
              tool_calls: [
                {
                  id: a.toolCall.id,
                  type: "function",
                  function: { name: a.toolCall.name, arguments: a.text },
                },
              ],
            }),
            annotations: [],
          },
          logprobs: null,
          finish_reason: finishReason(a),
        },
      ],
      usage: usage(a),
      service_tier: "default",
      system_fingerprint: "fp_mock",
    };
  },

  events(a: Answer, req: NormalizedRequest): SseEvent[] {
    const head = {
      id: `chatcmpl-${a.id}`,
      object: "chat.completion.chunk",
      created: a.created,
      model: req.model,
    };
    const extra = { system_fingerprint: "fp_mock", ...(req.streamUsage === "chunk" && { usage: null }) };
    const chunk = (delta: object, finish: string | null = null, tokens?: number): SseEvent => ({
      data: { ...head, ...extra, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] },
      tokens,
    });
    const last = chunk({}, finishReason(a));
    if (req.streamUsage === "final") Object.assign(last.data as object, { usage: usage(a) });
    const out: SseEvent[] = [];
    const call = a.toolCall;
    if (call) {
      out.push(
        chunk({
          role: "assistant",
          content: null,
          tool_calls: [
            { index: 0, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
          ],
          refusal: null,
        }),
      );
      for (const p of pieces(a.text, a.usage.output))
        out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: p.text } }] }, null, p.tokens));
    } else {
      out.push(chunk({ role: "assistant", content: "", refusal: null }));
      for (const p of pieces(a.text, a.usage.output)) out.push(chunk({ content: p.text }, null, p.tokens));
    }
    out.push(last);
    if (req.streamUsage === "chunk")
      out.push({ data: { ...head, system_fingerprint: "fp_mock", choices: [], usage: usage(a) } });
    out.push({ data: "[DONE]" });
    return out;
  },
};

function parseChat(body: unknown, route: Route): NormalizedRequest | InvalidRequest {
  if (!isRecord(body)) return { invalid: "We could not parse the JSON body of your request." };
  const model = str(body.model) ?? route.model;
  if (!model) return { invalid: "you must provide a model parameter", param: "model" };
  const messages = body.messages;
  if (!Array.isArray(messages))
    return { invalid: "Missing required parameter: 'messages'.", param: "messages" };
  if (messages.length === 0) {
    return {
      invalid:
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      param: "messages",
    };
  }
  const b = new PromptBuilder();
  const toolNames = new Map<string, string>();
  for (const [i, m] of messages.entries()) {
    if (!isRecord(m) || !ROLES.has(String(m.role))) {
      return {
        invalid: `Invalid value: '${isRecord(m) ? String(m.role) : typeof m}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        param: `messages[${i}].role`,
      };
    }
    const role = m.role as string;
    if (role === "system" || role === "developer") {
      b.system(contentText(m.content));
    } else if (role === "tool" || role === "function") {
      const id = str(m.tool_call_id) ?? str(m.name) ?? "";
      b.add("user", [toolResult(id, toolNames.get(id) ?? str(m.name) ?? "tool", contentText(m.content))]);
    } else {
      const parts = contentParts(m.content, `messages[${i}].content`);
      if (route.flavor === "ollama" && role === "user") parts.push(...ollamaImages(m.images));
      for (const call of Array.isArray(m.tool_calls) ? m.tool_calls : []) {
        if (!isRecord(call) || !isRecord(call.function)) continue;
        const id = str(call.id) ?? "";
        const name = str(call.function.name) ?? "";
        toolNames.set(id, name);
        parts.push(toolCall(id, name, parseJsonText(call.function.arguments)));
      }
      b.add(role === "assistant" ? "assistant" : "user", parts);
    }
  }
  const format = isRecord(body.response_format) ? body.response_format : undefined;
  const schemaHolder = isRecord(format?.json_schema) ? format.json_schema : undefined;
  const json =
    format?.type === "json_schema"
      ? { schema: isRecord(schemaHolder?.schema) ? schemaHolder.schema : {}, name: str(schemaHolder?.name) }
      : format?.type === "json_object"
        ? {}
        : undefined;
  const max = body.max_completion_tokens ?? body.max_tokens;
  const options = isRecord(body.stream_options) ? body.stream_options : undefined;
  return {
    model,
    stream: body.stream === true,
    prompt: b.prompt,
    maxOutputTokens: typeof max === "number" ? max : undefined,
    temperature: typeof body.temperature === "number" ? body.temperature : undefined,
    json,
    tools: chatTools(body.tools),
    toolChoice: chatToolChoice(body.tool_choice),
    streamUsage: route.flavor === "mistral" ? "final" : options?.include_usage === true ? "chunk" : undefined,
  };
}

function finishReason(a: Answer): string {
  if (a.finish === "tool-calls") return a.toolCall?.forced ? "stop" : "tool_calls";
  if (a.finish === "content-filter") return "content_filter";
  return a.finish === "length" ? "length" : "stop";
}

function usage(a: Answer): object {
  return {
    prompt_tokens: a.usage.input,
    completion_tokens: a.usage.output,
    total_tokens: a.usage.input + a.usage.output,
    prompt_tokens_details: { cached_tokens: a.usage.cachedInput, audio_tokens: a.usage.media.audio },
    completion_tokens_details: {
      reasoning_tokens: a.usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join("");
}

function contentParts(content: unknown, at: string): Part[] {
  if (typeof content === "string") return [text(content)];
  if (!Array.isArray(content)) return [];
  const out: Part[] = [];
  for (const [j, p] of content.entries()) {
    if (!isRecord(p)) continue;
    const param = `${at}[${j}]`;
    if (p.type === "text" && typeof p.text === "string") out.push(text(p.text));
    else if (p.type === "image_url") {
      const image = isRecord(p.image_url) ? p.image_url : { url: p.image_url };
      const url = isRecord(p.image_url) ? `${param}.image_url.url` : `${param}.image_url`;
      out.push(openaiImage(image.url, image.detail, url, `${param}.image_url.detail`));
    } else if (p.type === "document_url") out.push(mistralDocument(p.document_url, `${param}.document_url`));
    else if (p.type === "input_audio") out.push(openaiAudio(p.input_audio, `${param}.input_audio`));
    else if (p.type === "file") out.push(openaiFile(isRecord(p.file) ? p.file : {}, `${param}.file`));
    else if (FOREIGN_PARTS.has(String(p.type))) {
      const message = `Invalid value: '${String(p.type)}'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', 'audio', and 'file'.`;
      throw new InvalidMedia(message, `${param}.type`, "invalid_value");
    }
  }
  return out;
}

function chatTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  const out: ToolSpec[] = [];
  for (const t of tools) {
    const f = isRecord(t) && isRecord(t.function) ? t.function : undefined;
    if (f && typeof f.name === "string")
      out.push({
        name: f.name,
        description: str(f.description),
        schema: isRecord(f.parameters) ? f.parameters : {},
      });
  }
  return out;
}

function chatToolChoice(choice: unknown): NormalizedRequest["toolChoice"] {
  if (choice === "required" || choice === "any") return { type: "required" };
  if (choice === "none") return { type: "none" };
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === "string")
    return { type: "tool", name: choice.function.name };
  return { type: "auto" };
}
