import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { parseReplyDocument, parseSoapEnvelope } from "@/lib/hl7";
import { syntheticNhsNumber } from "@/lib/nhs/nhs-number";
import { findByMessageId } from "@/server/db/outbox";
import { logger } from "@/server/log/logger";
import { sendLrStatusChange } from "@/server/lr/interactions/change-lr-status";
import { confirmLr } from "@/server/lr/interactions/confirm-lr";
import { createLegitimateRelationship } from "@/server/lr/interactions/create-legitimate-relationship";
import { getPatientLrs } from "@/server/lr/interactions/get-patient-lrs";
import type { LrContext } from "@/server/lr/lr-context";
import { setSpineRuntime } from "@/server/spine/default-runtime";
import { fileJournal } from "@/server/spine/message-journal";
import { acceptThenReply, ebxmlReply, replyTo, soapFault, soapReply, testSpineOptions } from "@/server/spine/scripted-spine.fixture";
import { createSpineRuntime, type SpineRuntime } from "@/server/spine/spine-runtime";
import { rejection } from "@/tests/support/app-error-rejection";
import { scriptedSpineForFile } from "@/tests/support/scripted-spine-for-file";

// Direct Spine transport against a scripted Spine on 127.0.0.1; async replies go through the real
// inbound route handler served over HTTP. One in-memory store for the file.
process.env.APP_DB_IN_MEMORY = "1";

const log = pino({ level: "silent" });
logger.level = "silent"; // the route wrapper's request logger
const patient = syntheticNhsNumber(1);
const { store, spine, inbound, inboundAuthHeaders } = scriptedSpineForFile();

function runtime(overrides: Parameters<typeof testSpineOptions>[0] = {}): SpineRuntime {
  const rt = createSpineRuntime({ store, options: testSpineOptions({ baseUrl: spine.url, ...overrides }), log });
  setSpineRuntime(rt); // the inbound route handler uses the same runtime
  return rt;
}

function ctx(rt: SpineRuntime): LrContext {
  return { userId: "900000000101", roleProfileId: "900000000201", orgCode: "ZZH", jobRoleCode: "R8000", log, spine: rt };
}

describe("sync SOAP (confirm LR query)", () => {
  it("round-trips: SOAPAction, 41-char wsa:MessageID, RelatesTo checked, typed answer", async () => {
    spine.setScript(({ document }) => soapReply(document!.request, replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: true })));
    const result = await confirmLr(ctx(runtime()), { nhsNumber: patient });
    expect(result.lrExists).toBe(true);
    const [sent] = spine.received;
    expect(sent?.path).toBe("/sync-service");
    expect(sent?.headers.soapaction).toBe("urn:nhs:names:services:lrsquery/QUPC_IN010000UK32");
    const envelope = parseSoapEnvelope(sent!.body);
    expect(envelope.header.messageId).toHaveLength(41);
    expect(envelope.header.messageId).toBe(`uuid:${result.messageId}`);
    expect(envelope.header.to).toBe(`${spine.url}/sync-service`);
  });

  it("never uses a reply whose RelatesTo names another message", async () => {
    spine.setScript(({ document }) =>
      soapReply(
        document!.request,
        replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: true }),
        "0AC7B5A6-2C3F-4E0B-9C43-6E2C1C0D0001",
      ),
    );
    const error = await rejection(confirmLr(ctx(runtime()), { nhsNumber: patient }));
    expect(error.code).toBe("spine_unavailable");
    expect(error.reference).toMatch(/^[0-9A-F-]{36}$/);
  });

  it("business error (QUQI AE) becomes spine_business_error with the message id as reference", async () => {
    spine.setScript(({ document }) =>
      soapReply(
        document!.request,
        replyTo(
          document!.request,
          "QUQI_IN010000UK14",
          {},
          {
            acknowledgement: "AE",
            queryResponseCode: "ID",
            issues: [{ code: "1", displayName: "No match to a Service User record", qualifier: "ER" }],
          },
        ),
      ),
    );
    const error = await rejection(confirmLr(ctx(runtime()), { nhsNumber: patient }));
    expect(error.code).toBe("spine_business_error");
    expect(error.message).toBe("Spine has no record of this NHS number.");
    const sentId = parseSoapEnvelope(spine.received[0]!.body).header.messageId;
    expect(`uuid:${error.reference}`).toBe(sentId);
  });

  it("retries a retriable fault (206) with the SAME message id, then succeeds", async () => {
    spine.setScript(({ document }, index) =>
      index < 2
        ? soapFault("206", "Routing failure")
        : soapReply(document!.request, replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: false })),
    );
    const result = await confirmLr(ctx(runtime()), { nhsNumber: patient });
    expect(result.lrExists).toBe(false);
    expect(spine.received).toHaveLength(3);
    const ids = spine.received.map((r) => parseSoapEnvelope(r.body).header.messageId);
    expect(new Set(ids).size).toBe(1);
  });

  it("gives a typed, retryable error when 206 retries are exhausted; a non-retriable fault is not retried", async () => {
    spine.setScript(() => soapFault("206"));
    const exhausted = await rejection(confirmLr(ctx(runtime()), { nhsNumber: patient }));
    expect(exhausted.code).toBe("spine_unavailable");
    expect(exhausted.retryable).toBe(true);
    expect(spine.received).toHaveLength(3);

    spine.received.length = 0;
    spine.setScript(() => soapFault("200", "System failure to process message - default"));
    const final = await rejection(confirmLr(ctx(runtime()), { nhsNumber: patient }));
    expect(final.code).toBe("spine_unavailable");
    expect(spine.received).toHaveLength(1);
  });

  it("times out with spine_timeout when Spine holds the connection", async () => {
    // timeScale 0.01 → the 20 s sync timeout becomes 200 ms.
    spine.setScript(({ document }) => ({
      ...soapReply(document!.request, replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: true })),
      delayMs: 1500,
    }));
    const started = Date.now();
    const error = await rejection(confirmLr(ctx(runtime()), { nhsNumber: patient }));
    expect(error.code).toBe("spine_timeout");
    expect(Date.now() - started).toBeLessThan(1400);
    expect(spine.received).toHaveLength(1); // timeouts are not retried: the outcome is unknown
  });

  it("retries connection failures and then reports Spine unavailable", async () => {
    const rt = runtime({ baseUrl: "http://127.0.0.1:1" });
    const error = await rejection(confirmLr(ctx(rt), { nhsNumber: patient }));
    expect(error.code).toBe("spine_unavailable");
    expect(error.message).toContain("3 attempts");
  });
});

describe("async ebXML (create LR) with the inbound endpoint", () => {
  it("202 then the business reply on /api/spine/inbound: acknowledged, row confirmed, LR id returned", async () => {
    spine.setScript(({ document }) =>
      acceptThenReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000001AB" })),
    );
    const result = await createLegitimateRelationship(ctx(runtime()), { nhsNumber: patient, lrType: "08" });
    expect(result).toMatchObject({ state: "confirmed", lrId: "LR0000000000000001AB" });
    const [sent] = spine.received;
    expect(sent?.path).toBe("/reliablemessaging/reliablerequest");
    expect(sent?.headers.soapaction).toBe("urn:nhs:names:services:lrs/REPC_IN010000UK15");
    expect(sent?.headers["content-type"]).toMatch(/^multipart\/related/);
    expect(sent?.document?.ebxml).toMatchObject({
      messageId: result.messageId,
      toPartyId: "SIM-9000990",
      ackRequested: true,
      duplicateElimination: true,
    });
    expect(sent?.document?.request.payload).toMatchObject({ alertRequested: true });

    await spine.settled();
    const [delivery] = spine.inboundDeliveries;
    expect(delivery?.status).toBe(200);
    const ack = parseReplyDocument(delivery!.body, "text/xml");
    expect(ack.kind).toBe("ebxml-ack");
    const row = await findByMessageId(store.db, result.messageId);
    expect(row?.state).toBe("confirmed");
    expect(row?.attempts).toBe(1);
  });

  it("acknowledges a duplicate reply but does not apply it again", async () => {
    const replies: { body: string; contentType: string }[] = [];
    spine.setScript(({ document }) => {
      const response = acceptThenReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000002AB" }));
      replies.push(response.inbound!);
      return response;
    });
    const result = await createLegitimateRelationship(ctx(runtime()), { nhsNumber: patient, lrType: "01" });
    await spine.settled();
    const before = await findByMessageId(store.db, result.messageId);

    // Spine re-delivers the same reply (e.g. our ack was lost): a different reply id is not needed.
    const again = await fetch(`${inbound.url}/api/spine/inbound`, {
      method: "POST",
      headers: { ...inboundAuthHeaders, "content-type": replies[0]!.contentType },
      body: replies[0]!.body,
    });
    expect(again.status).toBe(200);
    expect(parseReplyDocument(await again.text(), "text/xml").kind).toBe("ebxml-ack");
    const after = await findByMessageId(store.db, result.messageId);
    expect(after?.state).toBe("confirmed");
    expect(after?.completedAt?.getTime()).toBe(before?.completedAt?.getTime());
    expect(after?.updatedAt.getTime()).toBe(before?.updatedAt.getTime());
  });

  it("a reply for a message we never sent gets an ebXML MessageError", async () => {
    // Spine answers our request with a reply that names a message we never sent.
    spine.setScript(({ document }) => {
      const fake = {
        ...document!,
        request: { ...document!.request, header: { ...document!.request.header, messageId: "0AC7B5A6-2C3F-4E0B-9C43-6E2C1C0D0009" } },
      };
      return { status: 202, inbound: ebxmlReply(fake, replyTo(fake.request, "REPC_IN050000UK13", { lrId: "LR1" })) };
    });
    const result = await sendLrStatusChange(ctx(runtime({ asyncWaitMs: 100 })), {
      nhsNumber: patient,
      lrId: "LR0000000000000002AB",
      reasonCode: "06",
    });
    expect(result.state).toBe("pending");
    await spine.settled();
    expect(spine.inboundDeliveries[0]?.status).toBe(500);
    expect(parseReplyDocument(spine.inboundDeliveries[0]!.body, "text/xml").kind).toBe("ebxml-error");
  });

  it("business error (MCCI AE) fails the operation with spine_business_error, never success", async () => {
    spine.setScript(({ document }) =>
      acceptThenReply(
        document!,
        replyTo(
          document!.request,
          "MCCI_IN010000UK13",
          {},
          {
            acknowledgement: "AE",
            issues: [
              {
                code: "5000",
                codeSystem: "2.16.840.1.113883.2.1.3.2.4.16.34",
                displayName: "Legitimate relationship is already closed",
                qualifier: "ER",
              },
            ],
          },
        ),
      ),
    );
    const error = await rejection(
      sendLrStatusChange(ctx(runtime()), { nhsNumber: patient, lrId: "LR0000000000000001AB", reasonCode: "06" }),
    );
    expect(error.code).toBe("spine_business_error");
    expect(error.message).toContain("already closed");
    const row = await findByMessageId(store.db, error.reference!);
    expect(row?.state).toBe("failed");
  });

  it("an async-express query (LR details) completes from the inbound reply", async () => {
    spine.setScript(({ document }) =>
      acceptThenReply(document!, replyTo(document!.request, "QUPC_IN060000UK32", { nhsNumber: patient, entries: [] })),
    );
    const result = await getPatientLrs(ctx(runtime()), { nhsNumber: patient, detail: "simple" });
    expect(result).toMatchObject({ detail: "simple", nhsNumber: patient, entries: [] });
    expect(spine.received[0]?.path).toBe("/reliablemessaging/queryrequest");
    expect(spine.received[0]?.document?.ebxml).toMatchObject({ ackRequested: false, duplicateElimination: false });
  });

  it("refuses to send what Spine would reject (validator rule names in the error), and stores nothing", async () => {
    spine.setScript(() => ({ status: 202 }));
    const error = await rejection(
      sendLrStatusChange(ctx(runtime()), { nhsNumber: patient, lrId: "LR-ID-MUCH-TOO-LONG-FOR-SPINE-0001", reasonCode: "06" }),
    );
    expect(error.code).toBe("spine_rejected");
    expect(error.message).toContain("ErrorBase1712.LR_ID_LENGTH");
    expect(spine.received).toHaveLength(0);
    expect(await findByMessageId(store.db, error.reference!)).toBeUndefined();
  });
});

describe("message journal", () => {
  it("writes every outbound and inbound body to one file per message (.http for ebXML multipart)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "lrm-journal-"));
    try {
      const rt = createSpineRuntime({
        store,
        options: testSpineOptions({ baseUrl: spine.url, messageLogDir: dir }),
        log,
        journal: fileJournal(dir),
      });
      setSpineRuntime(rt);
      spine.setScript(({ document }) =>
        acceptThenReply(document!, replyTo(document!.request, "REPC_IN020000UK13", { lrId: "LR0000000000000003AB" })),
      );
      const created = await createLegitimateRelationship(ctx(rt), { nhsNumber: patient, lrType: "01" });
      spine.setScript(({ document }) => soapReply(document!.request, replyTo(document!.request, "QUPC_IN030000UK14", { lrExists: true })));
      const confirmed = await confirmLr(ctx(rt), { nhsNumber: patient });
      await spine.settled();
      const files = await readdir(dir);
      const name = /^\d{8}T\d{9}Z-(outbound|inbound)-[A-Za-z_0-9]+-[A-Za-z0-9-]+(-\d+)?\.(xml|http)$/;
      for (const file of files) expect(file).toMatch(name);
      const outboundCreate = files.find((f) => f.includes(`-outbound-REPC_IN010000UK15-${created.messageId}.http`));
      expect(outboundCreate).toBeDefined();
      expect(await readFile(path.join(dir, outboundCreate!), "utf8")).toBe(spine.received[0]?.body);
      expect(files.some((f) => /-inbound-REPC_IN020000UK13-.*\.http$/.test(f))).toBe(true);
      expect(files.some((f) => f.endsWith(`-outbound-QUPC_IN010000UK32-${confirmed.messageId}.xml`))).toBe(true);
      expect(files.some((f) => /-inbound-QUPC_IN030000UK14-.*\.xml$/.test(f))).toBe(true);
      expect(files.some((f) => /-outbound-Acknowledgment-.*\.xml$/.test(f))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
