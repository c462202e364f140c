/** How failed model calls are retried. Only retryable failures are: 429, 5xx, overloaded, connection resets, timeouts. */
export interface RetryPolicy {
  /** Calls per model, the first included (default 3). 1 turns retries off. */
  maxAttempts?: number;
  /** First backoff ceiling in ms (default 500); it doubles each retry. */
  initialDelayMs?: number;
  /** Largest backoff ceiling in ms (default 20_000). */
  maxDelayMs?: number;
  /** Stop retrying when the next wait would end later than this many ms after the run started (default 60_000). */
  maxTotalMs?: number;
  /** Random source in [0, 1) for the full jitter (default Math.random); give a seeded one for determinism. */
  random?: () => number;
}

export const DEFAULT_RETRY: Required<Omit<RetryPolicy, "random">> = {
  maxAttempts: 3,
  initialDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalMs: 60_000,
};
