import { APICallError } from "ai";
import { expect } from "vitest";
import { tone, wav } from "../wav.js";

/** A 1×1 transparent PNG. */
export const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
export const PNG = Uint8Array.from(Buffer.from(PNG_BASE64, "base64"));
/** The first 16 hex digits of the PNG's SHA-256, as recorded requests show it. */
export const PNG_SHA = "497790947d466676";

/** Awaits `promise`, expects an AI SDK `APICallError` (directly or as the cause) and returns it. */
export async function apiError(promise: PromiseLike<unknown>): Promise<APICallError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to fail").toBeDefined();
  const e = APICallError.isInstance(caught)
    ? caught
    : APICallError.isInstance((caught as { cause?: unknown }).cause)
      ? ((caught as { cause: unknown }).cause as APICallError)
      : undefined;
  expect(e, `expected an APICallError, got ${String(caught)}`).toBeDefined();
  return e!;
}

/** The first error a `streamText` result reports (through `onError`), or the rejection of its text. */
export async function streamError(
  run: (onError: (e: { error: unknown }) => void) => { text: PromiseLike<string> },
): Promise<unknown> {
  let seen: unknown;
  const result = run(({ error }) => {
    seen ??= error;
  });
  try {
    await result.text;
  } catch (error) {
    seen ??= error;
  }
  return seen;
}

/** POSTs `body` to `url` (a string is sent as is) and returns the status, headers and parsed JSON answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** A one-page PDF (letter size), just enough for a page count. */
export const PDF = new TextEncoder().encode(
  [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n"),
);

/** Half a second of a 440 Hz tone as a WAV file (8 kHz, 16-bit mono: 8,044 bytes). */
export function halfSecondWav(): Uint8Array {
  return wav(tone(0.5, 8000), 8000);
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
