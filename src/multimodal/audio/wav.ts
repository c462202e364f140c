/** The format of a PCM WAV file, read from its RIFF header (undefined when it is not one). */
export interface WavHeader {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Seconds, from the size of the data chunk. */
  duration: number;
}

export function readWavHeader(bytes: Uint8Array): WavHeader | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12 || b.toString("latin1", 0, 4) !== "RIFF" || b.toString("latin1", 8, 12) !== "WAVE")
    return undefined;
  let fmt: Omit<WavHeader, "duration"> | undefined;
  let at = 12;
  while (at + 8 <= b.length) {
    const id = b.toString("latin1", at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === "fmt " && at + 24 <= b.length)
      fmt = {
        channels: b.readUInt16LE(at + 10),
        sampleRate: b.readUInt32LE(at + 12),
        bitsPerSample: b.readUInt16LE(at + 22),
      };
    if (id === "data" && fmt !== undefined) {
      const data = Math.min(size, b.length - at - 8);
      const perSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, duration: perSecond > 0 ? data / perSecond : Number.NaN };
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}
