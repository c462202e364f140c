import type { ExperimentEvent, ExperimentStore, StoredExperiment } from "../../core/ports.js";
import { ExperimentBufferFullError } from "./buffer-full-error.js";
import { assertEvents, firstOfEachId } from "./events.js";
import { ExperimentStoreError } from "./experiment-store-error.js";

export interface BufferedExperimentStoreOptions {
  /** First retry delay after a failed write; doubles after each failure. Default 500. */
  retryMs?: number;
  /** Longest delay between retries. Default 30,000. */
  maxRetryMs?: number;
  /** Most events held while the backing store is down; beyond it append() rejects. Default 100,000. */
  maxBuffer?: number;
  /** Called on every failed write (the events stay buffered and are retried). */
  onError?: (error: unknown, info: { buffered: number; attempt: number }) => void;
}

export interface BufferedStoreStats {
  /** Events waiting for the backing store. */
  buffered: number;
  /** Events the backing store accepted through this wrapper. */
  written: number;
  /** Failed writes to the backing store (each is retried). */
  failures: number;
  /** Events refused because the buffer was full (append rejected for them). */
  refused: number;
  lastError: unknown;
  /** True while events wait for a retry. */
  degraded: boolean;
}

/**
 * Wraps a store so that appends survive its outages: while the backing store fails, events are
 * kept in order in memory and retried with exponential backoff; `onError` and `stats()` report it.
 * Nothing is dropped silently: when the buffer is full, append() rejects with
 * ExperimentBufferFullError, and close() rejects (keeping the events in `pending()`) if they still
 * cannot be written. Reads see buffered events too. Invalid events reject at once.
 */
export class BufferedExperimentStore implements ExperimentStore {
  readonly portVersion = 1 as const;
  readonly kind: string;
  readonly inner: ExperimentStore;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #maxBuffer: number;
  readonly #onError: BufferedExperimentStoreOptions["onError"];
  #buffer: ExperimentEvent[] = [];
  #draining: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #closed = false;
  readonly #stats = { written: 0, failures: 0, refused: 0, lastError: undefined as unknown };

  constructor(store: ExperimentStore, options: BufferedExperimentStoreOptions = {}) {
    this.inner = store;
    this.kind = store.kind;
    this.#retryMs = options.retryMs ?? 500;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
    this.#maxBuffer = options.maxBuffer ?? 100_000;
    this.#onError = options.onError;
  }

  stats(): BufferedStoreStats {
    return { ...this.#stats, buffered: this.#buffer.length, degraded: this.#buffer.length > 0 };
  }

  /** Copies of the events still waiting for the backing store, in order. */
  pending(): ExperimentEvent[] {
    return structuredClone(this.#buffer);
  }

  async append(events: readonly ExperimentEvent[]): Promise<void> {
    if (this.#closed) {
      throw new ExperimentStoreError(
        this.kind,
        "append events",
        "the store is closed",
        "Create a new store.",
      );
    }
    assertEvents(events);
    if (events.length === 0) return;
    if (this.#buffer.length === 0 && !this.#draining) {
      try {
        await this.inner.append(events);
        this.#stats.written += events.length;
        return;
      } catch (error) {
        this.#enqueue(events, error);
        this.#failed(error);
        return;
      }
    }
    this.#enqueue(events, this.#stats.lastError);
  }

  #enqueue(events: readonly ExperimentEvent[], cause: unknown): void {
    if (this.#buffer.length + events.length > this.#maxBuffer) {
      this.#stats.refused += events.length;
      throw new ExperimentBufferFullError(
        this.kind,
        this.#buffer.length,
        this.#maxBuffer,
        events.length,
        cause,
      );
    }
    for (const event of events) this.#buffer.push(structuredClone(event));
  }

  #failed(error: unknown): void {
    this.#stats.failures++;
    this.#stats.lastError = error;
    this.#attempt++;
    try {
      this.#onError?.(error, { buffered: this.#buffer.length, attempt: this.#attempt });
    } catch {
      // A throwing reporter must not lose events.
    }
    if (this.#closed || this.#timer) return;
    const delay = Math.min(this.#retryMs * 2 ** (this.#attempt - 1), this.#maxRetryMs);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch(() => undefined);
    }, delay);
  }

  /** Writes the buffered events now. Rejects (keeping them buffered, retry scheduled) if that fails. */
  flush(): Promise<void> {
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.slice(0, 1000);
      try {
        await this.inner.append(batch);
      } catch (error) {
        this.#failed(error);
        throw error;
      }
      this.#buffer.splice(0, batch.length);
      this.#stats.written += batch.length;
      this.#attempt = 0;
    }
  }

  async events(experimentId: string, options: { since?: number } = {}): Promise<ExperimentEvent[]> {
    const stored = await this.inner.events(experimentId, options);
    const waiting = this.#buffer.filter((e) => e.experimentId === experimentId);
    if (waiting.length === 0) return stored;
    return firstOfEachId([...stored, ...structuredClone(waiting)], options.since);
  }

  saveExperiment(experiment: StoredExperiment): Promise<void> {
    return this.inner.saveExperiment(experiment);
  }

  getExperiment(id: string): Promise<StoredExperiment | undefined> {
    return this.inner.getExperiment(id);
  }

  listExperiments(): Promise<StoredExperiment[]> {
    return this.inner.listExperiments();
  }

  /**
   * Writes what is buffered, then closes the backing store. If the buffer cannot be written,
   * rejects naming how many events wait (see `pending()`) and stays usable, so close() can be retried.
   */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      await this.flush();
    } catch (error) {
      throw new ExperimentStoreError(
        this.kind,
        "close",
        `${this.#buffer.length} buffered event(s) could not be written`,
        "They are still held: bring the backing store back and call close() again, or save pending().",
        error,
      );
    }
    this.#closed = true;
    await this.inner.close();
  }
}
