import type {
  JSONSchema7,
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  LanguageModelV4GenerateResult,
} from "@ai-sdk/provider";
import { type MockModel, type MockReply, mockModel } from "../models/mock-model.js";
import { type SimModel, simModel, simTaskOfModel } from "../models/sim/index.js";
import { NO_MEDIA } from "./media-tokens.js";
import type {
  Answer,
  Api,
  Flavor,
  NormalizedRequest,
  RecordedRequest,
  ServerCall,
  ToolSpec,
} from "./types.js";

interface CallInfo {
  provider: Flavor;
  api: Api;
  model: string;
  request: RecordedRequest;
}

/** An error a responder threw or returned, turned into an HTTP status and message. */
export class AnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Answers normalized requests with FlowPrompt's mock model (the responder sees a `ServerCall`). */
export class Answerer {
  private readonly model: MockModel;
  private readonly info = new WeakMap<LanguageModelV4CallOptions, CallInfo>();
  /** Calls whose reply set the input tokens (media tokens are then not added). */
  private readonly explicitInput = new WeakSet<LanguageModelV4CallOptions>();
  /** Simulated models for "sim" / "sim:<task>" requests, one per model id, seeded like the server. */
  private readonly sims = new Map<string, SimModel>();
  private readonly seed: number;

  constructor(options: {
    responder?: (call: ServerCall) => MockReply | undefined | Promise<MockReply | undefined>;
    replies?: readonly MockReply[];
    seed?: number;
  }) {
    const { responder, replies } = options;
    if (replies) mockModel({ replies, responder: responder && (() => undefined) }); // the mock's checks: not both, not an empty list
    this.seed = options.seed ?? 0;
    const note = (options: LanguageModelV4CallOptions, reply: MockReply | undefined) => {
      if (typeof reply === "object" && reply.usage?.inputTokens !== undefined)
        this.explicitInput.add(options);
      return reply;
    };
    this.model = mockModel({
      modelId: "mock-server",
      record: false,
      seed: options.seed ?? 0,
      responder: (call) => {
        if (replies) return note(call.options, replies[Math.min(call.index, replies.length - 1)]);
        if (!responder) return undefined;
        const info = this.info.get(call.options)!;
        const r = responder({ ...call, ...info, mode: info.request.stream ? "stream" : "generate" });
        return r instanceof Promise ? r.then((v) => note(call.options, v)) : note(call.options, r);
      },
    });
  }

  /** Restarts call numbering (the responder's `call.index`). */
  reset(): void {
    this.model.reset();
    for (const sim of this.sims.values()) sim.reset();
  }

  /** The simulated model answering `model` ("sim", "sim:<task>", "sim-<task>"), or undefined. */
  private simFor(model: string): SimModel | undefined {
    let task: ReturnType<typeof simTaskOfModel>;
    try {
      task = simTaskOfModel(model);
    } catch (error) {
      throw new AnswerError(404, (error as Error).message);
    }
    if (task === undefined) return undefined;
    let sim = this.sims.get(model);
    if (!sim) {
      sim = simModel({ task, modelId: model, seed: this.seed });
      this.sims.set(model, sim);
    }
    return sim;
  }

  async answer(req: NormalizedRequest, info: CallInfo, signal: AbortSignal): Promise<Answer> {
    const tool = chosenTool(req);
    const schema = tool ? tool.schema : req.json?.schema;
    const options: LanguageModelV4CallOptions = {
      prompt: req.prompt,
      maxOutputTokens: req.maxOutputTokens,
      temperature: req.temperature,
      responseFormat:
        tool || req.json
          ? { type: "json", schema: schema as JSONSchema7 | undefined, name: tool?.name ?? req.json?.name }
          : undefined,
      tools: req.tools.length > 0 ? req.tools.map(functionTool) : undefined,
      toolChoice:
        req.toolChoice.type === "tool" ? { type: "tool", toolName: req.toolChoice.name } : req.toolChoice,
      abortSignal: signal,
      providerOptions: { mockServer: { provider: info.provider, api: info.api, model: info.model } },
    };
    this.info.set(options, info);
    const model = this.simFor(info.model) ?? this.model;
    let result: LanguageModelV4GenerateResult;
    try {
      result = await model.doGenerate(options);
    } catch (error) {
      if (signal.aborted) throw error;
      throw toAnswerError(error);
    }
    const id = `mock${String(info.request.index).padStart(6, "0")}`;
    const part = result.content[0];
    const text = part?.type === "text" ? part.text : "";
    const u = result.usage;
    const finish = result.finishReason.unified;
    const media = this.explicitInput.has(options) ? NO_MEDIA : (req.media ?? NO_MEDIA);
    return {
      id,
      model: info.model,
      created: Math.floor(Date.now() / 1000),
      text,
      toolCall: tool
        ? {
            id: `call_${id}`,
            name: tool.name,
            forced: req.toolChoice.type === "tool",
          }
        : undefined,
      usage: {
        input: (u.inputTokens.total ?? 0) + media.total,
        output: u.outputTokens.total ?? 0,
        cachedInput: u.inputTokens.cacheRead ?? 0,
        cacheWrite: u.inputTokens.cacheWrite ?? 0,
        reasoning: u.outputTokens.reasoning ?? 0,
        media,
      },
      finish: tool && finish === "stop" ? "tool-calls" : finish === "interrupted" ? "other" : finish,
    };
  }
}

/** The tool the answer must call: the named one, or for "required" the JSON tool or the first tool. */
function chosenTool(req: NormalizedRequest): ToolSpec | undefined {
  const choice = req.toolChoice;
  if (choice.type === "tool") return req.tools.find((t) => t.name === choice.name);
  if (choice.type === "required") return req.tools.find((t) => t.name === "json") ?? req.tools[0];
  return undefined;
}

function functionTool(tool: ToolSpec): LanguageModelV4FunctionTool {
  return {
    type: "function",
    name: tool.name,
    description: tool.description,
    inputSchema: tool.schema as JSONSchema7,
  };
}

function toAnswerError(error: unknown): AnswerError {
  const e = error as { statusCode?: unknown; status?: unknown; message?: unknown } | undefined;
  const status =
    typeof e?.statusCode === "number" ? e.statusCode : typeof e?.status === "number" ? e.status : 500;
  const message = typeof e?.message === "string" ? e.message : String(error);
  return new AnswerError(status >= 400 && status <= 599 ? status : 500, message);
}
