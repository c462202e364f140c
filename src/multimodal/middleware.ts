import type { TranscriptionModel } from "ai";
import type { Middleware } from "../core/middleware.js";
import { acceptedKinds, providerOf, providersAccepting } from "./capabilities.js";
import { ModalityNotSupportedError } from "./errors/modality-not-supported-error.js";
import { MediaGroup } from "./group.js";
import { Media, type MediaKind } from "./media.js";
import { transcribeMedia } from "./speech.js";

/** What to do with media the model cannot take (nothing allowed: a ModalityNotSupportedError). */
export interface MediaFallbacks {
  /** "text": the extracted text with page numbers; "images": the pages rendered as images. */
  pdf?: "text" | "images";
  /** "transcript": the transcriber's text (needs `transcriber`). */
  audio?: "transcript";
  /** "frames": frames with their timestamps, and the sound track's transcript when there is a transcriber. */
  video?: "frames";
}

export interface MultimodalOptions {
  fallback?: MediaFallbacks;
  /** Resize and recompress images to the provider's limits before the call (default true). */
  prepareImages?: boolean;
  /** For audio (and video sound) when the model cannot take audio. */
  transcriber?: TranscriptionModel;
  /** How many frames a video becomes (default 8, evenly spaced). */
  frames?: number;
  /** Image detail: "low" costs a fixed small number of tokens on OpenAI; sent with each image. */
  detail?: "low" | "high" | "auto";
  /** What models accept, by "provider:model-id" or provider, over the built-in table. */
  capabilities?: Readonly<Record<string, readonly MediaKind[]>>;
}

/** What the middleware did to one variable (in `ctx.state.get("multimodal")`). */
export interface MediaConversion {
  variable: string;
  from: string;
  to: string;
  /** The image was prepared by an earlier call (same bytes, provider and detail) and reused. */
  reused?: boolean;
}

/**
 * Makes media variables fit the model of each call: images are resized to the provider's limits,
 * and media the model cannot take becomes what it can (PDF → text or page images, audio → transcript,
 * video → frames), as far as `fallback` allows; otherwise a ModalityNotSupportedError names the
 * capability and the providers that have it. Runs before the cache, so converted inputs are what
 * cache keys see.
 */
export function multimodal(options: MultimodalOptions = {}): Middleware {
  return async function multimodalMiddleware(ctx, next) {
    const accepted = acceptedKinds(ctx.modelId, options.capabilities);
    const done: MediaConversion[] = [];
    let vars: Record<string, unknown> | undefined;
    const fitOne = async (value: Media, name: string) => {
      const fitted = await fitToModel(value, name, ctx.modelId, accepted, options, ctx.signal);
      if (fitted !== value) {
        const reused = Media.isInstance(fitted) && reusedImages.has(fitted);
        done.push({ variable: name, from: describe(value), to: describe(fitted), ...(reused && { reused }) });
      }
      return fitted;
    };
    for (const [name, value] of Object.entries(ctx.vars)) {
      // A Media, or a list of them ({{#each photos}}{{media url=this}}{{/each}}).
      let fitted: unknown = value;
      if (Media.isInstance(value)) fitted = await fitOne(value, name);
      else if (Array.isArray(value) && value.some((v) => Media.isInstance(v))) {
        const items = await Promise.all(
          value.map((v, i) => (Media.isInstance(v) ? fitOne(v, `${name}[${i}]`) : v)),
        );
        if (items.some((v, i) => v !== value[i])) fitted = items;
      }
      if (fitted === value) continue;
      vars ??= { ...ctx.vars };
      vars[name] = fitted;
    }
    if (vars) ctx.vars = vars;
    if (done.length > 0) ctx.state.set("multimodal", done);
    return next();
  };
}

function describe(v: Media | MediaGroup): string {
  return v instanceof MediaGroup ? `${v.items.length} images` : `${v.mediaType}, ${v.size} bytes`;
}

async function fitToModel(
  media: Media,
  name: string,
  modelId: string,
  accepted: readonly MediaKind[],
  o: MultimodalOptions,
  signal: AbortSignal | undefined,
): Promise<Media | MediaGroup> {
  if (accepted.includes(media.kind)) {
    if (media.kind !== "image" || o.prepareImages === false) return media;
    return preparedFor(media, providerOf(modelId), o.detail);
  }
  const fallback = o.fallback ?? {};
  if (media.kind === "pdf" && fallback.pdf === "text") {
    const { pdfText } = await import("./pdf/text.js");
    const { text } = await pdfText(media);
    return textMedia(text, media);
  }
  if (media.kind === "pdf" && fallback.pdf === "images" && accepted.includes("image")) {
    const { pdfPagesToImages } = await import("./pdf/rasterize.js");
    const pages = await pdfPagesToImages(media, signal ? { signal } : {});
    return new MediaGroup(
      pages.map((p) => ({ label: `[page ${String(p.info.page)}]`, media: p })),
      `Pages of ${media.name ?? "the PDF"}:`,
    );
  }
  if (media.kind === "audio" && fallback.audio === "transcript" && o.transcriber) {
    const t = await transcribeMedia(media, o.transcriber, signal ? { signal } : {});
    return textMedia(`[transcript of ${media.name ?? "the audio"}]\n${t.text}`, media);
  }
  if (media.kind === "video" && fallback.video === "frames" && accepted.includes("image")) {
    const { videoFrames } = await import("./video/frames.js");
    const { frames } = await videoFrames(media, { count: o.frames ?? 8, ...(signal && { signal }) });
    const items: { label?: string; media: Media }[] = frames.map((f) => ({ label: f.label, media: f.media }));
    const sound = o.transcriber ? await soundTrack(media, o.transcriber, signal) : undefined;
    if (sound !== undefined)
      items.push({ media: textMedia(`[transcript of the sound track]\n${sound}`, media) });
    return new MediaGroup(items, `Frames of ${media.name ?? "the video"}:`);
  }
  throw new ModalityNotSupportedError(modelId, media.kind, name, providersAccepting(media.kind));
}

/** The transcript of a video's sound track, or undefined when it has none. */
async function soundTrack(
  video: Media,
  transcriber: TranscriptionModel,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const { extractAudioTrack, probeVideo } = await import("./video/index.js");
  if (!(await probeVideo(video, signal ? { signal } : {})).hasAudio) return undefined;
  const audio = await extractAudioTrack(video, signal ? { signal } : {});
  return (await transcribeMedia(audio, transcriber, signal ? { signal } : {})).text;
}

/**
 * Images already prepared, by content hash, provider and detail: the same image sent again (a
 * batch, retries, a chat that keeps it in every turn) is not resized again. Bounded (64 entries).
 */
const prepared = new Map<string, Promise<Media>>();
const PREPARED_MAX = 64;
/** The prepared images a conversion reused (so the middleware can say so). */
const reusedImages = new WeakSet<Media>();

async function preparedFor(
  media: Media,
  provider: string,
  detail: MultimodalOptions["detail"],
): Promise<Media> {
  const key = `${media.sha256}:${provider}:${detail ?? ""}`;
  const hit = prepared.get(key);
  if (hit !== undefined) {
    const out = await hit;
    reusedImages.add(out);
    return out;
  }
  const work = (async () => {
    const { prepareImage } = await import("./image/prepare.js");
    const out = await prepareImage(media, { provider, ...(detail && { detail }) });
    return detail === "low" || detail === "high" ? out.with(out.bytes, out.mediaType, { detail }) : out;
  })();
  work.catch(() => prepared.delete(key));
  if (prepared.size >= PREPARED_MAX) prepared.delete(prepared.keys().next().value!);
  prepared.set(key, work);
  return work;
}

function textMedia(text: string, from: Media): Media {
  return new Media(new TextEncoder().encode(text), "text/plain", {
    name: from.name,
    info: { from: from.mediaType, sha256: from.sha256 },
  });
}
