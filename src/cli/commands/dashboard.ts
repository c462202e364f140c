import type { Command } from "commander";
import { type Dashboard, startDashboard } from "../../dashboard/index.js";
import { colors, EXIT, type Io } from "../output.js";
import { UsageError } from "../usage-error.js";
import { openStore, withStore } from "./experiment-store.js";
import type { StopSignals } from "./serve-mock.js";
import { numberOption } from "./shared.js";

/** `flowprompt dashboard`: the live experiment dashboard on 127.0.0.1, until Ctrl+C. */
export function dashboardCommand(
  program: Command,
  io: Io,
  done: (code: number) => void,
  signals: StopSignals = process,
): void {
  withStore(program.command("dashboard"))
    .description("serve the live experiment dashboard on 127.0.0.1 (no external assets)")
    .option("--port <n>", "port (0: any free port)", numberOption(), 4020)
    .option("--refresh <seconds>", "how often the page polls the store", numberOption(), 5)
    .action(async (opts: { store?: string; pg?: string; port: number; refresh: number }) => {
      const { port, refresh } = opts;
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port ${port}: expected a whole number from 0 to 65535.`);
      if (!(refresh > 0))
        throw new UsageError(`--refresh ${refresh}: expected a positive number of seconds.`);
      const { store, where } = openStore(opts);
      let dashboard: Dashboard;
      try {
        dashboard = await startDashboard({ store, where, port, refreshSeconds: refresh });
      } catch (error) {
        await store.close();
        if ((error as { code?: unknown }).code === "EADDRINUSE") {
          throw new UsageError(
            `port ${port} is in use.`,
            "Pick another with --port <n>, or --port 0 for any free port.",
          );
        }
        throw error;
      }
      const c = colors(io);
      io.out(`${c.bold("FlowPrompt experiment dashboard")} on ${dashboard.url}`);
      io.out(`Store: ${where} · the page refreshes every ${refresh} s`);
      io.err(c.dim("Press Ctrl+C to stop."));
      await new Promise<void>((resolve) => {
        const stop = () => {
          signals.off("SIGINT", stop);
          signals.off("SIGTERM", stop);
          resolve();
        };
        signals.once("SIGINT", stop);
        signals.once("SIGTERM", stop);
      });
      await dashboard.close();
      await store.close();
      io.err("Dashboard stopped.");
      done(EXIT.ok);
    });
}
