import { describe, expect, it } from "vitest";
import { type Hl7Reply, type MessageHeader, makeReplyHeader, makeRequestHeader, newMessageId, type ReplyHeaderOptions } from "@/lib/hl7";
import { isRetriableFault, SpineCallError } from "./spine-call-error";
import { callFailureToOutboxError, judgeReply, outboxErrorToAppError } from "./spine-failure";

const request: MessageHeader = makeRequestHeader({ senderAsid: "900000000001", receiverAsid: "900000009990" });

function reply(interactionId: Hl7Reply["interactionId"], opts: Partial<ReplyHeaderOptions>, payload: unknown = {}): Hl7Reply {
  return {
    interactionId,
    header: makeReplyHeader(request, { messageId: newMessageId(), spineAsid: "900000009990", creationTime: "20250101120000", ...opts }),
    payload,
  } as Hl7Reply;
}

describe("judgeReply", () => {
  it("only AA on a success interaction is a success", () => {
    expect(judgeReply(reply("REPC_IN020000UK13", {}, { lrId: "LR1" })).ok).toBe(true);
    expect(judgeReply(reply("QUPC_IN060000UK32", { queryResponseCode: "NF" }, { nhsNumber: "9990000018", entries: [] })).ok).toBe(true);
    // An error interaction is never a success, even if it (wrongly) says AA.
    expect(judgeReply(reply("MCCI_IN010000UK13", {})).ok).toBe(false);
    expect(judgeReply(reply("QUPC_IN030000UK14", { queryResponseCode: "QE" }, { lrExists: true })).ok).toBe(false);
  });

  it("MCCI AA confirms only a request whose success reply it is (the alerts interaction)", () => {
    expect(judgeReply(reply("MCCI_IN010000UK13", {}), "COMT_IN000001UK01").ok).toBe(true);
    expect(judgeReply(reply("MCCI_IN010000UK13", {}), "REPC_IN010000UK15").ok).toBe(false);
    expect(judgeReply(reply("MCCI_IN010000UK13", { acknowledgement: "AE", issues: [{ code: "202" }] }), "COMT_IN000001UK01").ok).toBe(
      false,
    );
    expect(judgeReply(reply("MCCI_IN010000UK13", { acknowledgement: "AR" }), "COMT_IN000001UK01").ok).toBe(false);
  });

  it("AE → spine_business_error in plain English; AR → spine_rejected naming the rule", () => {
    const ae = judgeReply(
      reply("MCCI_IN010000UK13", { acknowledgement: "AE", issues: [{ code: "900", displayName: "Access Control Violation" }] }),
    );
    expect(ae.error).toMatchObject({
      code: "spine_business_error",
      message: "Spine refused the request: this system or role is not allowed to do this.",
    });
    const unknown = judgeReply(
      reply("MCCI_IN010000UK13", { acknowledgement: "AE", issues: [{ code: "5000", displayName: "Workgroup not found" }] }),
    );
    expect(unknown.error?.message).toBe("Spine could not do this: Workgroup not found");
    const ar = judgeReply(
      reply("MCCI_IN010000UK13", {
        acknowledgement: "AR",
        details: [{ typeCode: "ER", code: "202", displayName: "ErrorBase1712.INVALID_LRTYPE" }],
      }),
    );
    expect(ar.error).toMatchObject({ code: "spine_rejected" });
    expect(ar.error?.message).toContain("ErrorBase1712.INVALID_LRTYPE");
  });
});

describe("transport failures", () => {
  const tms = (code: string) => ({ codeContext: "urn:nhs:names:error:tms", errorCode: code, severity: "Error", description: "x" });

  it("only TMS 206 is retriable", () => {
    expect(isRetriableFault([tms("206")])).toBe(true);
    expect(isRetriableFault([tms("200")])).toBe(false);
    expect(isRetriableFault([tms("206"), tms("200")])).toBe(false);
    expect(isRetriableFault([])).toBe(false);
  });

  it("maps failures to typed, plain-English errors with the message id as reference", () => {
    const timeout = callFailureToOutboxError(new SpineCallError("timeout", "slow"));
    expect(timeout).toMatchObject({ code: "spine_timeout", retryable: true });
    const unsupported = callFailureToOutboxError(new SpineCallError("soap-fault", "101", { errors: [tms("101")] }));
    expect(unsupported).toMatchObject({ code: "spine_rejected", retryable: false });
    const appError = outboxErrorToAppError(timeout, "ABC");
    expect(appError.code).toBe("spine_timeout");
    expect(appError.reference).toBe("ABC");
    expect(appError.status).toBe(504);
    expect(outboxErrorToAppError({ code: "weird", message: "m" }, "ABC").code).toBe("spine_unavailable");
  });
});
