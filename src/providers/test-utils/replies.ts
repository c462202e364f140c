/** Minimal reply bodies in each provider's real wire format. */

/** OpenAI Responses API (`POST /responses`). */
export function openaiResponse(text: string, model = "gpt-4o-mini-2024-07-18"): Record<string, unknown> {
  return {
    id: "resp_1",
    object: "response",
    created_at: 1_750_000_000,
    status: "completed",
    model,
    output: [
      {
        type: "message",
        id: "msg_1",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text, annotations: [] }],
      },
    ],
    incomplete_details: null,
    usage: {
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 19,
    },
  };
}

/** OpenAI Chat Completions (`POST /chat/completions`), also Mistral, Azure chat, Ollama, vLLM, … */
export function chatCompletion(text: string, model = "gpt-4o-mini"): Record<string, unknown> {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1_750_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
  };
}

/** Chat Completions streamed: one chunk per delta, then the usage chunk and `[DONE]`. */
export function chatCompletionChunks(
  deltas: readonly string[],
  model = "llama3.2",
): (Record<string, unknown> | string)[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1_750_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  return [
    chunk({ role: "assistant", content: "" }, null),
    ...deltas.map((d) => chunk({ content: d }, null)),
    chunk({}, "stop"),
    {
      id: "chatcmpl-1",
      object: "chat.completion.chunk",
      created: 1_750_000_000,
      model,
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: deltas.length, total_tokens: 5 + deltas.length },
    },
    "[DONE]",
  ];
}

/** Anthropic Messages (`POST /messages`). */
export function anthropicMessage(text: string, model = "claude-sonnet-4-5"): Record<string, unknown> {
  return {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 7 },
  };
}

/** Gemini `generateContent`. */
export function geminiContent(text: string, model = "gemini-2.5-flash"): Record<string, unknown> {
  return {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 7, totalTokenCount: 19 },
    modelVersion: model,
  };
}
