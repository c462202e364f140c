import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { header, sendJson } from "./http.js";
import { sha256Prefix } from "./media.js";
import { audioSeconds, sniff } from "./media-bytes.js";
import { baseHeaders, sendError } from "./replies.js";
import type { Context } from "./router.js";
import type { RecordedRequest, Route } from "./types.js";
import { speechAudio } from "./wav.js";

const FORMATS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];
const TRANSCRIPT_FORMATS = ["json", "text", "srt", "verbose_json", "vtt", "diarized_json"];
const SPEECH_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"];

type Reply = { status: number; message: string; param?: string; code?: string } | undefined;

/** `POST /v1/audio/transcriptions` and `POST /v1/audio/speech` in OpenAI's wire format. */
export async function serveAudio(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  rec: RecordedRequest,
  r: Route,
  raw: Buffer,
  body: unknown,
): Promise<void> {
  const fail = (e: NonNullable<Reply>) =>
    sendError(res, r.flavor, rec, e.status === 404 ? "model" : "invalid", e.status, {
      message: e.message,
      param: e.param,
      code: e.code,
      model: rec.model,
    });
  const known = (model: string) =>
    !model.startsWith("unknown") && (!ctx.options.models || ctx.options.models.includes(model));
  if (r.api === "speech") {
    const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const error = checkSpeech(b);
    if (error) return fail(error);
    rec.model = r.model ?? String(b.model);
    if (!known(rec.model))
      return fail({ status: 404, message: `The model \`${rec.model}\` does not exist.` });
    const format = String(b.response_format ?? "mp3");
    const audio = speechAudio(String(b.input), typeof b.speed === "number" ? b.speed : 1, format === "pcm");
    const type = format === "pcm" ? "audio/pcm" : "audio/wav";
    const headers: Record<string, string> = {
      ...baseHeaders(r.flavor, rec),
      "content-type": type,
      "content-length": String(audio.length),
    };
    if (format !== "pcm" && format !== "wav") headers["x-mock-note"] = `${format} is answered as WAV`;
    res.writeHead(200, headers);
    res.end(audio);
    return;
  }
  const type = header(req, "content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) {
    const message = `Invalid Content-Type header (${type || "none"}), expected multipart/form-data.`;
    return fail({ status: 400, message });
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
  } catch {
    return fail({ status: 400, message: "Could not parse multipart form" });
  }
  const fields: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
  const file = form.get("file");
  const model = r.model ?? (typeof fields.model === "string" ? fields.model : undefined);
  const bytes = typeof file === "object" && file ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const mediaType =
    (bytes && sniff(bytes)) || (typeof file === "object" && file?.type) || "application/octet-stream";
  if (typeof file === "object" && file && bytes) {
    const summary = { name: file.name, type: file.type, bytes: bytes.length, sha256: sha256Prefix(bytes) };
    rec.body = { ...fields, file: summary };
    rec.media = [
      { kind: "audio", mediaType, bytes: bytes.length, sha256: summary.sha256, filename: file.name },
    ];
  } else rec.body = fields;
  rec.model = model;
  if (!model) return fail({ status: 400, message: "you must provide a model parameter", param: "model" });
  if (!bytes || typeof file !== "object" || !file) {
    const message =
      "1 validation error for Request\nbody -> file\n  field required (type=value_error.missing)";
    return fail({ status: 400, message, param: "file" });
  }
  if (!known(model)) return fail({ status: 404, message: `The model \`${model}\` does not exist.` });
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (!(ext && FORMATS.includes(ext)) && !/^(audio|video)\//.test(mediaType)) {
    const message = `Invalid file format. Supported formats: [${FORMATS.map((f) => `'${f}'`).join(", ")}]`;
    return fail({ status: 400, message, param: "file" });
  }
  const sniffed = sniff(bytes);
  if (sniffed && !/^(audio|video)\//.test(sniffed))
    return fail({
      status: 400,
      message: "Audio file might be corrupted or unsupported",
      param: "file",
      code: "invalid_value",
    });
  const format = fields.response_format ?? "json";
  if (typeof format !== "string" || !TRANSCRIPT_FORMATS.includes(format)) {
    const list = TRANSCRIPT_FORMATS.map((f) => `'${f}'`).join(", ");
    return fail({
      status: 400,
      message: `Invalid value: '${String(format)}'. Supported values are: ${list}.`,
      param: "response_format",
    });
  }
  const text = transcriptOf(ctx.options.transcripts, bytes, mediaType);
  const seconds = Math.round(audioSeconds(bytes) * 1000) / 1000;
  const audioTokens = Math.ceil(seconds * 10);
  const outputTokens = Math.ceil(text.length / 4);
  ctx.stats.inputTokens += audioTokens;
  ctx.stats.outputTokens += outputTokens;
  const headers = baseHeaders(r.flavor, rec);
  if (format === "text" || format === "srt" || format === "vtt") {
    const body = format === "text" ? `${text}\n` : subtitles(text, seconds, format);
    res.writeHead(200, { ...headers, "content-type": "text/plain; charset=utf-8" });
    res.end(body);
    return;
  }
  const usage =
    model === "whisper-1"
      ? { type: "duration", seconds: Math.ceil(seconds) }
      : {
          type: "tokens",
          input_tokens: audioTokens,
          input_token_details: { text_tokens: 0, audio_tokens: audioTokens },
          output_tokens: outputTokens,
          total_tokens: audioTokens + outputTokens,
        };
  let answer: object = { text, usage };
  if (format === "verbose_json") {
    const segment = { id: 0, seek: 0, start: 0, end: seconds, text, tokens: [], temperature: 0 };
    const scores = { avg_logprob: -0.1, compression_ratio: 1, no_speech_prob: 0 };
    answer = {
      task: "transcribe",
      language: "english",
      duration: seconds,
      text,
      segments: [{ ...segment, ...scores }],
      usage,
    };
  } else if (format === "diarized_json") {
    const segment = {
      type: "transcript.text.segment",
      id: "seg_0",
      start: 0,
      end: seconds,
      text,
      speaker: "A",
    };
    answer = { task: "transcribe", duration: seconds, text, segments: [segment], usage };
  }
  sendJson(res, 200, answer, headers);
}

function checkSpeech(b: Record<string, unknown>): Reply {
  for (const field of ["model", "input", "voice"]) {
    if (b[field] === undefined || b[field] === "")
      return { status: 400, message: `Missing required parameter: '${field}'.`, param: field };
  }
  if (typeof b.input !== "string")
    return { status: 400, message: "Invalid type for 'input': expected a string.", param: "input" };
  if (b.input.length > 4096) {
    const message = `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${b.input.length} instead.`;
    return { status: 400, message, param: "input" };
  }
  const format = b.response_format ?? "mp3";
  if (typeof format !== "string" || !SPEECH_FORMATS.includes(format)) {
    const list = `${SPEECH_FORMATS.slice(0, -1)
      .map((f) => `'${f}'`)
      .join(", ")}, and '${SPEECH_FORMATS.at(-1)}'`;
    return {
      status: 400,
      message: `Invalid value: '${String(format)}'. Supported values are: ${list}.`,
      param: "response_format",
    };
  }
  if (b.speed !== undefined && !(typeof b.speed === "number" && b.speed >= 0.25 && b.speed <= 4)) {
    const message = `Invalid 'speed': expected a number between 0.25 and 4, but got ${String(b.speed)} instead.`;
    return { status: 400, message, param: "speed" };
  }
  return undefined;
}

/** The registered transcript for these bytes (by SHA-256 hex or a prefix of ≥ 8 digits), else a default. */
function transcriptOf(map: Record<string, string> | undefined, bytes: Uint8Array, mediaType: string): string {
  if (map) {
    const sha = createHash("sha256").update(bytes).digest("hex");
    for (const [key, text] of Object.entries(map)) {
      const k = key.toLowerCase();
      if (k === sha || (k.length >= 8 && sha.startsWith(k))) return text;
    }
  }
  return `transcript of ${bytes.length} bytes of ${mediaType}`;
}

function subtitles(text: string, seconds: number, format: "srt" | "vtt"): string {
  const stamp = (s: number) => {
    const ms = Math.round(s * 1000);
    const hh = String(Math.floor(ms / 3_600_000)).padStart(2, "0");
    const mm = String(Math.floor(ms / 60_000) % 60).padStart(2, "0");
    const ss = String(Math.floor(ms / 1000) % 60).padStart(2, "0");
    const frac = String(ms % 1000).padStart(3, "0");
    return `${hh}:${mm}:${ss}${format === "srt" ? "," : "."}${frac}`;
  };
  const cue = `${stamp(0)} --> ${stamp(seconds)}\n${text}\n`;
  return format === "srt" ? `1\n${cue}\n` : `WEBVTT\n\n${cue}\n`;
}
