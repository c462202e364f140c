import type { Command } from "commander";
import { type Dashboard, startDashboard } from "../../dashboard/index.js";
import { colors, EXIT, type Io } from "../output.js";
import { UsageError } from "../usage-error.js";
import { openStore, withStore } from "./experiment-store.js";
import { checkPort, listenError, type StopSignals, untilStopped } from "./listen.js";
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
      checkPort(port);
      if (!(refresh > 0))
        throw new UsageError(`--refresh ${refresh}: expected a positive number of seconds.`);
      const { store, where } = openStore(opts);
      let dashboard: Dashboard;
      try {
        dashboard = await startDashboard({ store, where, port, refreshSeconds: refresh });
      } catch (error) {
        await store.close();
        throw listenError(error, port);
      }
      const c = colors(io);
      io.out(`${c.bold("FlowPrompt experiment dashboard")} on ${dashboard.url}`);
      io.out(`Store: ${where} · the page refreshes every ${refresh} s`);
      io.err(c.dim("Press Ctrl+C to stop."));
      await untilStopped(signals);
      await dashboard.close();
      await store.close();
      io.err("Dashboard stopped.");
      done(EXIT.ok);
    });
}
