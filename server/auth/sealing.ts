import "server-only";
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { config } from "@/server/config";

/**
 * iron-session 8 sealing (docs/domain.md §9.3) for our two cookies. The password comes from
 * SESSION_PASSWORD; on the http-loopback dev/training stack only, a missing password is replaced
 * by a random per-process one (sessions then end on restart) so `next dev` works out of the box.
 */

const DEV_PASSWORD_KEY = Symbol.for("lr-manager.dev-session-password");

function sealingPassword(): string {
  const c = config();
  if (c.SESSION_PASSWORD) return c.SESSION_PASSWORD;
  if (!c.insecureLoopback || c.LR_MODE === "live") {
    throw new Error("SESSION_PASSWORD (32+ characters) must be set outside the loopback dev stack");
  }
  const holder = globalThis as typeof globalThis & { [DEV_PASSWORD_KEY]?: string };
  holder[DEV_PASSWORD_KEY] ??= randomBytes(32).toString("base64url");
  return holder[DEV_PASSWORD_KEY];
}

export function seal(data: Record<string, unknown>, ttlSeconds: number): Promise<string> {
  return sealData(data, { password: sealingPassword(), ttl: ttlSeconds });
}

/** The sealed data, or undefined when the seal is forged, tampered with, expired or unreadable. */
export async function unseal(sealed: string, ttlSeconds: number): Promise<Record<string, unknown> | undefined> {
  try {
    const data = await unsealData<Record<string, unknown>>(sealed, { password: sealingPassword(), ttl: ttlSeconds });
    return Object.keys(data).length > 0 ? data : undefined;
  } catch {
    return undefined;
  }
}
