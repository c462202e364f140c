/** Multi-armed bandits: seeded policies with propensities, delayed rewards and off-policy evaluation. */
export { argmaxDistribution, EpsilonGreedy, type EpsilonGreedyOptions } from "./epsilon-greedy.js";
export { type IpsEstimate, ipsEstimate, type TargetProbabilities } from "./ips.js";
export { BanditPolicy } from "./policy.js";
export { Sampler } from "./sampling.js";
export {
  BetaThompson,
  type BetaThompsonOptions,
  GaussianThompson,
  type GaussianThompsonOptions,
  type ThompsonOptions,
  ThompsonSampling,
} from "./thompson.js";
export type {
  ArmReward,
  ArmState,
  BanditContext,
  BanditDecision,
  BanditOptions,
  BanditState,
  LoggedDecision,
  PendingDecision,
} from "./types.js";
export { Ucb1, type Ucb1Options } from "./ucb1.js";
