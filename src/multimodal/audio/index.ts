export {
  AUDIO_MEDIA_TYPES,
  type AudioTarget,
  audioTargetOf,
  type ConvertAudioOptions,
  convertAudio,
  ensureAudioFormat,
} from "./convert.js";
export { type AudioInfo, probeAudio } from "./probe.js";
export { readWavHeader, type WavHeader } from "./wav.js";
