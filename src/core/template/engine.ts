import type { FilePart, ImagePart, TextPart } from "ai";
import type HandlebarsModule from "handlebars";
// The single-file build loads in about half the time of the package's many-file entry point
// (same version, same code); the types come from the package itself.
import bundled from "handlebars/dist/handlebars.min.js";

const Handlebars = bundled as typeof HandlebarsModule;

/**
 * FlowPrompt's one template engine: Handlebars (the engine of Dotprompt) in an isolated
 * environment, with no HTML escaping and Dotprompt's helpers. Role, history and media helpers
 * emit markers that `splitMessages` turns into chat messages.
 */
export const hbs = Handlebars.create();

export const MARK_OPEN = "<<<fp:";
export const MARK_CLOSE = ">>>";

hbs.registerHelper("role", (role: unknown) => `${MARK_OPEN}role:${String(role)}${MARK_CLOSE}`);
hbs.registerHelper("history", () => `${MARK_OPEN}history${MARK_CLOSE}`);
/**
 * A media value a template can place with `{{media url=x}}` without turning it into a URL: any object
 * with `toPart()` (FlowPrompt's `Media` from `flowprompt/multimodal`, or your own).
 */
export interface MediaValue {
  /** The prompt part it becomes (an image, a file, or text such as a PDF's extracted pages). */
  toPart(): TextPart | ImagePart | FilePart;
  /** Several parts instead (a video's frames with their time labels); wins over toPart. */
  toParts?(): (TextPart | ImagePart | FilePart)[];
}

export function isMediaValue(value: unknown): value is MediaValue {
  return typeof value === "object" && value !== null && typeof (value as MediaValue).toPart === "function";
}

/** Media values placed by the render in progress (renders are synchronous, so one list at a time). */
let mediaSlots: MediaValue[] | undefined;

/** Runs a render, collecting the media values it places; markers refer to them by index. */
export function withMediaSlots<T>(render: () => T): { value: T; slots: MediaValue[] } {
  const outer = mediaSlots;
  const slots: MediaValue[] = [];
  mediaSlots = slots;
  try {
    return { value: render(), slots };
  } finally {
    mediaSlots = outer;
  }
}

hbs.registerHelper("media", (options: Handlebars.HelperOptions) => {
  const value = options.hash.url;
  if (isMediaValue(value) && mediaSlots !== undefined) {
    return `${MARK_OPEN}media-ref:${mediaSlots.push(value) - 1}${MARK_CLOSE}`;
  }
  const url = String(value ?? "");
  const type = options.hash.contentType === undefined ? "" : String(options.hash.contentType);
  return `${MARK_OPEN}media:${encodeURIComponent(url)} ${encodeURIComponent(type)}${MARK_CLOSE}`;
});
hbs.registerHelper("json", (value: unknown, options: Handlebars.HelperOptions) => {
  const indent = options?.hash?.indent;
  return JSON.stringify(value, null, typeof indent === "number" ? indent : undefined);
});
hbs.registerHelper(
  "ifEquals",
  function ifEquals(this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
    return a === b ? options.fn(this) : options.inverse(this);
  },
);
hbs.registerHelper(
  "unlessEquals",
  function unlessEquals(this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
    return a !== b ? options.fn(this) : options.inverse(this);
  },
);
hbs.registerHelper("section", (name: unknown) => `${MARK_OPEN}section:${String(name)}${MARK_CLOSE}`);

export const COMPILE_OPTIONS = {
  noEscape: true,
  strict: false,
  knownHelpers: { role: true, history: true, media: true, json: true, ifEquals: true, unlessEquals: true },
} as const;
