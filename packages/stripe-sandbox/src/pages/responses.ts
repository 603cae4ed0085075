/**
 * The plain request/response values the page and control handlers work with, so they stay
 * free of Node's streaming http objects and easy to read.
 */
import type { IncomingHttpHeaders } from "node:http";

export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(status: number, body: unknown): SandboxResponse {
  return {
    status,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body, null, 2),
  };
}

export function htmlResponse(status: number, body: string): SandboxResponse {
  return {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    body,
  };
}

export function redirectResponse(location: string): SandboxResponse {
  return { status: 303, headers: { Location: location }, body: "" };
}
