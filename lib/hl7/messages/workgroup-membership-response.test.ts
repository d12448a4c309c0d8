import { describe, expect, it } from "vitest";
import { replyHeader } from "@/lib/hl7/fixtures/samples";
import { buildReply, parseReply } from "@/lib/hl7/replies";
import type { Hl7Reply } from "@/lib/hl7/types";
import { PLACEHOLDER_CODES } from "@/lib/hl7/vocab/workgroup-codes";

/** REPC_IN130003UK01 / REPC_IN130005UK01 (REPC_MT130004UK01 / REPC_MT130006UK01): participations SBJ, flag code mandatory. */
const reply = (interactionId: "REPC_IN130003UK01" | "REPC_IN130005UK01", flag?: { code?: { code: string }; value: boolean }) =>
  ({
    interactionId,
    header: replyHeader,
    payload: { code: { code: "ADD" }, roleProfileId: "900000000102", ...(flag ? { flag } : {}) },
  }) as Hl7Reply;

describe("workgroup membership responses", () => {
  it.each([
    ["REPC_IN130003UK01", "alreadyAMember"],
    ["REPC_IN130005UK01", "wasNotAMember"],
  ] as const)("%s writes subject and subjectOf with typeCode SBJ around %s", (id, flagName) => {
    const payload = buildReply(reply(id, { code: { code: "X" }, value: true })).split(
      /<(?:AddToWorkgroupResponse|RemoveFromWorkgroupResponse) /,
    )[1]!;
    expect(payload).toMatch(
      new RegExp(`<subject typeCode="SBJ"><agentPersonSDS classCode="AGNT"><id [^>]*/><subjectOf typeCode="SBJ"><${flagName} `),
    );
    expect(payload).not.toContain('"SUBJ"');
  });

  it.each([
    ["REPC_IN130003UK01", PLACEHOLDER_CODES.alreadyAMember],
    ["REPC_IN130005UK01", PLACEHOLDER_CODES.wasNotAMember],
  ] as const)("%s writes the placeholder flag code when the payload has none (the code is mandatory)", (id, code) => {
    const parsed = parseReply(buildReply(reply(id, { value: false })));
    expect(parsed.payload).toMatchObject({ flag: { code: { code: code.code, codeSystem: code.codeSystem }, value: false } });
  });
});
