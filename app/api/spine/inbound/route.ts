import { z } from "zod";
import { withRoute } from "@/server/http/with-route";
import { getSpineRuntime } from "@/server/spine/default-runtime";
import { receiveInboundSpineMessage } from "@/server/spine/receive-inbound";
import { INBOUND_MAX_BODY_BYTES } from "@/server/spine/spine-options";

export const dynamic = "force-dynamic";

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
    access: { public: "Spine posts async replies here server-to-server; a reply only completes a message this system sent (matched by RefToMessageId), and mutual TLS authenticates Spine in live use" },
    crossOriginAllowed: "server-to-server endpoint for NHS Spine; no browser or cookie involved",
    bodyFormat: "text",
    body: z.string(),
    maxBodyBytes: INBOUND_MAX_BODY_BYTES,
  },
);
