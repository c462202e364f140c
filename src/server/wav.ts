/** Sample rate of the speech the server makes: 24 kHz 16-bit mono, like OpenAI's `pcm` output. */
export const SPEECH_RATE = 24_000;

/** Seconds of fake speech for a text: about 60 ms a character (≈ 15 characters a second), at least 0.25 s. */
export function speechSeconds(input: string, speed = 1): number {
  return Math.max(0.25, (input.length * 0.06) / speed);
}

/** 16-bit mono samples of a quiet 440 Hz tone. */
export function tone(seconds: number, rate = SPEECH_RATE): Uint8Array {
  const n = Math.round(seconds * rate);
  const out = new Uint8Array(n * 2);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < n; i++)
    dv.setInt16(i * 2, Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), true);
  return out;
}

/** A WAV file (RIFF, PCM 16-bit mono) around raw samples. */
export function wav(samples: Uint8Array, rate = SPEECH_RATE): Uint8Array {
  const out = new Uint8Array(44 + samples.length);
  const dv = new DataView(out.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, "RIFF");
  dv.setUint32(4, 36 + samples.length, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  dv.setUint32(16, 16, true); // fmt chunk size
  dv.setUint16(20, 1, true); // PCM
  dv.setUint16(22, 1, true); // mono
  dv.setUint32(24, rate, true);
  dv.setUint32(28, rate * 2, true); // byte rate
  dv.setUint16(32, 2, true); // block align
  dv.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  dv.setUint32(40, samples.length, true);
  out.set(samples, 44);
  return out;
}

/** The audio `/v1/audio/speech` answers: a WAV (or raw PCM) tone whose length grows with the text. */
export function speechAudio(input: string, speed: number, pcm: boolean): Buffer {
  const samples = tone(speechSeconds(input, speed));
  return Buffer.from(pcm ? samples : wav(samples));
}
