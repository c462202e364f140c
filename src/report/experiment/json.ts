import type { ExperimentAnalysis } from "../../experiments/analysis/types.js";
import type { ExperimentReportSource, ExperimentVariantInfo } from "./format.js";

/** The JSON report: versioned, keys in a fixed order, no clock (the same store gives the same bytes). */
export interface ExperimentJsonReport {
  version: 1;
  experiment: {
    id: string;
    status: string;
    winner: string | null;
    description: string | null;
    createdAt: number;
    updatedAt: number;
  };
  events: number;
  variants: ExperimentVariantInfo[];
  srmBanner: boolean;
  analysis: ExperimentAnalysis;
}

export function toExperimentJsonReport(s: ExperimentReportSource): ExperimentJsonReport {
  const e = s.experiment;
  const description = e.config.description;
  return {
    version: 1,
    experiment: {
      id: e.id,
      status: e.status,
      winner: e.winner ?? null,
      description: typeof description === "string" ? description : null,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    },
    events: s.events,
    variants: s.variants.map((v) => ({
      name: v.name,
      weight: v.weight,
      control: v.control,
      exposures: v.exposures,
      units: v.units,
    })),
    srmBanner: s.analysis.srm.flagged,
    analysis: s.analysis,
  };
}

/** Non-finite numbers become null (JSON has none); two-space indentation, a final newline. */
export function renderExperimentJson(s: ExperimentReportSource): string {
  const json = JSON.stringify(
    toExperimentJsonReport(s),
    (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    2,
  );
  return `${json}\n`;
}
