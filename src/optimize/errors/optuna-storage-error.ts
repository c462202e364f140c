import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** The Optuna sampler's storage (an SQLite file, a PostgreSQL URL) cannot be opened or reached. */
export class OptunaStorageError extends FlowPromptError {
  static readonly code = "FP_OPTUNA_STORAGE";
  /** The storage URL, with any password masked. */
  readonly storage: string;
  /** The database driver's message. */
  readonly detail: string;

  constructor(storage: string, detail: string) {
    super(OptunaStorageError.code, `Cannot use the Optuna storage ${storage}: ${detail}`, {
      hint:
        "Check that the database server runs and is reachable (host, port, user, password, database) and, for " +
        "PostgreSQL, that psycopg2 is installed (`sudo apt-get install python3-psycopg2` or `pip install psycopg2-binary`); " +
        "for SQLite, that the file's folder exists and is writable. Leave `storage` out to keep the study in memory.",
    });
    this.name = "OptunaStorageError";
    this.storage = storage;
    this.detail = detail;
  }

  static override isInstance(error: unknown): error is OptunaStorageError {
    return hasCode(error, OptunaStorageError.code);
  }
}
