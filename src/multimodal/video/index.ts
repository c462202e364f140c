export { type AudioTrackOptions, extractAudioTrack } from "./audio-track.js";
export { frameLabel } from "./frame-args.js";
export { type VideoFrame, type VideoFrames, type VideoFramesOptions, videoFrames } from "./frames.js";
export { probeVideo, type VideoInfo } from "./probe.js";
