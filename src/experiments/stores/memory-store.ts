import type { ExperimentEvent, ExperimentStore, StoredExperiment } from "../../core/ports.js";
import { assertEvents, assertExperiment, byId } from "./events.js";

/**
 * Keeps events and definitions in this process only (tests, demos, short-lived scripts).
 * Idempotent by event id within an experiment: a repeated id is ignored.
 */
export class MemoryExperimentStore implements ExperimentStore {
  readonly portVersion = 1 as const;
  readonly kind = "memory";
  readonly #events = new Map<string, { list: ExperimentEvent[]; ids: Set<string> }>();
  readonly #experiments = new Map<string, StoredExperiment>();

  async append(events: readonly ExperimentEvent[]): Promise<void> {
    assertEvents(events);
    for (const event of events) {
      let log = this.#events.get(event.experimentId);
      if (!log) {
        log = { list: [], ids: new Set() };
        this.#events.set(event.experimentId, log);
      }
      if (log.ids.has(event.id)) continue;
      log.ids.add(event.id);
      log.list.push(structuredClone(event));
    }
  }

  async events(experimentId: string, options: { since?: number } = {}): Promise<ExperimentEvent[]> {
    const list = this.#events.get(experimentId)?.list ?? [];
    const since = options.since;
    return structuredClone(since === undefined ? list : list.filter((e) => e.at > since));
  }

  async saveExperiment(experiment: StoredExperiment): Promise<void> {
    assertExperiment(experiment);
    this.#experiments.set(experiment.id, structuredClone(experiment));
  }

  async getExperiment(id: string): Promise<StoredExperiment | undefined> {
    const found = this.#experiments.get(id);
    return found && structuredClone(found);
  }

  async listExperiments(): Promise<StoredExperiment[]> {
    return [...this.#experiments.values()].sort(byId).map((e) => structuredClone(e));
  }

  async close(): Promise<void> {}
}
