export {
  checkJsonSchema,
  type JsonSchemaProblem,
  type JsonSchemaValidator,
  jsonSchemaValidator,
} from "./json-schema.js";
export {
  findPromptFiles,
  type LoadPromptOptions,
  type LoadPromptsOptions,
  loadPrompt,
  loadPrompts,
} from "./load.js";
export { PROMPT_FILE_EXTENSIONS, parsePromptFile } from "./parse-prompt-file.js";
export type { PromptFileConfig } from "./prompt-file-config.js";
export { compareVersions, type PromptListing, type PromptRegistry } from "./registry.js";
