import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/**
 * A PDF FlowPrompt cannot use because it is encrypted: it needs a password to open (FlowPrompt
 * does not take passwords), or, for `pdfSubset`, it only has an owner password but cannot be rewritten.
 */
export class EncryptedPdfError extends FlowPromptError {
  static readonly code = "FP_PDF_ENCRYPTED";
  /** Where the PDF came from (a file name or URL), when known. */
  readonly file: string | undefined;
  /** True when the PDF cannot even be opened without a (user) password. */
  readonly passwordRequired: boolean;

  constructor(
    file: string | undefined,
    options: { passwordRequired: boolean; action?: string; cause?: unknown },
  ) {
    const what = file === undefined ? "The PDF" : `The PDF ${file}`;
    const message = options.passwordRequired
      ? `${what} is encrypted and needs a password to open; FlowPrompt does not support PDF passwords.`
      : `${what} is encrypted (with an owner password), so it cannot be ${options.action ?? "rewritten"}.`;
    super(EncryptedPdfError.code, message, {
      hint: options.passwordRequired
        ? "Decrypt it first, e.g. `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`, and load the decrypted copy."
        : "Decrypt it first, e.g. `qpdf --decrypt in.pdf out.pdf`, or send the whole file without picking pages.",
      cause: options.cause,
    });
    this.name = "EncryptedPdfError";
    this.file = file;
    this.passwordRequired = options.passwordRequired;
  }

  static override isInstance(error: unknown): error is EncryptedPdfError {
    return hasCode(error, EncryptedPdfError.code);
  }
}
