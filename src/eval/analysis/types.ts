/** Per variant: the score with its interval, and what it cost. The input is the unit of analysis. */
export interface VariantSummary {
  name: string;
  /** Mean over inputs of each input's mean score over its runs. */
  score: number;
  /** Inputs scored (with every run). */
  n: number;
  runs: number;
  /** Confidence interval of `score` (BCa bootstrap over inputs, or Wilson for pass/fail). */
  interval: [lower: number, upper: number];
  /** Records that failed (variant or scorer error), scored 0. */
  errors: number;
  errorRate: number;
  /** USD of every call (null if a model's price is unknown); per call. */
  costUsd: number | null;
  costPerCall: number | null;
  latencyMs: { mean: number; p50: number; p95: number };
  cachedShare: number;
  /** Models that answered (e.g. "sim:sentiment"); a simulated model is marked as such in reports. */
  models: string[];
}

/** One tested pair: `a` is the control (or the first of the pair), `b` the challenger. */
export interface Comparison {
  a: string;
  b: string;
  /** score(b) − score(a) over the inputs both scored. */
  diff: number;
  ci: [lower: number, upper: number];
  pValue: number;
  /** Holm-adjusted across every comparison of the run. */
  pAdjusted: number;
  /** "sequential" with `stopEarly`: an anytime-valid p-value and confidence sequence. */
  method: "mcnemar-exact" | "mcnemar-mid-p" | "permutation-exact" | "permutation-monte-carlo" | "sequential";
  significant: boolean;
  /** Paired inputs. */
  n: number;
  /** Differences in mean cost per call and mean latency (b − a), with bootstrap intervals. */
  costDiff?: { diff: number; ci: [number, number] } | undefined;
  latencyDiffMs?: { diff: number; ci: [number, number] };
  /** With a non-inferiority margin: is b not worse than a by more than the margin? */
  nonInferior?: { margin: number; lower: number; nonInferior: boolean } | undefined;
}

export interface CompareAnalysis {
  /** The variant the data support as best, or null. */
  winner: string | null;
  /** The decision in plain words. */
  verdict: string;
  control: string;
  confidence: number;
  comparisons: Comparison[];
  variants: VariantSummary[];
  /** Set when no comparison could be significant with this many inputs. */
  notEnoughData?: { inputs: number; minInputs: number; message: string } | undefined;
  /**
   * Per category, when a category field was given: each variant's score, and the same comparisons
   * tested within the category (exploratory: Holm within the category, not across categories).
   */
  strata?:
    | Record<
        string,
        {
          variants: { name: string; score: number; n: number }[];
          comparisons: {
            a: string;
            b: string;
            diff: number;
            n: number;
            pValue: number;
            pAdjusted: number;
            significant: boolean;
          }[];
        }
      >
    | undefined;
}

export interface AnalyzeOptions {
  /** Variant names in order (the first is the default control). */
  variants: readonly string[];
  control?: string;
  confidence?: number;
  comparisons?: "control" | "all";
  /** Mid-p McNemar (less conservative) for pass/fail data. */
  midP?: boolean;
  seed?: number;
  resamples?: number;
  /**
   * Compute the bootstrap intervals (default true). Decisions use only the p-values, so large
   * simulations and live monitoring can skip them; intervals then equal the point estimates.
   */
  intervals?: boolean;
  /** Margin for non-inferiority tests of each challenger against the control (in score points, e.g. 0.02). */
  nonInferiorityMargin?: number;
}
