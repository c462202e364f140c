export { rateLimits } from "./limiter.js";
export type {
  AdaptiveOptions,
  ClientRateLimiter,
  KeyLimits,
  RateLimitClock,
  RateLimitKeyStats,
  RateLimitStats,
  RateLimitsConfig,
  RateLimitsOptions,
} from "./types.js";
