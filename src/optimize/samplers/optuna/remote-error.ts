import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { OptunaBridgeError } from "../../errors/optuna-bridge-error.js";
import { OptunaNotInstalledError } from "../../errors/optuna-not-installed-error.js";
import { OptunaStorageError } from "../../errors/optuna-storage-error.js";
import { maskSecret, maskUrl } from "./options.js";

/** The `error` of an `{ ok: false }` answer. */
export interface RemoteErrorJson {
  /** "InvalidArgument", "StorageError", "MissingModule", or a Python exception class name. */
  type: string;
  message: string;
  /** InvalidArgument: the argument at fault. */
  argument?: string;
  /** MissingModule: the Python package. */
  module?: string;
}

/** An `{ ok: false }` answer: a Python exception the bridge caught and reported. */
export class RemoteError extends Error {
  readonly type: string;
  readonly argument: string | undefined;
  readonly module: string | undefined;
  constructor(error: RemoteErrorJson) {
    super(error.message);
    this.name = "RemoteError";
    this.type = error.type;
    this.argument = error.argument;
    this.module = error.module;
  }
}

/** A Python-side error as the FlowPrompt error it stands for; other errors pass through. */
export function translateRemote(
  error: unknown,
  op: string,
  context: { python: string; storage: string | undefined; stderr: () => string },
): unknown {
  if (!(error instanceof RemoteError)) return error;
  const { python, storage } = context;
  if (error.type === "InvalidArgument") return new InvalidArgumentError(error.argument ?? op, error.message);
  if (error.type === "MissingModule") {
    return new OptunaNotInstalledError(python, error.message, { module: error.module ?? "optuna" });
  }
  if (error.type === "StorageError") {
    return new OptunaStorageError(maskUrl(storage ?? "memory"), maskSecret(error.message, storage));
  }
  return new OptunaBridgeError(
    "python",
    `${error.type}: ${maskSecret(error.message, storage)} (in "${op}")`,
    {
      op,
      stderr: maskSecret(context.stderr(), storage),
    },
  );
}
