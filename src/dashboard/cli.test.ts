import { EventEmitter } from "node:events";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { dashboardCommand } from "../cli/commands/dashboard.js";
import type { Io } from "../cli/output.js";
import { cli, tempDir } from "../cli/test-utils/cli.js";

describe("flowprompt dashboard", () => {
  it("serves until SIGINT, prints its URL and store, then exits 0", async () => {
    const store = tempDir();
    let out = "";
    let err = "";
    const io: Io = {
      out: (t) => {
        out += `${t}\n`;
      },
      err: (t) => {
        err += `${t}\n`;
      },
      write: (t) => {
        out += t;
      },
      color: false,
    };
    const signals = new EventEmitter();
    let code = -1;
    const program = new Command().exitOverride();
    dashboardCommand(program, io, (c) => (code = c), signals);
    const run = program.parseAsync(["dashboard", "--store", store, "--port", "0", "--refresh", "2"], {
      from: "user",
    });
    while (!out.includes("http://")) await new Promise((r) => setTimeout(r, 10));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    expect(out).toContain(`Store: ${store} · the page refreshes every 2 s`);
    const list = await (await fetch(`${url}api/experiments`)).json();
    expect(list).toEqual({ store, experiments: [] });
    expect(await (await fetch(url)).text()).toContain('"refreshSeconds":2');
    signals.emit("SIGINT");
    await run;
    expect(code).toBe(0);
    expect(err).toContain("Dashboard stopped.");
  });

  it("rejects bad flags with exit 2", async () => {
    const store = tempDir();
    for (const args of [
      ["--port", "70000"],
      ["--port", "abc"],
      ["--refresh", "0"],
      ["--pg", "postgres://x"],
    ]) {
      const r = await cli("dashboard", "--store", store, ...args);
      expect(r.code, args.join(" ")).toBe(2);
    }
    const r = await cli("dashboard", "--store", store, "--refresh", "0");
    expect(r.err).toContain("--refresh 0: expected a positive number of seconds.");
  });
});
