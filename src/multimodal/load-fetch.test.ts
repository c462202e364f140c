import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaReadError } from "./errors/media-read-error.js";
import { MediaTooLargeError } from "./errors/media-too-large-error.js";
import { loadMedia } from "./load.js";
import { makeImage } from "./test-utils/images.js";

// A local HTTP server on 127.0.0.1 (no network): each path is one behaviour.
let server: Server;
let base: string;
let png: Uint8Array;
let jpeg: Uint8Array;
let endlessClosed: () => void;
const endless = { written: 0, closed: new Promise<void>((resolve) => (endlessClosed = resolve)) };

beforeAll(async () => {
  png = await makeImage(30, 20);
  jpeg = await makeImage(30, 20, { format: "jpeg" });
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/ok.png") res.writeHead(200, { "content-type": "image/png" }).end(png);
    else if (path === "/photo.png") res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
    else if (path === "/readme.md") res.writeHead(200, { "content-type": "text/plain" }).end("# Hi\n");
    else if (path === "/notes") res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("hi");
    else if (path === "/slow")
      res.writeHead(200).write(png.subarray(0, 8)); // never ends
    else if (path === "/declared-huge") res.writeHead(200, { "content-length": String(50e6) }).write(png);
    else if (path === "/endless") {
      // Streams up to 200 MB without a Content-Length, as fast as the client reads.
      res.writeHead(200, { "content-type": "image/png" });
      res.write(png);
      const chunk = Buffer.alloc(64 * 1024, 7);
      let closed = false;
      res.on("close", () => {
        closed = true;
        endlessClosed();
      });
      const pump = () => {
        while (!closed && endless.written < 200e6) {
          endless.written += chunk.byteLength;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    } else res.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("loadMedia over http", () => {
  it("fetches a URL string or URL object; the bytes decide the type, not the URL's extension", async () => {
    const media = await loadMedia(`${base}/ok.png`);
    expect([media.mediaType, media.name, media.info]).toEqual([
      "image/png",
      `${base}/ok.png`,
      { width: 30, height: 20 },
    ]);
    expect((await loadMedia(new URL(`${base}/photo.png`))).mediaType).toBe("image/jpeg");
  });

  it("names text from the URL's extension, else from the Content-Type", async () => {
    expect((await loadMedia(`${base}/readme.md`)).mediaType).toBe("text/markdown");
    expect((await loadMedia(`${base}/notes`)).mediaType).toBe("text/plain");
  });

  it("turns HTTP errors, refused connections and timeouts into MediaReadError with the URL (query hidden)", async () => {
    const error = await loadMedia(`${base}/missing.png?token=secret`).catch((e: unknown) => e);
    expect(MediaReadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(`Cannot read media from ${base}/missing.png?…: HTTP 404 Not Found`);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(loadMedia(`http://127.0.0.1:${port}/x.png`)).rejects.toThrow(/fetch failed/);
    await expect(loadMedia(`${base}/slow`, { timeoutMs: 150 })).rejects.toThrow(/timed out after 0.15 s/);
    await expect(loadMedia("ftp://example.com/a.png")).rejects.toThrow(MediaReadError);
  });

  it("passes the caller's abort through unchanged", async () => {
    const controller = new AbortController();
    const reason = new Error("user stop");
    setTimeout(() => controller.abort(reason), 50);
    await expect(loadMedia(`${base}/slow`, { signal: controller.signal })).rejects.toBe(reason);
  });

  it("refuses a Content-Length over the limit before reading the body", async () => {
    const error = (await loadMedia(`${base}/declared-huge`).catch((e: unknown) => e)) as MediaTooLargeError;
    expect(error.message).toBe(`${base}/declared-huge is 50 MB, over the 32 MB limit.`);
    expect(error.atLeast).toBe(false);
  });

  it("counts while streaming and stops at the limit, closing the connection", async () => {
    const error = (await loadMedia(`${base}/endless`, { maxBytes: 1e6 }).catch(
      (e: unknown) => e,
    )) as MediaTooLargeError;
    expect(MediaTooLargeError.isInstance(error)).toBe(true);
    expect(error.atLeast).toBe(true);
    expect(error.message).toMatch(/is more than 1(\.\d)? MB, over the 1 MB limit\.$/);
    await endless.closed;
    expect(endless.written).toBeLessThan(20e6); // far from the 200 MB the server would send
  });

  it("uses the fetch passed in", async () => {
    const media = await loadMedia("https://example.test/a", {
      fetch: async () => new Response(new Uint8Array(png)),
    });
    expect(media.mediaType).toBe("image/png");
  });
});
