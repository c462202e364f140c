/**
 * Ax's side of bench/optimize-ax.ts: an OpenAI client pointed at the local provider server, the
 * program (the signature plus the shared instruction), its two optimizers with their documented
 * options, and held-out scoring.
 *
 * The "meta adapter": the simulated model writes instructions only for requests in its documented
 * format (a last user message with `Current instruction:`, `Input:` / `Output:` / `Expected:` examples
 * and a line starting `Write an improved instruction`; docs/simulated-model.md). Ax's GEPA asks for a
 * new instruction with its own signature (`componentKey, currentValue, feedbackSummary, minibatch, …
 * -> newValue`), which the simulator reads as one more sentiment question, so it answers a label
 * ("neutral") that Ax then tries as the instruction. With `adapter: true` the client's fetch rewrites
 * the last user message of exactly those requests (the system message asks for `New Value`) into the
 * simulator's format, with the same current instruction and the same minibatch rows (input, Ax's
 * parsed prediction, expected label); nothing else changes and the request still goes to the server,
 * where it is counted once. A real LLM would read Ax's own format; the adapter only stands in for that.
 */
import { type AxAIService, AxBootstrapFewShot, AxGEPA, type AxGen, ai, ax } from "@ax-llm/ax";
import { INSTRUCTION, mulberry32, type Variant } from "./setup.ts";

type DatasetRow = import("../../src/core/ports.ts").DatasetRow;
type Example = { review: string; sentiment: string };
// biome-ignore lint/suspicious/noExplicitAny: Ax's program type depends on the parsed signature.
type Program = AxGen<any, any>;

const NEW_VALUE = /generate new fields: `New Value`/;

export interface AxClient {
  llm: AxAIService;
  /** Proposal requests rewritten by the meta adapter so far. */
  translated: number;
}

export function axClient(baseURL: string, adapter: boolean): AxClient {
  const client: AxClient = { llm: undefined as unknown as AxAIService, translated: 0 };
  const fetchVia: typeof fetch = async (input, init) => {
    if (adapter && typeof init?.body === "string") {
      const body = JSON.parse(init.body) as { messages: { role: string; content: unknown }[] };
      const system = body.messages.find((m) => m.role === "system");
      const users = body.messages.filter((m) => m.role === "user");
      const last = users[users.length - 1];
      if (system && last && typeof system.content === "string" && NEW_VALUE.test(system.content)) {
        const rewritten = toSimReflection(contentText(last.content));
        if (rewritten !== undefined) {
          last.content = rewritten;
          client.translated++;
          return fetch(input, { ...init, body: JSON.stringify(body) });
        }
      }
    }
    return fetch(input, init);
  };
  client.llm = ai({
    name: "openai",
    apiKey: "test",
    apiURL: baseURL,
    config: { model: "sim:sentiment" as never },
    options: { fetch: fetchVia },
  }) as AxAIService;
  return client;
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? "").join("\n");
  return "";
}

/** Ax's proposal request (its `Current Value:` and `Minibatch:` fields) in the simulator's reflection format. */
export function toSimReflection(user: string): string | undefined {
  const current =
    /Current Value: ([\s\S]*?)\n\n(?=(?:Feedback Summary|Previous Validation Error|Minibatch|Trace Dataset|Constraints): )/.exec(
      user,
    )?.[1];
  const at = user.indexOf("Minibatch: [");
  if (current === undefined || at < 0) return undefined;
  const rest = user.slice(at + "Minibatch: ".length);
  let tuples: { input?: Record<string, unknown>; prediction?: Record<string, unknown> }[] | undefined;
  for (let end = rest.indexOf("\n]"); end >= 0 && tuples === undefined; end = rest.indexOf("\n]", end + 1)) {
    try {
      tuples = JSON.parse(rest.slice(0, end + 2));
    } catch {
      // not the closing bracket of the array yet
    }
  }
  if (!Array.isArray(tuples)) return undefined;
  const examples = tuples.map((t, i) =>
    [
      `Example ${i + 1}:`,
      `Input: ${String(t.input?.review ?? "")}`,
      `Output: ${String(t.prediction?.sentiment ?? "")}`,
      `Expected: ${String(t.input?.sentiment ?? "")}`,
    ].join("\n"),
  );
  return [
    "Current instruction:",
    current.trim(),
    "",
    ...examples.flatMap((e) => [e, ""]),
    "Write an improved instruction that fixes these failures. Reply with the instruction only.",
  ].join("\n");
}

export function examplesOf(rows: readonly DatasetRow[]): Example[] {
  return rows.map((r) => ({
    review: String((r.input as { review: string }).review),
    sentiment: String(r.expected),
  }));
}

/** FlowPrompt's `exact` on Ax's parsed output: trimmed, case-sensitive. */
// biome-ignore lint/suspicious/noExplicitAny: Ax's metric arguments are untyped.
export const axMetric = ({ prediction, example }: { prediction: any; example: any }): number =>
  String(prediction?.sentiment ?? "").trim() === String(example?.sentiment ?? "") ? 1 : 0;

export function axProgram(variant: Variant): Program {
  const program = ax(variant.axSignature) as Program;
  program.setInstruction(INSTRUCTION);
  return program;
}

/** Runs `fn` with Math.random seeded: AxBootstrapFewShot shuffles its examples with Math.random. */
async function seededMathRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = mulberry32(seed * 7919 + 17);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}

/** AxBootstrapFewShot with its defaults (maxRounds 3, maxDemos 4, maxExamples 16, teacher = student). */
export async function axBootstrap(
  client: AxClient,
  variant: Variant,
  train: readonly DatasetRow[],
  seed: number,
): Promise<{ program: Program; demos: number }> {
  const program = axProgram(variant);
  const optimizer = new AxBootstrapFewShot({
    studentAI: client.llm,
    verbose: false,
    options: { verboseMode: false },
  });
  const result = await seededMathRandom(seed, () => optimizer.compile(program, examplesOf(train), axMetric));
  const demos = result.demos ?? [];
  if (demos.length > 0) program.setDemos(demos);
  return { program, demos: demos.reduce((n, d) => n + d.traces.length, 0) };
}

/**
 * AxGEPA with its defaults (numTrials 30, minibatch of 20, early stop after 5 trials without
 * improvement, reflection on the student model) and the validation split for its Pareto set.
 */
export async function axGepa(
  client: AxClient,
  variant: Variant,
  split: { train: readonly DatasetRow[]; val: readonly DatasetRow[] },
  seed: number,
  maxMetricCalls: number,
): Promise<{ program: Program; instruction: string }> {
  const program = axProgram(variant);
  const optimizer = new AxGEPA({ studentAI: client.llm, seed, verbose: false });
  const result = await seededMathRandom(seed, () =>
    optimizer.compile(program, examplesOf(split.train), axMetric, {
      validationExamples: examplesOf(split.val),
      maxMetricCalls,
      verbose: false,
    }),
  );
  if (result.optimizedProgram) program.applyOptimization(result.optimizedProgram);
  return { program, instruction: program.getInstruction() ?? "" };
}

/** Held-out accuracy: each test row once through the program (Ax's own retries included). */
export async function axScore(
  program: Program,
  client: AxClient,
  test: readonly DatasetRow[],
): Promise<number> {
  let right = 0;
  for (const example of examplesOf(test)) {
    try {
      const prediction = await program.forward(client.llm, { review: example.review });
      right += axMetric({ prediction, example });
    } catch {
      // no valid answer after Ax's retries: wrong
    }
  }
  return right / test.length;
}
