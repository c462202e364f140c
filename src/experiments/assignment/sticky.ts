/**
 * Sticky bucketing: remember each unit's variant so it keeps it when the experiment's weights,
 * coverage or namespace change (GrowthBook's sticky-bucketing idea, simplified: one entry per unit and
 * experiment, no bucket versions; change the experiment id to start over).
 *
 * The interface is synchronous so `assign` stays synchronous and fast. A store backed by a remote
 * database should load the entries of the units it is about to serve beforehand (GrowthBook's SDKs do
 * the same: they fetch sticky-bucket documents before evaluating) and write `set` calls back
 * asynchronously.
 */

/** What a sticky store keeps for one unit in one experiment. */
export interface StickyAssignment {
  /** The variant name the unit was assigned. */
  variant: string;
  /** The propensity with which it was assigned then (the one to use in inverse-propensity weighting). */
  propensity: number;
}

export interface StickyStore {
  get(unitId: string, experimentId: string): StickyAssignment | undefined;
  set(unitId: string, experimentId: string, assignment: StickyAssignment): void;
}

/** A `StickyStore` in a `Map`: for tests, one-process services and as a cache in front of a database. */
export class MemoryStickyStore implements StickyStore {
  /** experiment id → unit id → assignment (nested maps: no key building on the hot path). */
  readonly #byExperiment = new Map<string, Map<string, StickyAssignment>>();
  #size = 0;

  get(unitId: string, experimentId: string): StickyAssignment | undefined {
    return this.#byExperiment.get(experimentId)?.get(unitId);
  }

  set(unitId: string, experimentId: string, assignment: StickyAssignment): void {
    let units = this.#byExperiment.get(experimentId);
    if (!units) {
      units = new Map();
      this.#byExperiment.set(experimentId, units);
    }
    if (!units.has(unitId)) this.#size++;
    units.set(unitId, { variant: assignment.variant, propensity: assignment.propensity });
  }

  delete(unitId: string, experimentId: string): boolean {
    const deleted = this.#byExperiment.get(experimentId)?.delete(unitId) ?? false;
    if (deleted) this.#size--;
    return deleted;
  }

  clear(): void {
    this.#byExperiment.clear();
    this.#size = 0;
  }

  get size(): number {
    return this.#size;
  }
}
