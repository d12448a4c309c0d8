import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { config } from "@/server/config";
import { API_ANSWER_CACHE_CONTROL, withRoute } from "@/server/http/with-route";
import { logger } from "@/server/log/logger";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { receiveInboundSpineMessage } from "@/server/spine/receive-inbound";
import { INBOUND_MAX_BODY_BYTES } from "@/server/spine/spine-options";

export const dynamic = "force-dynamic";

/**
 * Spine's TLS client certificate is verified by the TLS terminator in front of the app, which sets
 * SPINE_INBOUND_AUTH_HEADER to SPINE_INBOUND_AUTH_VALUE (required in live mode; in training the run
 * command makes a random value per run and gives it to the simulator). Checked before the body is
 * read, so nobody else can make the app parse megabytes of XML or complete a pending message. No
 * credential configured means no caller is Spine: everything is refused, never everything accepted.
 */
function requireSpineCaller(request: Request): void {
  const auth = config().spineInboundAuth;
  if (!auth) {
    warnUnconfiguredOnce();
    throw new AppError("unauthenticated", CALLER_REFUSED);
  }
  const presented = request.headers.get(auth.header);
  if (presented === null || !sameSecret(presented, auth.value)) throw new AppError("unauthenticated", CALLER_REFUSED);
}

const CALLER_REFUSED = "Only NHS Spine may post to this endpoint.";

/** Constant-time comparison of two strings of any length (hashed first, so lengths do not leak). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

let warnedUnconfigured = false;
function warnUnconfiguredOnce(): void {
  if (warnedUnconfigured) return;
  warnedUnconfigured = true;
  logger.error(
    "SPINE_INBOUND_AUTH_HEADER/VALUE are not set: /api/spine/inbound refuses every caller, so no async Spine reply can complete (start the stack with the run command, or set both)",
  );
}

/** Spine's async business replies (ebXML multipart); answered with an ebXML Acknowledgment. */
export const POST = withRoute(
  async ({ request, body, log }) => {
    const rt = await getSpineRuntime();
    const result = await receiveInboundSpineMessage(
      { store: rt.store, options: rt.options, journal: rt.journal, log },
      { body, contentType: request.headers.get("content-type") ?? "" },
    );
    // A machine-to-machine acknowledgement: sent as it is (no compression), like the API's own answers.
    return new Response(result.body, {
      status: result.status,
      headers: { "content-type": result.contentType, "cache-control": API_ANSWER_CACHE_CONTROL },
    });
  },
  {
    access: {
      public:
        "Spine posts async replies here server-to-server: the caller is authenticated by its TLS client certificate (SPINE_INBOUND_AUTH_HEADER) and by eb:From/CPAId, and a reply only completes a message this system sent",
    },
    crossOriginAllowed: "server-to-server endpoint for NHS Spine; no browser or cookie involved",
    callerCheck: requireSpineCaller,
    bodyFormat: "text",
    body: z.string(),
    maxBodyBytes: INBOUND_MAX_BODY_BYTES,
  },
);
