/**
 * P1's remaining costs, one piece at a time (issue 16: "the figure for each remaining cost").
 *
 * The request-path bench's ladder shows what the confirm route costs above the session route as a
 * whole. This takes the route's own work apart, in the bench process, with the same inputs the app
 * used: the confirm query it sent (captured from the simulator's log), Spine's reply to it, the
 * same simulator over HTTP and a store of the same kind. Each piece is timed one call at a time
 * (p50 of `iterations`, after a warm-up), the way one user's request meets it:
 *
 * - build: the typed request → Spine's rules → serialised HL7 → the SOAP envelope (the app's
 *   `sendableOutbound` + `buildSoapRequest`);
 * - HTTP: the SOAP posted to the simulator over node:http (the app's client, `httpPost`), beside the
 *   same POST with fetch (P1's direct side) — the difference is what the app's client adds;
 * - reply: Spine's reply read to the typed model (`parseReplyDocument`), and of that the
 *   well-formedness pass alone (fast-xml-parser's `XMLValidator`: its `XMLParser` accepts
 *   mismatched and unclosed tags, so the pass is the check that refuses them, not a second parse of
 *   the same document for its content);
 * - audit: the confirm query's audit event appended (`appendAuditEvent`: one INSERT, the hash chain
 *   computed by the table's trigger under its lock).
 */
import { randomUUID } from "node:crypto";
import { XMLValidator } from "fast-xml-parser";
import type { Kysely } from "kysely";
import { buildSoapRequest, parseReplyDocument, parseRequestDocument } from "@/lib/hl7";
import { AUDIT_ACTIONS } from "@/lib/schemas/audit";
import { appendAuditEvent } from "@/server/db/audit-events";
import type { Database } from "@/server/db/schema";
import { httpPost } from "@/server/spine/http-post";
import { SPINE_REPLY_PARSE_OPTIONS } from "@/server/spine/spine-options";
import { sendableOutbound } from "@/server/spine/validate-before-send";
import { median, percentile } from "./stats";

export interface RouteWorkInput {
  /** The simulator's sync endpoint (…/sync-service). */
  syncUrl: string;
  /** The confirm query's SOAP exactly as the app sent it, and its HTTP headers. */
  soap: { body: string; headers: Record<string, string> };
  /** A store of the kind the app runs on, migrated (audit rows are appended to it). */
  db: Kysely<Database>;
  /** The patient the audit event names (the confirm query's). */
  nhsNumber: string;
  iterations: number;
}

export interface RouteWorkPiece {
  key: "build" | "httpApp" | "httpFetch" | "reply" | "wellFormed" | "audit";
  label: string;
  p50Ms: number;
}

/** A copy of a captured SOAP request with a MessageId of its own, everywhere the original's occurs. */
export function withFreshMessageId(body: string): string {
  const messageId = /<(?:\w+:)?MessageID>(?:uuid:)?([0-9A-Fa-f-]{36})</.exec(body)?.[1];
  if (!messageId) throw new Error("no MessageID in the captured SOAP request");
  return body.replace(new RegExp(messageId, "gi"), randomUUID().toUpperCase());
}

async function p50Of(iterations: number, once: () => unknown): Promise<number> {
  const warmup = Math.max(5, Math.floor(iterations / 10));
  for (let i = 0; i < warmup; i++) await once();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await once();
    ms.push(performance.now() - started);
  }
  return percentile(
    ms.sort((a, b) => a - b),
    50,
  );
}

export async function measureConfirmRouteWork(input: RouteWorkInput): Promise<RouteWorkPiece[]> {
  const { syncUrl, soap, db, iterations } = input;
  const contentType = soap.headers["content-type"];
  const parsedRequest = parseRequestDocument(soap.body, contentType);
  const request = parsedRequest.request;
  const to = parsedRequest.soap?.to ?? syncUrl;
  const fromAddress = parsedRequest.soap?.fromAddress ?? "http://127.0.0.1";

  const first = await fetch(syncUrl, { method: "POST", headers: soap.headers, body: withFreshMessageId(soap.body) });
  const reply = { body: await first.text(), contentType: first.headers.get("content-type") ?? undefined };
  if (!first.ok) throw new Error(`the simulator refused the captured confirm query: HTTP ${first.status}`);
  if (parseReplyDocument(reply.body, reply.contentType, SPINE_REPLY_PARSE_OPTIONS).kind !== "hl7") {
    throw new Error("the simulator's answer to the captured confirm query is not an HL7 reply");
  }

  const build = await p50Of(iterations * 4, () => buildSoapRequest(sendableOutbound(request), { to, fromAddress, replyTo: fromAddress }));
  // The two HTTP clients in alternation, so a change in the machine's load meets both.
  const appClient: number[] = [];
  const fetchClient: number[] = [];
  for (let round = 0; round < 4; round++) {
    appClient.push(
      await p50Of(iterations / 4, async () => {
        const response = await httpPost({ url: syncUrl, headers: soap.headers, body: withFreshMessageId(soap.body), timeoutMs: 10_000 });
        if (response.status !== 200) throw new Error(`simulator HTTP ${response.status}`);
      }),
    );
    fetchClient.push(
      await p50Of(iterations / 4, async () => {
        const response = await fetch(syncUrl, { method: "POST", headers: soap.headers, body: withFreshMessageId(soap.body) });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`simulator HTTP ${response.status}`);
      }),
    );
  }
  const replyParse = await p50Of(iterations * 4, () => parseReplyDocument(reply.body, reply.contentType, SPINE_REPLY_PARSE_OPTIONS));
  const wellFormed = await p50Of(iterations * 4, () => XMLValidator.validate(reply.body, { allowBooleanAttributes: false }));
  const audit = await p50Of(iterations, () =>
    appendAuditEvent(db, {
      action: AUDIT_ACTIONS.confirmQuery,
      outcome: "success",
      actorSub: "900000000001",
      roleId: "900000000001-bench",
      orgCode: "A12345",
      nhsNumber: input.nhsNumber,
      spineMessageId: randomUUID().toUpperCase(),
      details: { sessionId: "bench" },
      requestId: randomUUID(),
    }),
  );
  return [
    { key: "build", label: "build: typed request → Spine's rules → HL7 → SOAP envelope", p50Ms: build },
    { key: "httpApp", label: "HTTP: the SOAP to the simulator and its reply, node:http (the app's client)", p50Ms: median(appClient) },
    { key: "httpFetch", label: "HTTP: the same POST with fetch (P1's direct side)", p50Ms: median(fetchClient) },
    { key: "reply", label: "reply: Spine's answer read to the typed reply", p50Ms: replyParse },
    { key: "wellFormed", label: "… of which the well-formedness pass (XMLValidator)", p50Ms: wellFormed },
    { key: "audit", label: "audit: the event appended (INSERT, hash-chain trigger)", p50Ms: audit },
  ];
}
