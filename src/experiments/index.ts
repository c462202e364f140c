/**
 * `flowprompt/experiments`: online experiments — GrowthBook-compatible assignment, multi-armed
 * bandits and the experiment stores. Guides: docs/experiments-*.md.
 */
export * from "./assignment/index.js";
export * from "./bandits/index.js";
export * from "./stores/index.js";
export * from "./analysis/index.js";
