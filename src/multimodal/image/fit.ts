import {
  DEFAULT_IMAGE_PROVIDER,
  IMAGE_PROVIDER_ALIASES,
  type ImageBounds,
  type ImageProvider,
  PROVIDER_IMAGE_LIMITS,
  type ProviderImageLimits,
} from "../limits.js";

export type ImageDetail = "low" | "high" | "auto";

/** What decides the target size: a provider's limits, optionally overridden. */
export interface BoundsOptions {
  /**
   * Whose limits to fit. Other names (a provider id such as "ollama", "mock") get the strictest
   * limits, `DEFAULT_IMAGE_PROVIDER`'s, as does no name; "azure" gets OpenAI's.
   */
  provider?: ImageProvider | (string & {}) | undefined;
  /** `low` uses the provider's low-detail target; `high` and `auto` (the default) the full one. */
  detail?: ImageDetail | undefined;
  /** Longest edge in px; replaces the provider's. */
  maxEdge?: number | undefined;
  /** Width × height in px; replaces the provider's. */
  maxPixels?: number | undefined;
}

/** The image limits for a provider name (see `BoundsOptions.provider`). */
export function providerLimits(provider: string | undefined): ProviderImageLimits {
  const name =
    provider === undefined ? DEFAULT_IMAGE_PROVIDER : (IMAGE_PROVIDER_ALIASES[provider] ?? provider);
  return (
    (PROVIDER_IMAGE_LIMITS as Record<string, ProviderImageLimits>)[name] ??
    PROVIDER_IMAGE_LIMITS[DEFAULT_IMAGE_PROVIDER]
  );
}

/** The bounds an image must fit for these options. */
export function targetBounds(options: BoundsOptions = {}): ImageBounds {
  const limits = providerLimits(options.provider);
  const base = options.detail === "low" ? limits.low : limits.high;
  return {
    ...base,
    ...(options.maxEdge !== undefined && { maxEdge: options.maxEdge }),
    ...(options.maxPixels !== undefined && { maxPixels: options.maxPixels }),
  };
}

/**
 * The largest size within `bounds` with the aspect ratio of width × height (within 1 px), never
 * larger than the original: the largest long edge whose short edge (scaled with it and rounded,
 * at least 1 px) keeps every bound. A 1 × 1 result may still break a bound below 1 px².
 */
export function fitWithin(
  width: number,
  height: number,
  bounds: ImageBounds,
): { width: number; height: number } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  let scale = 1;
  if (bounds.maxEdge !== undefined) scale = Math.min(scale, bounds.maxEdge / long);
  if (bounds.maxShortEdge !== undefined) scale = Math.min(scale, bounds.maxShortEdge / short);
  if (bounds.maxPixels !== undefined) scale = Math.min(scale, Math.sqrt(bounds.maxPixels / (long * short)));
  if (scale >= 1) return { width, height };
  const shortFor = (l: number) => Math.min(short, Math.max(1, Math.round((short * l) / long)));
  const ok = (l: number) =>
    l <= long &&
    (bounds.maxEdge === undefined || l <= bounds.maxEdge) &&
    (bounds.maxShortEdge === undefined || shortFor(l) <= bounds.maxShortEdge) &&
    (bounds.maxPixels === undefined || l * shortFor(l) <= bounds.maxPixels);
  // Start from the exact scale, then settle the rounding: the largest long edge that still fits.
  let newLong = Math.max(1, Math.floor(long * scale));
  while (newLong > 1 && !ok(newLong)) newLong--;
  while (ok(newLong + 1)) newLong++;
  const newShort = shortFor(newLong);
  return width >= height ? { width: newLong, height: newShort } : { width: newShort, height: newLong };
}
