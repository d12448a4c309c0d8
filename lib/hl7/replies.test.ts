import { describe, expect, it } from "vitest";
import { requestHeader } from "@/lib/hl7/fixtures/samples";
import { makeReplyHeader } from "@/lib/hl7/replies";

/** docs/domain.md §5.3: Spine's replies come from Spine's own ASID, to the requester's. */
describe("makeReplyHeader", () => {
  it("sends from Spine's configured ASID, not from whatever Rcv ASID the request named", () => {
    const request = { ...requestHeader, receiverAsid: "123456789012" };
    const header = makeReplyHeader(request, { messageId: "M-1", creationTime: "20240131120005", spineAsid: "990000000001" });
    expect(header).toMatchObject({ senderAsid: "990000000001", systemAsid: "990000000001", receiverAsid: request.senderAsid });
    expect(header.acknowledgement.messageRefId).toBe(request.messageId);
  });
});
