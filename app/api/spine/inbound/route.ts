import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { config } from "@/server/config";
import { withRoute } from "@/server/http/with-route";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { receiveInboundSpineMessage } from "@/server/spine/receive-inbound";
import { INBOUND_MAX_BODY_BYTES } from "@/server/spine/spine-options";

export const dynamic = "force-dynamic";

/**
 * Spine's TLS client certificate is verified by the TLS terminator in front of the app, which sets
 * SPINE_INBOUND_AUTH_HEADER to SPINE_INBOUND_AUTH_VALUE (both required in live mode). Checked before
 * the body is read, so nobody else can make the app parse megabytes of XML.
 */
function requireSpineCaller(request: Request): void {
  const { SPINE_INBOUND_AUTH_HEADER: header, SPINE_INBOUND_AUTH_VALUE: value } = config();
  if (header && value && request.headers.get(header) !== value) {
    throw new AppError("forbidden", "Only NHS Spine may post to this endpoint.");
  }
}

/** Spine's async business replies (ebXML multipart); answered with an ebXML Acknowledgment. */
export const POST = withRoute(
  async ({ request, body, log }) => {
    const rt = await getSpineRuntime();
    const result = await receiveInboundSpineMessage(
      { store: rt.store, options: rt.options, journal: rt.journal, log },
      { body, contentType: request.headers.get("content-type") ?? "" },
    );
    return new Response(result.body, { status: result.status, headers: { "content-type": result.contentType } });
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
