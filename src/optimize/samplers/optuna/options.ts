import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { Direction } from "../space.js";

/** Optuna's samplers the bridge can build (TPESampler, RandomSampler, CmaEsSampler, NSGAIISampler, QMCSampler). */
export type OptunaSamplerName = "tpe" | "random" | "cmaes" | "nsga2" | "qmc";
/** Optuna's pruners (MedianPruner, HyperbandPruner, SuccessiveHalvingPruner, NopPruner). */
export type OptunaPrunerName = "median" | "hyperband" | "successive-halving" | "none";

export interface OptunaSamplerOptions {
  /** Seeds Optuna's sampler (same seed and history → same asks). After a crash the seed is offset by the restart count. */
  seed?: number;
  /** One per objective; default ["maximize"]. */
  directions?: readonly Direction[];
  /** Default "tpe", or "nsga2" with two or more directions. */
  sampler?: OptunaSamplerName;
  /** Keyword arguments of the Optuna sampler's constructor, e.g. { multivariate: true, n_startup_trials: 10 }. */
  samplerOptions?: Record<string, unknown>;
  /** Default "median" (Optuna's default). Pruners only judge single-objective studies. */
  pruner?: OptunaPrunerName;
  /** Keyword arguments of the pruner's constructor, e.g. { n_startup_trials: 5, n_warmup_steps: 1 }. */
  prunerOptions?: Record<string, unknown>;
  /**
   * Where the study lives: undefined = in memory (this process only); a file path ending .db,
   * .sqlite or .sqlite3, or a `sqlite:///…` URL; a `postgres://` / `postgresql://` URL (driven by
   * psycopg2); any other SQLAlchemy URL Optuna accepts. Several workers with one storage and one
   * `studyName` optimize one study together.
   */
  storage?: string;
  /** The study's name; required with `storage` (an existing study of that name is loaded). */
  studyName?: string;
  /** The Python interpreter; default FLOWPROMPT_PYTHON, else /usr/bin/python3 if it exists, else python3. */
  python?: string;
  /** Longest wait for one answer of the bridge (ms); default 60 000. Start-up gets at least 30 s. */
  timeoutMs?: number;
  /** How many times a crashed bridge process is restarted before the sampler gives up; default 3. */
  maxRestarts?: number;
}

export interface ResolvedOptions {
  seed: number | undefined;
  directions: Direction[];
  sampler: OptunaSamplerName;
  samplerOptions: Record<string, unknown>;
  pruner: OptunaPrunerName;
  prunerOptions: Record<string, unknown>;
  /** The SQLAlchemy URL, or undefined for memory. */
  storage: string | undefined;
  studyName: string | undefined;
  python: string;
  timeoutMs: number;
  maxRestarts: number;
}

const SAMPLERS: readonly OptunaSamplerName[] = ["tpe", "random", "cmaes", "nsga2", "qmc"];
const PRUNERS: readonly OptunaPrunerName[] = ["median", "hyperband", "successive-halving", "none"];

/** The interpreter to run: the option, FLOWPROMPT_PYTHON, /usr/bin/python3 if present, or python3 from PATH. */
export function resolvePython(python?: string): string {
  if (python) return python;
  const env = process.env.FLOWPROMPT_PYTHON;
  if (env) return env;
  return existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

/** Turns the `storage` option into an SQLAlchemy URL (undefined stays in-memory). */
export function storageUrl(storage: string | undefined): string | undefined {
  if (storage === undefined) return undefined;
  const s = storage.trim();
  if (/^postgres(ql)?:\/\//i.test(s)) return s.replace(/^postgres(ql)?:\/\//i, "postgresql+psycopg2://");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return s;
  if (/\.(db|sqlite|sqlite3)$/i.test(s)) return `sqlite:///${resolve(s)}`;
  throw new InvalidArgumentError(
    "storage",
    `${JSON.stringify(maskUrl(s))} is neither a database URL nor a .db/.sqlite/.sqlite3 file path`,
    'Use e.g. "optuna.db", "sqlite:///path/to/optuna.db" or "postgres://user:pass@host:5432/db".',
  );
}

/** The URL with its password (user:password@) replaced by ***. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^/:@]*:)[^@/]*@/, "$1***@");
}

/** `text` with every occurrence of the URL's password replaced by ***. */
export function maskSecret(text: string, url: string | undefined): string {
  const password = url ? /\/\/[^/:@]*:([^@/]*)@/.exec(url)?.[1] : undefined;
  if (!password) return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // a malformed %-escape: mask the raw form only
  }
  return text.split(password).join("***").split(decoded).join("***");
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new InvalidArgumentError(name, `${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
  }
  return value;
}

/** Checks the options and fills in defaults. */
export function resolveOptions(options: OptunaSamplerOptions): ResolvedOptions {
  const directions = [...(options.directions ?? ["maximize"])];
  if (directions.length === 0 || directions.some((d) => d !== "maximize" && d !== "minimize")) {
    throw new InvalidArgumentError(
      "directions",
      `expected "maximize" / "minimize" entries, got ${JSON.stringify(directions)}`,
    );
  }
  const sampler = oneOf("sampler", options.sampler, SAMPLERS, directions.length > 1 ? "nsga2" : "tpe");
  if (sampler === "cmaes" && directions.length > 1) {
    throw new InvalidArgumentError(
      "sampler",
      "Optuna's CMA-ES sampler handles one objective only",
      'Use "nsga2" or "tpe".',
    );
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new InvalidArgumentError("seed", `expected an integer, got ${options.seed}`);
  }
  const storage = storageUrl(options.storage);
  if (storage !== undefined && !options.studyName) {
    throw new InvalidArgumentError(
      "studyName",
      "a study name is required with a storage",
      'Pass studyName: "my-study".',
    );
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!(timeoutMs > 0))
    throw new InvalidArgumentError("timeoutMs", `expected a positive number, got ${timeoutMs}`);
  return {
    seed: options.seed,
    directions,
    sampler,
    samplerOptions: options.samplerOptions ?? {},
    pruner: oneOf("pruner", options.pruner, PRUNERS, "median"),
    prunerOptions: options.prunerOptions ?? {},
    storage,
    studyName: options.studyName,
    python: resolvePython(options.python),
    timeoutMs,
    maxRestarts: options.maxRestarts ?? 3,
  };
}
