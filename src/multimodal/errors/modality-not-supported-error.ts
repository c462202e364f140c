import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";
import type { MediaKind } from "../media.js";

/** The fallbacks that turn a kind into something a text-and-image model takes. */
const FALLBACKS: Partial<Record<MediaKind, string>> = {
  pdf: 'fallback: { pdf: "text" } (extracted text with page numbers) or { pdf: "images" } (rendered pages)',
  audio: 'fallback: { audio: "transcript" } with a transcriber (an AI SDK transcription model)',
  video:
    'fallback: { video: "frames" } (frames with their timestamps, and the audio track transcribed when a transcriber is given)',
};

/** A model was given media it cannot take, and no fallback was allowed. */
export class ModalityNotSupportedError extends FlowPromptError {
  static readonly code = "FP_MODALITY_UNSUPPORTED";
  readonly model: string;
  readonly kind: MediaKind;
  /** The variable that holds the media. */
  readonly variable: string;
  /** Providers that take this kind. */
  readonly alternatives: string[];

  constructor(model: string, kind: MediaKind, variable: string, alternatives: string[]) {
    const fallback = FALLBACKS[kind];
    super(
      ModalityNotSupportedError.code,
      `The model ${model} cannot take ${kind} input (variable "${variable}"). Providers that take ${kind}: ${alternatives.join(", ") || "none known"}.`,
      {
        hint: fallback
          ? `Use one of those providers, or allow a fallback in multimodal({ ${fallback} }).`
          : "Use one of those providers.",
      },
    );
    this.name = "ModalityNotSupportedError";
    this.model = model;
    this.kind = kind;
    this.variable = variable;
    this.alternatives = alternatives;
  }

  static override isInstance(error: unknown): error is ModalityNotSupportedError {
    return hasCode(error, ModalityNotSupportedError.code);
  }
}
