/**
 * Reading the local provider server's request log the same way for both libraries: what the simulated
 * model reads in a program's requests for the held-out test rows (its features, and its exact
 * probability of answering right at the first try, from `explain`, which makes no call).
 */
type Server = import("../../src/server/index.ts").MockServer;
type SimModel = import("../../src/models/sim/index.ts").SimModel;
type DatasetRow = import("../../src/core/ports.ts").DatasetRow;

interface ChatBody {
  messages?: { role: string; content: string | { type: string; text?: string }[] }[];
  temperature?: number;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

function text(content: string | { type: string; text?: string }[]): string {
  return typeof content === "string"
    ? content
    : content.map((p) => (p.type === "text" ? (p.text ?? "") : "")).join("\n");
}

function lastUser(body: ChatBody): string {
  const users = (body.messages ?? []).filter((m) => m.role === "user");
  return users.length === 0 ? "" : norm(text(users[users.length - 1]!.content));
}

/** The test row a request asks about (its review in the last user message), if any. */
function testRowOf(body: ChatBody, tests: readonly { id: string; review: string }[]): string | undefined {
  const last = lastUser(body);
  return tests.find((t) => last.includes(t.review))?.id;
}

export function testInputs(test: readonly DatasetRow[]): { id: string; review: string }[] {
  return test.map((r) => ({ id: r.id, review: norm(String((r.input as { review: string }).review)) }));
}

export interface Reading {
  /** Mean over the test rows of P(right at the first try) = p · (1 − P(format error)), exact. */
  firstTry: number;
  demos: number;
  labels: boolean;
  formatHint: boolean;
  temperature: number;
}

/**
 * What the simulator reads in one request per test row: the `first` (Ax: a retry after an
 * unparseable answer is not a first try) or the `last` (FlowPrompt: its final test scoring asks the
 * baseline first, then the chosen program).
 */
export function readTestRequests(
  server: Server,
  tests: readonly { id: string; review: string }[],
  sim: SimModel,
  which: "first" | "last",
): Reading | undefined {
  const pick = new Map<string, ChatBody>();
  for (const r of server.requests) {
    const body = r.body as ChatBody;
    const id = testRowOf(body, tests);
    if (id === undefined || (which === "first" && pick.has(id))) continue;
    pick.set(id, body);
  }
  const ps: number[] = [];
  let first: Reading | undefined;
  for (const body of pick.values()) {
    const prompt = (body.messages ?? []).map((m) =>
      m.role === "system"
        ? { role: "system" as const, content: text(m.content) }
        : {
            role: m.role as "user" | "assistant",
            content: [{ type: "text" as const, text: text(m.content) }],
          },
    );
    const d = sim.explain({ prompt, temperature: body.temperature } as Parameters<SimModel["explain"]>[0]);
    ps.push(d.p * (1 - d.q));
    first ??= {
      firstTry: 0,
      demos: d.features.demos,
      labels: d.features.instructions,
      formatHint: d.features.formatHint,
      temperature: d.features.temperature,
    };
  }
  if (first === undefined) return undefined;
  return { ...first, firstTry: ps.reduce((s, p) => s + p, 0) / ps.length };
}
