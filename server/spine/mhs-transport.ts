import "server-only";
import { z } from "zod";
import { INTERACTIONS, isHl7CodecError, type ParsedReplyDocument, parseReplyDocument } from "@/lib/hl7";
import type { MessageJournal } from "./message-journal";
import { mhsWaitForResponse } from "./mhs-sync-async";
import { postToSpine } from "./post-to-spine";
import { SpineCallError } from "./spine-call-error";
import { SPINE_REPLY_PARSE_OPTIONS, type SpineOptions } from "./spine-options";
import type { SpineTransport, TransportOutcome } from "./spine-transport";

/**
 * NHS MHS adaptor outbound API (docs/domain.md §8.4): POST / with Interaction-Id, wait-for-response,
 * Message-Id, Correlation-Id, from-asid and JSON {payload}. The adaptor owns ebXML, reliability
 * and its own 206 retries, so a 500 here is final. We ask it to wait for the reply wherever it
 * can (sync-async interactions, see mhs-sync-async.ts); it refuses that for sync interactions and
 * for async ones it cannot wrap, which answer 202 and leave the reply to arrive on
 * POST /api/spine/inbound (the operation stays pending until it does).
 */
export interface MhsTransportDeps {
  options: Pick<SpineOptions, "mhsUrl" | "fromAsid">;
  journal: MessageJournal;
}

const mhsErrorBody = z.object({
  error_message: z.string().optional(),
  process_key: z.string().optional(),
  errors: z
    .array(
      z.object({
        codeContext: z.string().optional(),
        errorCode: z.union([z.string(), z.number()]).optional(),
        severity: z.string().optional(),
        location: z.string().optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
});

export function createMhsTransport(deps: MhsTransportDeps): SpineTransport {
  const url = deps.options.mhsUrl;
  return {
    name: "mhs",
    async send(input): Promise<TransportOutcome> {
      if (!url) throw new SpineCallError("connection", "MHS_ADAPTOR_URL is not set");
      const { message: request } = input;
      const payload = request.hl7;
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "interaction-id": request.interactionId,
        "wait-for-response": mhsWaitForResponse(request.interactionId),
        "message-id": request.messageId,
        "correlation-id": input.conversationId,
      };
      // The adaptor documents from-asid for the sync workflow only.
      if (INTERACTIONS[request.interactionId].pattern === "sync") headers["from-asid"] = deps.options.fromAsid;
      await deps.journal({
        direction: "outbound",
        interactionId: request.interactionId,
        messageId: request.messageId,
        body: payload,
      });
      const response = await postToSpine({
        url: new URL("/", url).toString(),
        headers,
        body: JSON.stringify({ payload }),
        timeoutMs: input.timeoutMs,
      });
      if (response.status === 200) {
        let doc: ParsedReplyDocument | undefined;
        try {
          doc = parseReplyDocument(response.body, response.headers["content-type"] ?? "text/xml", SPINE_REPLY_PARSE_OPTIONS);
        } catch (error) {
          if (!isHl7CodecError(error)) throw error;
        }
        await deps.journal({
          direction: "inbound",
          interactionId: doc?.kind === "hl7" ? doc.reply.interactionId : "mhs-unreadable",
          messageId: doc?.kind === "hl7" ? doc.reply.header.messageId : request.messageId,
          body: response.body,
        });
        if (doc?.kind === "hl7") return { kind: "reply", reply: doc.reply, rawReply: response.body };
        throw new SpineCallError("bad-reply", `MHS adaptor's HTTP 200 reply is not a readable HL7 reply (${doc?.kind ?? "unreadable"})`, {
          httpStatus: 200,
        });
      }
      if (response.body.trim() !== "") {
        await deps.journal({
          direction: "inbound",
          interactionId: `mhs-${response.status}`,
          messageId: request.messageId,
          body: response.body,
        });
      }
      if (response.status === 202) return { kind: "accepted" };
      if (response.status === 500) throw mhsError(response.body);
      throw new SpineCallError("http-status", `Unexpected HTTP ${response.status} from the MHS adaptor`, { httpStatus: response.status });
    },
  };
}

function mhsError(body: string): SpineCallError {
  let parsed: z.infer<typeof mhsErrorBody> = {};
  try {
    parsed = mhsErrorBody.parse(JSON.parse(body));
  } catch {
    // Not the documented JSON: keep the generic message.
  }
  const errors = (parsed.errors ?? []).map((e) => ({
    codeContext: e.codeContext ?? "",
    errorCode: String(e.errorCode ?? ""),
    severity: e.severity ?? "Error",
    location: e.location,
    description: e.description ?? "",
  }));
  return new SpineCallError("mhs-error", `MHS adaptor error: ${parsed.error_message ?? "no detail"}`, { httpStatus: 500, errors });
}
