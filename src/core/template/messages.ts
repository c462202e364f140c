import type { FilePart, ImagePart, TextPart } from "ai";
import type { ChatMessage } from "../types.js";
import { MARK_CLOSE, MARK_OPEN, type MediaValue } from "./engine.js";

type Part = TextPart | ImagePart | FilePart;
type Role = "system" | "user" | "assistant";

interface Pending {
  role: Role;
  parts: Part[];
}

/** A position in the output where the run-time history goes. */
export const HISTORY_SLOT: unique symbol = Symbol("history");
export type RenderedItem = ChatMessage | typeof HISTORY_SLOT;

/**
 * Splits rendered template text with role/history/media markers into messages, as Dotprompt
 * does: text before the first role marker belongs to `defaultRole`; empty messages are dropped.
 */
export function splitMessages(
  text: string,
  defaultRole: Role,
  slots: readonly MediaValue[] = [],
): RenderedItem[] {
  const out: RenderedItem[] = [];
  let current: Pending = { role: defaultRole, parts: [] };
  const flush = () => {
    const msg = toMessage(current);
    if (msg) out.push(msg);
  };
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf(MARK_OPEN, pos);
    const end = open === -1 ? text.length : open;
    if (end > pos) current.parts.push({ type: "text", text: text.slice(pos, end) });
    if (open === -1) break;
    const close = text.indexOf(MARK_CLOSE, open);
    if (close === -1) {
      current.parts.push({ type: "text", text: text.slice(open) });
      break;
    }
    const marker = text.slice(open + MARK_OPEN.length, close);
    pos = close + MARK_CLOSE.length;
    if (marker.startsWith("role:")) {
      flush();
      const role = marker.slice(5);
      current = { role: role === "model" ? "assistant" : (role as Role), parts: [] };
    } else if (marker === "history") {
      flush();
      out.push(HISTORY_SLOT);
      current = { role: current.role, parts: [] };
    } else if (marker.startsWith("media-ref:")) {
      const value = slots[Number(marker.slice(10))];
      if (value !== undefined) current.parts.push(...(value.toParts?.() ?? [value.toPart()]));
    } else if (marker.startsWith("media:")) {
      const [url = "", type = ""] = marker.slice(6).split(" ");
      current.parts.push(mediaPart(decodeURIComponent(url), decodeURIComponent(type)));
    }
  }
  flush();
  return out;
}

function mediaPart(url: string, mediaType: string): ImagePart | FilePart {
  const fromDataUrl = /^data:([^;,]+)/.exec(url)?.[1];
  const type = mediaType || fromDataUrl || "";
  const data = url.startsWith("data:") ? url : new URL(url);
  if (type === "" || type.startsWith("image/")) {
    return type ? { type: "image", image: data, mediaType: type } : { type: "image", image: data };
  }
  return { type: "file", data, mediaType: type };
}

function toMessage(p: Pending): ChatMessage | undefined {
  const parts = p.parts.filter((part) => part.type !== "text" || part.text.trim() !== "");
  if (parts.length === 0) return undefined;
  const onlyText = parts.every((part) => part.type === "text");
  if (onlyText) {
    const text = (parts as TextPart[])
      .map((t) => t.text)
      .join("")
      .trim();
    return { role: p.role, content: text } as ChatMessage;
  }
  if (p.role === "system") {
    return { role: "system", content: parts.map((part) => (part.type === "text" ? part.text : "")).join("") };
  }
  if (p.role === "assistant")
    return { role: "assistant", content: parts.filter((x) => x.type !== "image") as never };
  return { role: "user", content: parts };
}
