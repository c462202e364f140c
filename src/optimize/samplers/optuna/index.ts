export { OptunaBridgeError, type OptunaBridgeFailure } from "../../errors/optuna-bridge-error.js";
export { OptunaNotInstalledError } from "../../errors/optuna-not-installed-error.js";
export { OptunaStorageError } from "../../errors/optuna-storage-error.js";
export { type OptunaAvailability, optunaAvailable } from "./available.js";
export type { OptunaPrunerName, OptunaSamplerName, OptunaSamplerOptions } from "./options.js";
export { type OptunaSampler, optunaSampler } from "./optuna-sampler.js";
