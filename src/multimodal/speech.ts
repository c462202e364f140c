import { writeFile } from "node:fs/promises";
import type { SpeechModel, TranscriptionModel } from "ai";
import { readWavHeader } from "./audio/wav.js";
import { Media } from "./media.js";

/** A transcription: the text, and what the model said about it when it says (language, duration). */
export interface Transcript {
  text: string;
  language: string | undefined;
  durationSeconds: number | undefined;
}

/**
 * Audio to text with an AI SDK transcription model (e.g. `openai.transcription("whisper-1")`): what
 * the `audio: "transcript"` fallback uses for models that cannot take audio.
 */
export async function transcribeMedia(
  media: Media,
  model: TranscriptionModel,
  options: { signal?: AbortSignal } = {},
): Promise<Transcript> {
  const { transcribe } = await import("ai");
  const r = await transcribe({
    model,
    audio: media.bytes,
    ...(options.signal && { abortSignal: options.signal }),
  });
  return { text: r.text, language: r.language, durationSeconds: r.durationInSeconds };
}

/** Generated speech: the audio as Media, its format and (for PCM WAV) its duration. */
export interface Speech {
  media: Media;
  format: string;
  durationSeconds: number | undefined;
  /** Writes the audio to a file. */
  save(path: string): Promise<void>;
}

/** Text to audio with an AI SDK speech model (e.g. `openai.speech("gpt-4o-mini-tts")`). */
export async function speak(
  text: string,
  model: SpeechModel,
  options: { voice?: string; format?: string; signal?: AbortSignal } = {},
): Promise<Speech> {
  const { generateSpeech } = await import("ai");
  const r = await generateSpeech({
    model,
    text,
    ...(options.voice !== undefined && { voice: options.voice }),
    ...(options.format !== undefined && { outputFormat: options.format }),
    ...(options.signal && { abortSignal: options.signal }),
  });
  const audio = r.audio;
  const mediaType = audio.mediaType.startsWith("audio/") ? audio.mediaType : `audio/${audio.format ?? "wav"}`;
  const media = new Media(audio.uint8Array, mediaType, { name: "speech" });
  return {
    media,
    format: audio.format ?? mediaType.slice(6),
    durationSeconds: readWavHeader(audio.uint8Array)?.duration,
    save: (path) => writeFile(path, audio.uint8Array),
  };
}
