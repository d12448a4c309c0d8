import "server-only";
import type { AppConfig } from "@/lib/config/app-config";
import { loadSpineRoutes, type SpineRouteTable } from "@/lib/config/spine-routes";

/**
 * Everything the Spine transports need, as one plain object so tests pass values directly and
 * production derives it from `config()`. Values Spine does not publish for us (its party key,
 * timeouts, retry counts) have defaults here and can be overridden per deployment.
 */
export interface SpineOptions {
  transport: "direct" | "mhs";
  /** Spine base URL: `/sync-service`, `/reliablemessaging/…` are appended. */
  baseUrl: string;
  /** MHS adaptor outbound URL (SPINE_TRANSPORT=mhs). */
  mhsUrl?: string;
  fromAsid: string;
  toAsid: string;
  /** This system's ebXML party key (eb:From). */
  partyKey: string;
  /** Spine's party key (eb:To), SPINE_TO_PARTY_KEY. */
  spinePartyKey: string;
  cpaId: string;
  /**
   * Per-service routing (CPA id, Spine ASID, Spine party key) as SDS holds it; the three single
   * values above are the fallback for anything the table leaves out. Unset = the single values.
   */
  routes?: SpineRouteTable;
  /** Public base URL of this BFF: wsa:From / ReplyTo and the inbound endpoint Spine posts to. */
  appBaseUrl: string;
  /** PEM contents (already read), for mutual TLS to Spine. */
  tls?: { cert?: string; key?: string; ca?: string };
  /** How long an update waits for Spine's async reply before answering "pending". */
  asyncWaitMs: number;
  /** Journal folder for every message body; undefined = off. */
  messageLogDir?: string;
  /** Polling fallback for cross-instance completion when NOTIFY is missed. */
  completionPollMs: number;
  /** Outbox worker tick. */
  workerIntervalMs: number;
  /** Multiplies the per-interaction timeouts and backoff (tests shrink them). */
  timeScale: number;
}

export const SPINE_OPTION_DEFAULTS = {
  completionPollMs: 1000,
  workerIntervalMs: 15_000,
  timeScale: 1,
} as const;

/** Build options from the typed app config; PEM files are read by the caller (see tls-files.ts). */
export function spineOptionsFromConfig(c: AppConfig, tls?: SpineOptions["tls"]): SpineOptions {
  return {
    transport: c.SPINE_TRANSPORT,
    baseUrl: c.SPINE_BASE_URL,
    mhsUrl: c.MHS_ADAPTOR_URL,
    fromAsid: c.SPINE_FROM_ASID,
    toAsid: c.SPINE_TO_ASID,
    partyKey: c.SPINE_PARTY_KEY,
    spinePartyKey: c.SPINE_TO_PARTY_KEY,
    cpaId: c.SPINE_CPA_ID,
    routes: loadSpineRoutes(c.SPINE_ROUTES_FILE),
    appBaseUrl: c.APP_BASE_URL,
    tls,
    asyncWaitMs: c.SPINE_ASYNC_WAIT_MS,
    messageLogDir: c.SPINE_MESSAGE_LOG_DIR,
    ...SPINE_OPTION_DEFAULTS,
  };
}

/** A batch confirmation list for 10 000 patients is several MB: larger than the codec's 1 MiB default. */
export const INBOUND_MAX_BODY_BYTES = 12 * 1024 * 1024;

/** Parse limits for anything Spine sends us. */
export const SPINE_REPLY_PARSE_OPTIONS = { limits: { maxBytes: INBOUND_MAX_BODY_BYTES } } as const;

/** Parse limits for what the outbox holds: our own requests (a 10 000-patient batch is MBs) and Spine's replies. */
export const STORED_MESSAGE_PARSE_OPTIONS = SPINE_REPLY_PARSE_OPTIONS;

/** The URL Spine posts async replies to. */
export function inboundUrl(options: Pick<SpineOptions, "appBaseUrl">): string {
  return new URL("/api/spine/inbound", options.appBaseUrl).toString();
}
