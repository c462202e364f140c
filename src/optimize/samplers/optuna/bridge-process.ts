import { type ChildProcess, spawn } from "node:child_process";
import { OptunaBridgeError } from "../../errors/optuna-bridge-error.js";
import { OptunaNotInstalledError } from "../../errors/optuna-not-installed-error.js";
import { BRIDGE_SCRIPT } from "./bridge-script.js";
import { RemoteError, type RemoteErrorJson } from "./remote-error.js";

/** What the Python side says when it has started (request id 0). */
export interface BridgeHello {
  version: string;
  /** sys.executable of the child. */
  python: string;
}

interface Pending {
  op: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: RemoteErrorJson };

const TAIL_LINES = 12;

/**
 * One Python child running the bridge script: JSON requests on stdin, one JSON answer per line on
 * stdout, logging on stderr. Requests carry ids; a request with no answer in `timeoutMs` rejects
 * and kills the child. When the child ends, every pending request rejects with OptunaBridgeError.
 */
export class BridgeProcess {
  readonly ready: Promise<BridgeHello>;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stdoutBuffer = "";
  private readonly stderrLines: string[] = [];
  private stderrPartial = "";
  private killedFor: string | undefined;
  private exitInfo: { code: number | null; signal: string | null } | undefined;
  private readonly exited: Promise<void>;

  constructor(
    readonly python: string,
    readonly timeoutMs: number,
    startTimeoutMs: number,
  ) {
    this.child = spawn(python, ["-u", "-c", BRIDGE_SCRIPT], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1", PYTHONIOENCODING: "utf-8" },
    });
    // A forgotten sampler must not keep Node alive; pending requests keep it alive by their timers.
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) {
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
    this.child.stdin?.on("error", () => undefined); // EPIPE after a crash: reported by "close"
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => this.onStdout(chunk));
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => this.onStderr(chunk));
    this.ready = new Promise<BridgeHello>((resolve, reject) => {
      this.pending.set(0, this.entry(0, "start", startTimeoutMs, resolve as (v: unknown) => void, reject));
    });
    this.ready.catch(() => undefined);
    this.exited = new Promise<void>((resolve) => {
      let spawnError: Error | undefined;
      this.child.on("error", (error) => {
        spawnError = error;
      });
      this.child.on("exit", (code, signal) => {
        this.exitInfo = { code, signal };
      });
      this.child.on("close", (code, signal) => {
        this.exitInfo ??= { code, signal };
        this.failAll(spawnError);
        resolve();
      });
    });
  }

  /** The child's process id (undefined if it could not be spawned). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the child has ended (or is being killed). */
  get dead(): boolean {
    return this.exitInfo !== undefined || this.killedFor !== undefined;
  }

  /** The last lines the child wrote to stderr. */
  stderrTail(): string {
    return [...this.stderrLines, this.stderrPartial].filter((l) => l.trim() !== "").join("\n");
  }

  request<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.dead) {
      return Promise.reject(
        new OptunaBridgeError("exit", `the Python process has ended, cannot send "${op}"`, { op }),
      );
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, this.entry(id, op, this.timeoutMs, resolve as (v: unknown) => void, reject));
      this.child.stdin?.write(`${JSON.stringify({ ...args, id, op })}\n`);
    });
  }

  /** Asks the child to exit; kills it if it has not within `graceMs`. Resolves once it is reaped. */
  async close(graceMs = 3000): Promise<void> {
    if (this.child.pid === undefined && this.exitInfo === undefined) {
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 100))]); // never spawned
      return;
    }
    if (!this.dead) {
      this.request("close").catch(() => undefined);
      this.child.stdin?.end();
    }
    const timer = setTimeout(() => this.kill("close"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the child now (SIGKILL); pending requests reject. */
  kill(reason = "kill"): void {
    if (this.exitInfo) return;
    this.killedFor ??= reason;
    this.child.kill("SIGKILL");
  }

  private entry(
    id: number,
    op: string,
    ms: number,
    resolve: (v: unknown) => void,
    reject: (e: unknown) => void,
  ) {
    const timer = setTimeout(() => {
      this.pending.delete(id);
      reject(
        new OptunaBridgeError(
          "timeout",
          `no answer to "${op}" within ${ms} ms; the Python process was killed`,
          {
            op,
            stderr: this.stderrTail(),
          },
        ),
      );
      this.kill("timeout");
    }, ms);
    return { op, resolve, reject, timer } satisfies Pending;
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let newline = this.stdoutBuffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.stdoutBuffer.slice(0, newline).trim();
      this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
      if (line) this.onLine(line);
      newline = this.stdoutBuffer.indexOf("\n");
    }
  }

  private onLine(line: string): void {
    let reply: Reply;
    try {
      reply = JSON.parse(line) as Reply;
    } catch {
      this.pushStderr(`(stdout) ${line}`); // not ours: keep it for error messages
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply.result);
    else if (reply.id === 0) pending.reject(this.notInstalled(reply.error.message));
    else pending.reject(new RemoteError(reply.error));
  }

  private onStderr(chunk: string): void {
    const lines = (this.stderrPartial + chunk).split("\n");
    this.stderrPartial = lines.pop() ?? "";
    for (const line of lines) this.pushStderr(line);
  }

  private pushStderr(line: string): void {
    if (line.trim() === "") return;
    this.stderrLines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (this.stderrLines.length > TAIL_LINES) this.stderrLines.shift();
  }

  private notInstalled(detail: string, cause?: unknown): OptunaNotInstalledError {
    return new OptunaNotInstalledError(this.python, detail, { cause });
  }

  private failAll(spawnError: Error | undefined): void {
    const { code, signal } = this.exitInfo ?? { code: null, signal: null };
    const stderr = this.stderrTail();
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const why = this.killedFor
      ? ` (${this.killedFor === "timeout" ? "after a request timed out" : "killed"})`
      : "";
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      if (id === 0 && spawnError)
        p.reject(this.notInstalled(`cannot run it (${spawnError.message})`, spawnError));
      else if (id === 0 && /ImportError|ModuleNotFoundError|No module named/.test(stderr)) {
        p.reject(this.notInstalled(stderr.split("\n").at(-1) ?? stderr));
      } else {
        const when = id === 0 ? "before it started" : `while handling "${p.op}"`;
        p.reject(
          new OptunaBridgeError("exit", `the Python process ${how}${why} ${when}`, {
            op: p.op,
            exitCode: code,
            signal,
            stderr,
          }),
        );
      }
    }
    this.pending.clear();
  }
}
