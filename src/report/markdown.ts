import {
  describeModels,
  describeRun,
  duration,
  interval,
  isSimulated,
  legend,
  METHOD_LABELS,
  modelsOf,
  money,
  notes,
  pct,
  pts,
  pValue,
  type ReportContext,
  type ReportSource,
  simulatedBanner,
} from "./format.js";

/**
 * The comparison as GitHub-flavoured Markdown for a pull-request comment: a one-line verdict first,
 * then the run, the variant and comparison tables, notes and strata.
 */
export function renderMarkdown(source: ReportSource, ctx: ReportContext = {}): string {
  const out: string[] = [];
  const mark = source.winner ? "✅" : source.notEnoughData ? "⚠️" : "➖";
  out.push(`**${mark} ${md(source.verdict)}**`, "");
  if (isSimulated(source)) out.push("> [!WARNING]", `> ${simulatedBanner(source)}`, "");

  const models = modelsOf(source);
  const facts = [
    describeRun(source, ctx),
    models.length > 0 ? `model ${models.map(code).join(", ")}` : describeModels(source),
    ...(source.costUsd !== undefined ? [`cost ${money(source.costUsd)}`] : []),
    ...(source.elapsedMs !== undefined ? [`time ${duration(source.elapsedMs)}`] : []),
    ...(ctx.source ? [`records ${code(ctx.source)}`] : []),
  ];
  out.push(
    `${ctx.command === "analyze" ? "FlowPrompt analyze" : "FlowPrompt compare"}: ${facts.join(" · ")}`,
    "",
  );

  const level = `${Math.round(source.confidence * 1000) / 10}% interval`;
  out.push(
    ...table(
      ["Variant", "Score", level, "n", "Errors", "Cost", "p50 latency"],
      [":--", "--:", ":--", "--:", "--:", "--:", "--:"],
      source.variants.map((v) => [
        `${v.name === source.winner ? `**${md(v.name)}**` : md(v.name)}${v.name === source.control ? " (control)" : ""}`,
        pct(v.score),
        interval(v.interval),
        String(v.n),
        String(v.errors),
        money(v.costUsd),
        duration(v.latencyMs.p50),
      ]),
    ),
    "",
  );

  if (source.comparisons.length > 0) {
    out.push(
      ...table(
        ["Comparison", "Diff (pts)", level, "p", "p adj.", "Method", "Significant"],
        [":--", "--:", ":--", "--:", "--:", ":--", ":-:"],
        source.comparisons.map((c) => [
          `${md(c.b)} vs ${md(c.a)}`,
          pts(c.diff),
          interval(c.ci, true),
          pValue(c.pValue),
          pValue(c.pAdjusted),
          METHOD_LABELS[c.method],
          c.significant ? (c.diff >= 0 ? "✅ yes" : "🔻 yes (worse)") : "no",
        ]),
      ),
      "",
      `<sub>${md(legend(source))}</sub>`,
      "",
    );
  }

  const extra = notes(source, ctx).filter((n) => n !== source.verdict);
  if (extra.length > 0) out.push("**Notes**", "", ...extra.map((n) => `- ${md(n)}`), "");

  if (source.strata) {
    const names = source.variants.map((v) => v.name);
    out.push(
      "<details><summary>Scores by category</summary>",
      "",
      ...table(
        ["Category", "n", ...names.map(md)],
        [":--", "--:", ...names.map(() => "--:")],
        Object.entries(source.strata).map(([category, s]) => [
          md(category),
          String(Math.min(...s.variants.map((v) => v.n))),
          ...names.map((name) => {
            const v = s.variants.find((x) => x.name === name);
            return v && v.n > 0 ? pct(v.score) : "–";
          }),
        ]),
      ),
      "",
      "</details>",
      "",
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function table(header: readonly string[], align: readonly string[], rows: readonly string[][]): string[] {
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [row(header), row(align), ...rows.map(row)];
}

/** Text that cannot break a table or start Markdown markup. */
function md(text: string): string {
  return text.replace(/[\\|*_`<>]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
