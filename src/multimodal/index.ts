/**
 * `flowprompt/multimodal`: images, PDFs and documents, audio and video as typed, cached, costed
 * parts of a prompt. Load media with `loadMedia` (the type is read from the bytes), place it with
 * `{{media url=photo}}`, and let the `multimodal()` middleware fit it to each model (resize images,
 * or turn PDFs, audio and video into what the model takes, as far as you allow).
 *
 * ```ts
 * import { loadMedia, multimodal } from "flowprompt/multimodal";
 * const describe = definePrompt({ name: "describe", user: "Describe {{media url=photo}}", middleware: [multimodal()] });
 * await describe.run({ photo: await loadMedia("cat.jpg") });
 * ```
 */
export * from "./audio/index.js";
export { acceptedKinds, PROVIDER_CAPABILITIES, providerOf, providersAccepting } from "./capabilities.js";
export * from "./errors/index.js";
export { MediaGroup } from "./group.js";
export {
  type ImageFormat,
  imageInfo,
  PROVIDER_IMAGE_LIMITS,
  type PrepareImageOptions,
  planImage,
  prepareImage,
} from "./image/prepare.js";
export { formatBytes } from "./limits.js";
export { type Base64Source, type LoadMediaOptions, loadMedia, type MediaSource } from "./load.js";
export { kindOf, Media, type MediaKind } from "./media.js";
export {
  type MediaConversion,
  type MediaFallbacks,
  type MultimodalOptions,
  multimodal,
} from "./middleware.js";
export { type DocumentText, type DocumentTextOptions, documentText } from "./pdf/documents.js";
export { type PdfInfo, pdfInfo } from "./pdf/info.js";
export { formatPageRange, type PageRange, parsePageRange } from "./pdf/pages.js";
export { type PdfToImagesOptions, pdfPagesToImages } from "./pdf/rasterize.js";
export { pdfSubset } from "./pdf/select.js";
export { type PdfText, type PdfTextOptions, pdfText } from "./pdf/text.js";
export { normaliseMediaType, SUPPORTED_MEDIA_TYPES } from "./sniff.js";
export { type Speech, speak, type Transcript, transcribeMedia } from "./speech.js";
export * from "./video/index.js";
