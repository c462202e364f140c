import type { FlowPromptError } from "../core/errors/flowprompt-error.js";
import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { PromptNotFoundError } from "../core/errors/prompt-not-found-error.js";

/** A prompt as the registry sees it: a name and a version. */
export interface Versioned {
  readonly name: string;
  readonly version: string;
}

export interface PromptListing {
  name: string;
  /** Oldest first; the last is what `get(name)` returns. */
  versions: string[];
  /** The file of the latest version. */
  file: string;
  /** The file of each version, in the order of `versions`. */
  files: string[];
}

/** Prompts found in a folder of prompt files, by name and version. */
export interface PromptRegistry<P extends Versioned = Versioned> extends Iterable<P> {
  /** The prompt `name` at `version`, or its latest version. Throws PromptNotFoundError. */
  get(name: string, version?: string): P;
  has(name: string, version?: string): boolean;
  /** Prompt names, sorted. */
  names(): string[];
  /** One row per name, sorted by name. */
  list(): PromptListing[];
  /** Number of prompts (every version counts). */
  readonly size: number;
  /** Files that could not be loaded (only with `{ strict: false }`; otherwise loading throws the first). */
  readonly errors: readonly FlowPromptError[];
}

/**
 * Orders version labels: numeric parts numerically (`1.10` > `1.9`, `v2` = `2`), a pre-release
 * before its release (`1.0.0-beta` < `1.0.0`), anything else by natural string order.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (pa && pb) {
    const n = Math.max(pa.numbers.length, pb.numbers.length);
    for (let i = 0; i < n; i++) {
      const d = (pa.numbers[i] ?? 0) - (pb.numbers[i] ?? 0);
      if (d !== 0) return Math.sign(d);
    }
    if (pa.pre === undefined || pb.pre === undefined) {
      return pa.pre === pb.pre ? 0 : pa.pre === undefined ? 1 : -1;
    }
    return comparePre(pa.pre, pb.pre);
  }
  if (pa && !pb) return 1;
  if (pb && !pa) return -1;
  return Math.sign(a.localeCompare(b, "en", { numeric: true }));
}

function parseVersion(v: string): { numbers: number[]; pre: string | undefined } | undefined {
  const m = /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return undefined;
  return { numbers: m[1]!.split(".").map(Number), pre: m[2] };
}

function comparePre(a: string, b: string): number {
  const xs = a.split(".");
  const ys = b.split(".");
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (nx !== ny) return nx ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

interface Slot<P> {
  version: string;
  file: string;
  prompt: P;
}

/** Builds registries; `add` reports a duplicate name + version as a PromptFileError naming both files. */
export class RegistryBuilder<P extends Versioned> {
  readonly #byName = new Map<string, Slot<P>[]>();
  readonly #errors: FlowPromptError[] = [];

  /** Adds a prompt; returns the duplicate error instead of adding when name + version is taken. */
  add(prompt: P, file: string): PromptFileError | undefined {
    const slots = this.#byName.get(prompt.name) ?? [];
    const taken = slots.find((s) => s.version === prompt.version);
    if (taken) {
      return new PromptFileError(
        file,
        `prompt "${prompt.name}" version "${prompt.version}" is also defined in ${taken.file}.`,
        { hint: "Give one of them another `version:` (or another `name:`), or delete one of the two files." },
      );
    }
    slots.push({ version: prompt.version, file, prompt });
    slots.sort((x, y) => compareVersions(x.version, y.version));
    this.#byName.set(prompt.name, slots);
    return undefined;
  }

  addError(error: FlowPromptError): void {
    this.#errors.push(error);
  }

  build(): PromptRegistry<P> {
    return new FilePromptRegistry(
      new Map([...this.#byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      [...this.#errors],
    );
  }
}

class FilePromptRegistry<P extends Versioned> implements PromptRegistry<P> {
  readonly #byName: ReadonlyMap<string, readonly Slot<P>[]>;
  readonly errors: readonly FlowPromptError[];

  constructor(byName: ReadonlyMap<string, readonly Slot<P>[]>, errors: readonly FlowPromptError[]) {
    this.#byName = byName;
    this.errors = errors;
  }

  get size(): number {
    let n = 0;
    for (const slots of this.#byName.values()) n += slots.length;
    return n;
  }

  get(name: string, version?: string): P {
    const slots = this.#byName.get(name);
    if (!slots) throw new PromptNotFoundError(name, undefined, this.names());
    if (version === undefined) return slots[slots.length - 1]!.prompt;
    const slot = slots.find((s) => s.version === version);
    if (!slot)
      throw new PromptNotFoundError(
        name,
        version,
        slots.map((s) => s.version),
      );
    return slot.prompt;
  }

  has(name: string, version?: string): boolean {
    const slots = this.#byName.get(name);
    return slots !== undefined && (version === undefined || slots.some((s) => s.version === version));
  }

  names(): string[] {
    return [...this.#byName.keys()];
  }

  list(): PromptListing[] {
    return [...this.#byName].map(([name, slots]) => ({
      name,
      versions: slots.map((s) => s.version),
      file: slots[slots.length - 1]!.file,
      files: slots.map((s) => s.file),
    }));
  }

  *[Symbol.iterator](): Iterator<P> {
    for (const slots of this.#byName.values()) for (const s of slots) yield s.prompt;
  }
}
