import { unitHash } from "../models/hash-random.js";
import type { FaultKind, FaultMatch, FaultSpec, RecordedRequest } from "./types.js";

export interface Fault {
  kind: FaultKind;
  /** Seconds, for 429s. */
  retryAfter: number;
  /** Where the fault came from (for the record). */
  source: "header" | "option" | "random";
}

const NAMED = new Set<string>(["html", "html-200", "truncate", "reset"]);

/** Parses an `x-mock-fault` header value; throws a message for a value that is not a fault. */
export function parseFaultKind(value: string): FaultKind {
  const v = value.trim().toLowerCase();
  if (NAMED.has(v)) return v as FaultKind;
  const n = Number(v);
  if (Number.isInteger(n) && n >= 400 && n <= 599) return n;
  throw new Error(
    `x-mock-fault: unknown fault "${value}"; use an HTTP status (400-599, e.g. 429, 500, 503, 529), html, html-200, truncate or reset.`,
  );
}

/** Picks the fault for each request: the header first, then scripted faults, then random ones. */
export class Faults {
  private readonly specs: { spec: FaultSpec; left: number }[];
  private readonly rate: number;
  private readonly kinds: readonly FaultKind[];
  private readonly seed: number;
  private n = 0;

  constructor(o: {
    faults?: readonly FaultSpec[];
    errorRate?: number;
    errorKinds?: readonly FaultKind[];
    seed?: number;
  }) {
    this.specs = (o.faults ?? []).map((spec) => ({ spec, left: spec.times ?? Number.POSITIVE_INFINITY }));
    this.rate = o.errorRate ?? 0;
    if (!(this.rate >= 0 && this.rate <= 1))
      throw new RangeError(`errorRate must be between 0 and 1, got ${o.errorRate}.`);
    this.kinds = o.errorKinds && o.errorKinds.length > 0 ? o.errorKinds : [429, 500, 503];
    this.seed = o.seed ?? 0;
  }

  pick(headerValue: string | undefined, request: RecordedRequest): Fault | undefined {
    if (headerValue !== undefined && headerValue !== "") {
      return { kind: parseFaultKind(headerValue), retryAfter: 1, source: "header" };
    }
    for (const s of this.specs) {
      if (s.left <= 0 || !matches(s.spec.match, request)) continue;
      s.left--;
      return { kind: s.spec.status, retryAfter: s.spec.retryAfter ?? 1, source: "option" };
    }
    if (this.rate === 0) return undefined;
    const i = this.n++;
    if (unitHash(this.seed, i, 1) >= this.rate) return undefined;
    const kind = this.kinds[Math.floor(unitHash(this.seed, i, 2) * this.kinds.length)]!;
    return { kind, retryAfter: 1, source: "random" };
  }
}

function matches(m: FaultMatch | undefined, r: RecordedRequest): boolean {
  if (m === undefined) return true;
  if (typeof m === "function") return m(r);
  if (m.provider !== undefined && m.provider !== r.provider) return false;
  if (m.api !== undefined && m.api !== r.api) return false;
  if (m.stream !== undefined && m.stream !== r.stream) return false;
  if (m.model !== undefined && !test(m.model, r.model ?? "")) return false;
  if (m.path !== undefined && !test(m.path, r.path)) return false;
  return true;
}

function test(pattern: string | RegExp, value: string): boolean {
  return typeof pattern === "string" ? pattern === value : pattern.test(value);
}
