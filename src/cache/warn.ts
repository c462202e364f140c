/** Emits a process warning of type "FlowPromptWarning" (shown once by Node unless handled). */
export function emitCacheWarning(code: string, message: string, detail: string): void {
  process.emitWarning(message, { type: "FlowPromptWarning", code, detail });
}

/** `error.code` of a Node system error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
