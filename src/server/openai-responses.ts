import { catchMedia, referencePart } from "./media.js";
import { openaiAudio, openaiFile, openaiImage } from "./media-openai.js";
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

/** The OpenAI Responses API (`POST /v1/responses`), the default of `@ai-sdk/openai` and `@ai-sdk/azure`. */
export const openaiResponses: WireFormat = {
  parse(body: unknown, route: Route): NormalizedRequest | InvalidRequest {
    return catchMedia(() => parseResponses(body, route));
  },

  json(a: Answer, req: NormalizedRequest): unknown {
    return response(a, req, a.finish === "length" ? "incomplete" : "completed", [item(a, "completed")]);
  },

  events(a: Answer, req: NormalizedRequest): SseEvent[] {
    let seq = 0;
    const out: SseEvent[] = [];
    const emit = (type: string, data: object, tokens?: number) =>
      out.push({ event: type, data: { type, sequence_number: seq++, ...data }, tokens });
    const done = item(a, "completed");
    const itemId = (done as { id: string }).id;
    emit("response.created", { response: response(a, req, "in_progress", []) });
    emit("response.in_progress", { response: response(a, req, "in_progress", []) });
    emit("response.output_item.added", { output_index: 0, item: item(a, "in_progress") });
    if (a.toolCall) {
      for (const p of pieces(a.text, a.usage.output))
        emit(
          "response.function_call_arguments.delta",
          { item_id: itemId, output_index: 0, delta: p.text },
          p.tokens,
        );
      emit("response.function_call_arguments.done", { item_id: itemId, output_index: 0, arguments: a.text });
    } else {
      const at = { item_id: itemId, output_index: 0, content_index: 0 };
      emit("response.content_part.added", {
        ...at,
        part: { type: "output_text", text: "", annotations: [] },
      });
      for (const p of pieces(a.text, a.usage.output))
        emit("response.output_text.delta", { ...at, delta: p.text, logprobs: [] }, p.tokens);
      emit("response.output_text.done", { ...at, text: a.text, logprobs: [] });
      emit("response.content_part.done", {
        ...at,
        part: { type: "output_text", text: a.text, annotations: [] },
      });
    }
    emit("response.output_item.done", { output_index: 0, item: done });
    const final = a.finish === "length" ? "incomplete" : "completed";
    emit(`response.${final}`, { response: response(a, req, final, [done]) });
    return out;
  },
};

function parseResponses(body: unknown, route: Route): NormalizedRequest | InvalidRequest {
  if (!isRecord(body)) return { invalid: "We could not parse the JSON body of your request." };
  const model = str(body.model) ?? route.model;
  if (!model) return { invalid: "Missing required parameter: 'model'.", param: "model" };
  const input = body.input;
  if (typeof input !== "string" && !Array.isArray(input))
    return { invalid: "Missing required parameter: 'input'.", param: "input" };
  const b = new PromptBuilder();
  if (typeof body.instructions === "string") b.system(body.instructions);
  const names = new Map<string, string>();
  const items: unknown[] = typeof input === "string" ? [{ role: "user", content: input }] : input;
  for (const [i, item] of items.entries()) {
    if (!isRecord(item)) continue;
    const at = `input[${i}].content`;
    if (item.type === "function_call") {
      const id = str(item.call_id) ?? "";
      names.set(id, str(item.name) ?? "");
      b.add("assistant", [toolCall(id, str(item.name) ?? "", parseJsonText(item.arguments))]);
    } else if (item.type === "function_call_output") {
      const id = str(item.call_id) ?? "";
      b.add("user", [toolResult(id, names.get(id) ?? "tool", item.output)]);
    } else if (item.role === "system" || item.role === "developer") {
      b.system(
        parts(item.content, at)
          .map((p) => (p.type === "text" ? p.text : ""))
          .join(""),
      );
    } else if (item.role === "user" || item.role === "assistant") {
      b.add(item.role, parts(item.content, at));
    }
  }
  const t = isRecord(body.text) && isRecord(body.text.format) ? body.text.format : undefined;
  const json =
    t?.type === "json_schema"
      ? { schema: isRecord(t.schema) ? t.schema : {}, name: str(t.name) }
      : t?.type === "json_object"
        ? {}
        : undefined;
  return {
    model,
    stream: body.stream === true,
    prompt: b.prompt,
    maxOutputTokens: typeof body.max_output_tokens === "number" ? body.max_output_tokens : undefined,
    temperature: typeof body.temperature === "number" ? body.temperature : undefined,
    json,
    tools: tools(body.tools),
    toolChoice: toolChoice(body.tool_choice),
  };
}

function item(a: Answer, status: "in_progress" | "completed"): object {
  if (a.toolCall) {
    const args = status === "completed" ? a.text : "";
    return {
      type: "function_call",
      id: `fc_${a.id}`,
      call_id: a.toolCall.id,
      name: a.toolCall.name,
      arguments: args,
      status,
    };
  }
  const content =
    status === "completed" ? [{ type: "output_text", text: a.text, annotations: [], logprobs: [] }] : [];
  return { type: "message", id: `msg_${a.id}`, status, role: "assistant", content };
}

function response(a: Answer, req: NormalizedRequest, status: string, output: object[]): object {
  const format = req.json
    ? req.json.schema
      ? { type: "json_schema", name: req.json.name ?? "response", schema: req.json.schema, strict: true }
      : { type: "json_object" }
    : { type: "text" };
  return {
    id: `resp_${a.id}`,
    object: "response",
    created_at: a.created,
    status,
    error: null,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: null,
    max_output_tokens: req.maxOutputTokens ?? null,
    model: req.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: true,
    temperature: req.temperature ?? 1,
    text: { format },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage:
      status === "in_progress"
        ? null
        : {
            input_tokens: a.usage.input,
            input_tokens_details: { cached_tokens: a.usage.cachedInput },
            output_tokens: a.usage.output,
            output_tokens_details: { reasoning_tokens: a.usage.reasoning },
            total_tokens: a.usage.input + a.usage.output,
          },
    user: null,
    metadata: {},
  };
}

function parts(content: unknown, at: string): Part[] {
  if (typeof content === "string") return [text(content)];
  if (!Array.isArray(content)) return [];
  const out: Part[] = [];
  for (const [j, p] of content.entries()) {
    if (!isRecord(p)) continue;
    const param = `${at}[${j}]`;
    if ((p.type === "input_text" || p.type === "output_text") && typeof p.text === "string")
      out.push(text(p.text));
    else if (p.type === "input_image") {
      if (typeof p.file_id === "string" && p.image_url === undefined)
        out.push(referencePart("openai", p.file_id, "image"));
      else out.push(openaiImage(p.image_url, p.detail, `${param}.image_url`, `${param}.detail`));
    } else if (p.type === "input_file") out.push(openaiFile(p, param));
    else if (p.type === "input_audio") out.push(openaiAudio(p.input_audio, `${param}.input_audio`));
  }
  return out;
}

function tools(value: unknown): ToolSpec[] {
  if (!Array.isArray(value)) return [];
  const out: ToolSpec[] = [];
  for (const t of value) {
    if (isRecord(t) && t.type === "function" && typeof t.name === "string")
      out.push({
        name: t.name,
        description: str(t.description),
        schema: isRecord(t.parameters) ? t.parameters : {},
      });
  }
  return out;
}

function toolChoice(choice: unknown): NormalizedRequest["toolChoice"] {
  if (choice === "required") return { type: "required" };
  if (choice === "none") return { type: "none" };
  if (isRecord(choice) && choice.type === "function" && typeof choice.name === "string")
    return { type: "tool", name: choice.name };
  return { type: "auto" };
}
