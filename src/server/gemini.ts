import { catchMedia } from "./media.js";
import { geminiMedia } from "./media-native.js";
import { isRecord, type Part, PromptBuilder, str, text, toolCall, toolResult } from "./prompt.js";
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

/** Gemini `models/{model}:generateContent` and `:streamGenerateContent?alt=sse`. */
export const geminiGenerateContent: WireFormat = {
  parse(body: unknown, route: Route): NormalizedRequest | InvalidRequest {
    return catchMedia(() => parseGenerate(body, route));
  },

  json(a: Answer, req: NormalizedRequest): unknown {
    return {
      candidates: [
        { content: { parts: [part(a, a.text)], role: "model" }, finishReason: finishReason(a), index: 0 },
      ],
      usageMetadata: usage(a, a.usage.output),
      modelVersion: req.model,
      responseId: a.id,
    };
  },

  events(a: Answer, req: NormalizedRequest): SseEvent[] {
    const chunks = a.toolCall ? [{ text: a.text, tokens: a.usage.output }] : pieces(a.text, a.usage.output);
    if (chunks.length === 0) chunks.push({ text: "", tokens: 0 });
    let sent = 0;
    return chunks.map((c, i) => {
      const last = i === chunks.length - 1;
      sent += c.tokens;
      return {
        data: {
          candidates: [
            {
              content: { parts: [part(a, c.text)], role: "model" },
              ...(last && { finishReason: finishReason(a) }),
              index: 0,
            },
          ],
          usageMetadata: usage(a, last ? a.usage.output : Math.round(sent)),
          modelVersion: req.model,
          responseId: a.id,
        },
        tokens: c.tokens,
      };
    });
  },
};

function parseGenerate(body: unknown, route: Route): NormalizedRequest | InvalidRequest {
  if (!isRecord(body)) return { invalid: "Invalid JSON payload received. Expected an object." };
  if (!Array.isArray(body.contents) || body.contents.length === 0)
    return { invalid: "* GenerateContentRequest.contents: contents is not specified\n", param: "contents" };
  const b = new PromptBuilder();
  if (isRecord(body.systemInstruction)) b.system(partsText(body.systemInstruction.parts));
  let calls = 0;
  for (const [i, c] of body.contents.entries()) {
    if (!isRecord(c) || !Array.isArray(c.parts))
      return {
        invalid: `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`,
      };
    const out: Part[] = [];
    for (const [j, p] of c.parts.entries()) {
      if (!isRecord(p)) continue;
      const media = geminiMedia(p, `contents[${i}].parts[${j}]`);
      if (typeof p.text === "string") out.push(text(p.text));
      else if (media) out.push(media);
      else if (isRecord(p.functionCall)) {
        const name = str(p.functionCall.name) ?? "";
        out.push(toolCall(str(p.functionCall.id) ?? `${name}-${calls++}`, name, p.functionCall.args ?? {}));
      } else if (isRecord(p.functionResponse)) {
        const name = str(p.functionResponse.name) ?? "";
        out.push(toolResult(str(p.functionResponse.id) ?? name, name, p.functionResponse.response ?? null));
      }
    }
    b.add(c.role === "model" ? "assistant" : "user", out);
  }
  const g = isRecord(body.generationConfig) ? body.generationConfig : {};
  const schema = isRecord(g.responseJsonSchema)
    ? g.responseJsonSchema
    : isRecord(g.responseSchema)
      ? lowerTypes(g.responseSchema)
      : undefined;
  const json = schema ? { schema } : g.responseMimeType === "application/json" ? {} : undefined;
  return {
    model: route.model ?? "",
    stream: route.stream === true,
    prompt: b.prompt,
    maxOutputTokens: typeof g.maxOutputTokens === "number" ? g.maxOutputTokens : undefined,
    temperature: typeof g.temperature === "number" ? g.temperature : undefined,
    json,
    tools: tools(body.tools),
    toolChoice: toolChoice(body.toolConfig),
  };
}

function part(a: Answer, value: string): object {
  if (!a.toolCall) return { text: value };
  let args: unknown = {};
  try {
    args = JSON.parse(value);
  } catch {
    // keep {}
  }
  return { functionCall: { name: a.toolCall.name, args } };
}

function finishReason(a: Answer): string {
  if (a.finish === "length") return "MAX_TOKENS";
  if (a.finish === "content-filter") return "SAFETY";
  return "STOP";
}

function usage(a: Answer, output: number): object {
  const u = a.usage;
  const candidates = Math.max(0, output - u.reasoning);
  return {
    promptTokenCount: u.input,
    candidatesTokenCount: candidates,
    totalTokenCount: u.input + output,
    ...(u.cachedInput > 0 && { cachedContentTokenCount: u.cachedInput }),
    ...(u.reasoning > 0 && { thoughtsTokenCount: u.reasoning }),
    promptTokensDetails: modalities(u),
  };
}

/** `promptTokensDetails`: the input by modality (TEXT always, the media modalities when present). */
function modalities(u: Answer["usage"]): object[] {
  const m = u.media;
  const out = [{ modality: "TEXT", tokenCount: Math.max(0, u.input - m.total) }];
  for (const [modality, tokenCount] of [
    ["IMAGE", m.image],
    ["AUDIO", m.audio],
    ["VIDEO", m.video],
    ["DOCUMENT", m.document],
  ] as const)
    if (tokenCount > 0) out.push({ modality, tokenCount });
  return out;
}

function partsText(parts: unknown): string {
  if (!Array.isArray(parts)) return "";
  return parts.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join("\n");
}

/** Gemini's OpenAPI-style `responseSchema` may spell types in capitals ("OBJECT"); JSON Schema wants lower case. */
function lowerTypes(value: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] = k === "type" && typeof x === "string" ? x.toLowerCase() : walk(x);
    return out;
  };
  return walk(value) as Record<string, unknown>;
}

function tools(value: unknown): ToolSpec[] {
  if (!Array.isArray(value)) return [];
  const out: ToolSpec[] = [];
  for (const t of value) {
    if (!isRecord(t) || !Array.isArray(t.functionDeclarations)) continue;
    for (const f of t.functionDeclarations) {
      if (!isRecord(f) || typeof f.name !== "string") continue;
      const schema = isRecord(f.parametersJsonSchema)
        ? f.parametersJsonSchema
        : isRecord(f.parameters)
          ? lowerTypes(f.parameters)
          : {};
      out.push({ name: f.name, description: str(f.description), schema });
    }
  }
  return out;
}

function toolChoice(config: unknown): NormalizedRequest["toolChoice"] {
  const c =
    isRecord(config) && isRecord(config.functionCallingConfig) ? config.functionCallingConfig : undefined;
  const mode = str(c?.mode)?.toUpperCase();
  if (mode === "NONE") return { type: "none" };
  if (mode !== "ANY") return { type: "auto" };
  const allowed = Array.isArray(c?.allowedFunctionNames) ? c.allowedFunctionNames : [];
  return allowed.length === 1 && typeof allowed[0] === "string"
    ? { type: "tool", name: allowed[0] }
    : { type: "required" };
}
