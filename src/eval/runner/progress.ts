import type { RunProgress } from "./types.js";

export interface ProgressOutput {
  write(text: string): void;
  /** A terminal: redraw one line in place. Otherwise a plain line every `everyPercent`. */
  isTTY?: boolean;
  columns?: number;
}

/**
 * A progress display for `runEvaluation({ onProgress })`: on a TTY, one line redrawn in place —
 * a bar, done/total, rate, ETA and the cost so far; elsewhere (CI logs), a plain line every 10%.
 */
export function progressReporter(
  out: ProgressOutput,
  options: { everyPercent?: number; label?: string } = {},
) {
  const every = options.everyPercent ?? 10;
  let lastBucket = -1;
  let lastDraw = 0;
  return {
    update(p: RunProgress): void {
      const line = describe(p, options.label);
      if (out.isTTY) {
        const now = performance.now();
        if (p.done < p.total && now - lastDraw < 80) return;
        lastDraw = now;
        const width = Math.max(10, Math.min(30, (out.columns ?? 80) - line.length - 4));
        const filled = Math.round((p.done / Math.max(1, p.total)) * width);
        out.write(`\r${"█".repeat(filled)}${"░".repeat(width - filled)} ${line}\x1b[K`);
        return;
      }
      const bucket = Math.floor((p.done / Math.max(1, p.total)) * (100 / every));
      if (bucket === lastBucket && p.done < p.total) return;
      lastBucket = bucket;
      out.write(`${line}\n`);
    },
    /** Ends the in-place line on a TTY. */
    done(): void {
      if (out.isTTY) out.write("\n");
    },
  };
}

export function describe(p: RunProgress, label?: string): string {
  const seconds = p.elapsedMs / 1000;
  const fresh = p.done - p.resumed;
  const rate = seconds > 0 ? fresh / seconds : 0;
  const parts = [
    `${label ? `${label} ` : ""}${p.done}/${p.total}`,
    `${rate.toFixed(1)}/s`,
    p.etaMs === undefined ? "ETA –" : `ETA ${formatDuration(p.etaMs)}`,
    `$${p.costUsd.toFixed(4)}`,
  ];
  if (p.failed > 0) parts.push(`${p.failed} failed`);
  if (p.resumed > 0) parts.push(`${p.resumed} resumed`);
  return parts.join(" · ");
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
