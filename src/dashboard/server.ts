/** `startDashboard`: the dashboard's local HTTP server (node:http, 127.0.0.1 only). */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ExperimentStore } from "../core/ports.js";
import { experimentDetail, listExperiments, toJson } from "./api.js";
import { PAGE_CSP_HEADER, renderDashboardPage } from "./page.js";

export interface DashboardOptions {
  store: ExperimentStore;
  /** Where the store is, for the page ("no experiments yet in <where>"); default: the store's kind. */
  where?: string;
  /** Default 4020; 0 picks any free port. */
  port?: number;
  /** How often the page polls, in seconds (default 5). */
  refreshSeconds?: number;
}

export interface Dashboard {
  /** http://127.0.0.1:<port>/ */
  url: string;
  close(): Promise<void>;
}

const HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

function send(res: ServerResponse, status: number, type: string, body: string, extra = {}): void {
  res.writeHead(status, { ...HEADERS, "content-type": type, ...extra });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, "application/json; charset=utf-8", toJson(value));

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const { store } = options;
  const where = options.where ?? `the ${store.kind} store`;
  const refreshSeconds = options.refreshSeconds ?? 5;
  const page = renderDashboardPage({ store: where, refreshSeconds });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { error: "only GET" });
      return;
    }
    if (path === "/" || path === "/index.html") {
      send(res, 200, "text/html; charset=utf-8", page, { "content-security-policy": PAGE_CSP_HEADER });
      return;
    }
    if (path === "/api/experiments") {
      sendJson(res, 200, await listExperiments(store, where));
      return;
    }
    const match = /^\/api\/experiments\/([^/]+)$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]!);
      const detail = await experimentDetail(store, id);
      if (detail) sendJson(res, 200, detail);
      else sendJson(res, 404, { error: `no experiment ${JSON.stringify(id)} in ${where}` });
      return;
    }
    sendJson(res, 404, { error: "not found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, 500, { error: message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4020, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
