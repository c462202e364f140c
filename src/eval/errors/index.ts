export { DatasetFileError } from "./dataset-file-error.js";
export { DatasetRowError } from "./dataset-row-error.js";
export { DuplicateIdError } from "./duplicate-id-error.js";
export { EmptyDatasetError } from "./empty-dataset-error.js";
export { InvalidScoreError } from "./invalid-score-error.js";
export { formatRowLocation, type RowLocation } from "./location.js";
export { MissingExpectedError } from "./missing-expected-error.js";
export { ScorerError } from "./scorer-error.js";
export { UnknownScorerError } from "./unknown-scorer-error.js";
