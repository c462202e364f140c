import type { DeepPartial, RunResult, StreamEvent } from "./types.js";

/**
 * What `prompt.stream()` returns: iterate it for every event, or use `textStream` for text
 * deltas and `partialOutputStream` for partial objects; `result` resolves to the final,
 * validated result (and rejects with the run's error).
 */
export interface PromptStream<T> extends AsyncIterable<StreamEvent<T>> {
  readonly textStream: AsyncIterable<string>;
  readonly partialOutputStream: AsyncIterable<DeepPartial<T>>;
  readonly result: Promise<RunResult<T>>;
  /** Shorthand for `(await result).output`. */
  readonly output: Promise<T>;
}

/** A single-reader event queue filled by the run and drained by the stream's reader. */
export class EventQueue<T> {
  /** Called when the reader stops before the end (a `break` out of `for await`). */
  constructor(private readonly onAbandon?: () => void) {}

  private readonly events: StreamEvent<T>[] = [];
  private waiting: (() => void) | undefined;
  private done = false;
  private failure: { error: unknown } | undefined;
  private taken = false;

  push(event: StreamEvent<T>): void {
    this.events.push(event);
    this.wake();
  }

  end(failure?: { error: unknown }): void {
    this.done = true;
    this.failure = failure;
    this.wake();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  async *drain(): AsyncGenerator<StreamEvent<T>> {
    if (this.taken) throw new Error("A prompt stream can be read once: use one of its iterators.");
    this.taken = true;
    try {
      for (;;) {
        while (this.events.length > 0) yield this.events.shift()!;
        if (this.done) {
          if (this.failure) throw this.failure.error;
          return;
        }
        await new Promise<void>((resolve) => {
          this.waiting = resolve;
        });
      }
    } finally {
      // The reader left early: stop the run, so the model's connection is freed.
      if (!this.done) this.onAbandon?.();
    }
  }
}

export function makePromptStream<T>(queue: EventQueue<T>, result: Promise<RunResult<T>>): PromptStream<T> {
  result.catch(() => {}); // the error is delivered through the iterator and `result`
  return {
    [Symbol.asyncIterator]: () => queue.drain(),
    get textStream() {
      return (async function* () {
        for await (const e of queue.drain()) if (e.type === "text-delta") yield e.delta;
      })();
    },
    get partialOutputStream() {
      return (async function* () {
        for await (const e of queue.drain()) if (e.type === "partial-output") yield e.partial;
      })();
    },
    result,
    get output() {
      return result.then((r) => r.output);
    },
  };
}
