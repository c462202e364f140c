import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** Poppler's `pdftoppm`, which renders PDF pages to images, could not be found. */
export class PdfToolMissingError extends FlowPromptError {
  static readonly code = "FP_PDF_TOOL_MISSING";
  /** The program that was looked for ("pdftoppm"). */
  readonly tool: string;
  /** The places looked at, in order. */
  readonly tried: readonly string[];

  constructor(tool: string, tried: readonly string[], cause?: unknown) {
    super(
      PdfToolMissingError.code,
      `${tool} (part of Poppler) is needed to render PDF pages as images but was not found ` +
        `(looked at: ${tried.join(", ") || "nothing"}).`,
      {
        hint:
          "Install Poppler: `sudo apt-get install poppler-utils` on Debian/Ubuntu, `brew install poppler` on " +
          `macOS; or point FlowPrompt at it with the \`${tool}\` option or FLOWPROMPT_${tool.toUpperCase()}. ` +
          "Or do without images: extract the text with pdfText(media), or send the PDF itself to a model that reads PDFs.",
        cause,
      },
    );
    this.name = "PdfToolMissingError";
    this.tool = tool;
    this.tried = tried;
  }

  static override isInstance(error: unknown): error is PdfToolMissingError {
    return hasCode(error, PdfToolMissingError.code);
  }
}
