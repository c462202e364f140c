/**
 * `flowprompt/experiments`: online experiments — GrowthBook-compatible assignment, multi-armed
 * bandits and the experiment stores. Guides: docs/experiments-*.md.
 */

export * from "./analysis/index.js";
export * from "./assignment/index.js";
export * from "./bandits/index.js";
export * from "./config/index.js";
export * from "./runtime/index.js";
export * from "./stores/index.js";
