export { type CacheKeyInput, cacheKey, canonicalJson } from "../core/cache-key.js";
export { FileCacheStore, type FileCacheStoreOptions } from "./file-store.js";
export { MemoryCacheStore, type MemoryCacheStoreOptions } from "./memory-store.js";
export { type CacheMiddleware, type CacheOptions, cache, resultFromCache } from "./middleware.js";
export { type SingleFlight, singleFlight } from "./single-flight.js";
