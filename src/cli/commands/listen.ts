import { UsageError } from "../usage-error.js";

// What the long-running commands (serve-mock, dashboard) share: a taken port, and waiting for Ctrl+C.

/** What stops a server; tests hand in their own emitter instead of the process. */
export interface StopSignals {
  once(event: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(event: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

/** Resolves on the first SIGINT or SIGTERM, and stops listening for either. */
export function untilStopped(signals: StopSignals): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      signals.off("SIGINT", stop);
      signals.off("SIGTERM", stop);
      resolve();
    };
    signals.once("SIGINT", stop);
    signals.once("SIGTERM", stop);
  });
}

/** A failure to listen as the CLI reports it: a taken port is a usage error that says what to do. */
export function listenError(error: unknown, port: unknown): unknown {
  if ((error as { code?: unknown }).code !== "EADDRINUSE") return error;
  return new UsageError(
    `port ${port} is in use.`,
    "Pick another with --port <n>, or --port 0 for any free port.",
  );
}

/** `--port`: a whole number from 0 (any free port) to 65535. */
export function checkPort(port: number | undefined): number {
  if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${port}: expected a whole number from 0 to 65535.`);
  return port;
}
