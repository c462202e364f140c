import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import type { MetaExample } from "../meta-request.js";

/**
 * Builds meta-requests in the documented format (docs/simulated-model.md, "Writing instructions"):
 * what an optimizer's proposer and reflection prompts look like to the simulated model.
 */

export interface ProposalParts {
  description?: string;
  summary?: string;
  examples?: MetaExample[];
  tip?: string;
}

function exampleLines(examples: readonly MetaExample[]): string[] {
  const out: string[] = [];
  for (const [i, e] of examples.entries()) {
    out.push(`Example ${i + 1}:`);
    if (e.input !== undefined) out.push(`Input: ${e.input}`);
    if (e.output !== undefined) out.push(`Output: ${e.output}`);
    if (e.expected !== undefined) out.push(`Expected: ${e.expected}`);
    if (e.feedback !== undefined) out.push(`Feedback: ${e.feedback}`);
    out.push("");
  }
  return out;
}

/** A proposal request: "Write a new instruction …". */
export function proposalText(parts: ProposalParts = {}): string {
  const lines = ["You are helping to write the instruction of a language-model prompt.", ""];
  if (parts.description !== undefined) lines.push(`Task: ${parts.description}`, "");
  if (parts.summary !== undefined) lines.push("Data summary:", parts.summary, "");
  if (parts.examples?.length) lines.push("Examples:", ...exampleLines(parts.examples));
  if (parts.tip !== undefined) lines.push(`Tip: ${parts.tip}`, "");
  lines.push("Write a new instruction for this task. Reply with the instruction only.");
  return lines.join("\n");
}

/** A reflection request: "Write an improved instruction …". */
export function reflectionText(current: string, failures: readonly MetaExample[]): string {
  return [
    "Here is the instruction of a prompt and examples where it failed.",
    "",
    "Current instruction:",
    current,
    "",
    ...exampleLines(failures),
    "Write an improved instruction that fixes these failures. Reply with the instruction only.",
  ].join("\n");
}

/** Call options with one user message (and a system message if given). */
export function metaCall(
  text: string,
  extra: Partial<LanguageModelV4CallOptions> = {},
  system?: string,
): LanguageModelV4CallOptions {
  const prompt: LanguageModelV4CallOptions["prompt"] = [];
  if (system !== undefined) prompt.push({ role: "system", content: system });
  prompt.push({ role: "user", content: [{ type: "text", text }] });
  return { prompt, ...extra };
}
