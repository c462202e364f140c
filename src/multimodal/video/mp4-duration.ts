/**
 * The duration of an MP4/MOV file from its movie header (`moov/mvhd`), read in JavaScript so that
 * evenly spaced frames cost one ffmpeg run instead of ffprobe + ffmpeg (each start of an ffmpeg
 * binary costs about 0.1 s). Undefined for other containers, fragmented MP4s (no duration in the
 * header) or anything odd: the caller then asks ffprobe.
 */
export function mp4Duration(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const moov = findBox(view, 0, bytes.byteLength, "moov");
  if (moov === undefined) return undefined;
  const mvhd = findBox(view, moov.start, moov.end, "mvhd");
  if (mvhd === undefined || mvhd.end - mvhd.start < 32) return undefined;
  const version = view.getUint8(mvhd.start);
  const timescale = view.getUint32(mvhd.start + (version === 1 ? 20 : 12));
  const duration =
    version === 1 ? Number(view.getBigUint64(mvhd.start + 24)) : view.getUint32(mvhd.start + 16);
  if (
    timescale === 0 ||
    duration === 0 ||
    duration === 0xffffffff ||
    findBox(view, moov.start, moov.end, "mvex")
  )
    return undefined;
  return duration / timescale;
}

/** The payload range of the first box of `type` among the boxes in [from, to). */
function findBox(
  view: DataView,
  from: number,
  to: number,
  type: string,
): { start: number; end: number } | undefined {
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return undefined;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return undefined;
    const name = String.fromCharCode(
      view.getUint8(at + 4),
      view.getUint8(at + 5),
      view.getUint8(at + 6),
      view.getUint8(at + 7),
    );
    if (name === type) return { start: at + header, end: at + size };
    at += size;
  }
  return undefined;
}
