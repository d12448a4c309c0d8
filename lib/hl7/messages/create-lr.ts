import { Hl7CodecError } from "@/lib/hl7/errors";
import {
  createAuthorEl,
  lrSubjectEl,
  type PayloadCodec,
  readCreateAuthor,
  readLrSubject,
  readRecordTarget,
  recordTargetEl,
} from "@/lib/hl7/messages/payload-parts";
import type { Coded, Identifier } from "@/lib/hl7/types";
import { ACCESS_REASON_CODES, ALERT_CODES, LR_TYPES } from "@/lib/hl7/vocab/lr-codes";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import { el } from "@/lib/hl7/xml/xml-node";
import { attr, child, find, required, requiredAttr, textOf } from "@/lib/hl7/xml/xml-query";

/** LR subject: a user (URP + UID), a workgroup, or an OtherPerson. */
export type LrSubject =
  | { kind: "user"; roleProfileId: string; userId: string }
  | {
      kind: "workgroup";
      /** agentOrganizationSDS/id extension (12 digits for an SDS workgroup, or an ODS code). */
      workgroupId: string;
      /** Defaults to the SDS organisation/workgroup OID (…0.2.0.109); ODS root (…0.1.10) allowed. */
      workgroupIdRoot?: string;
      /** Optional AgentOrgSDS/id (root …0.2.0.67, exactly 12 chars). */
      roleProfileId?: string;
      code?: Coded;
    }
  | { kind: "other"; id: Identifier };

/** Author of a create request: a person (AgentPerson) or a system (AgentDeviceSDS). */
export type CreateLrAuthor =
  | {
      kind: "user";
      roleProfileId: string;
      userId: string;
      /** representedOrganization/id (root …0.2.0.109): the author's workgroups. */
      workgroupIds?: string[];
    }
  | { kind: "system"; asid: string };

export interface CreateLrRequest {
  /** Start of the LR, exactly 14 chars (YYYYMMDDHHMMSS). */
  effectiveTime?: string;
  /** LRType code (…16.11), e.g. "08" Self Claimed Relationship. */
  lrType: string;
  subject: LrSubject;
  nhsNumber: string;
  author: CreateLrAuthor;
  /** pertinentInformation/pertinentLRReason. */
  accessReason?: { text?: string; code?: string };
  /** reason/justifyingAlertRequest/code: true → "True", false → "False" (Dont Know). */
  alertRequested?: boolean;
}

/** REPC_IN010000UK15 payload: CreateRequest (REPC_MT010101UK15), element order per docs/domain.md §5.2. */
export const createLrCodec: PayloadCodec<CreateLrRequest> = {
  build(p) {
    return el(
      "CreateRequest",
      { classCode: "PCPR", moodCode: "RQO" },
      p.effectiveTime !== undefined ? el("effectiveTime", { value: p.effectiveTime }) : undefined,
      el("reasonCode", { code: p.lrType, codeSystem: OIDS.lrType, displayName: displayNameOf(LR_TYPES, p.lrType) }),
      lrSubjectEl(p.subject),
      recordTargetEl(p.nhsNumber),
      createAuthorEl(p.author),
      p.accessReason
        ? el(
            "pertinentInformation",
            { typeCode: "PERT" },
            el(
              "pertinentLRReason",
              { classCode: "PCPR", moodCode: "PRP" },
              p.accessReason.text !== undefined ? el("text", {}, p.accessReason.text) : undefined,
              p.accessReason.code !== undefined
                ? el("reasonCode", {
                    code: p.accessReason.code,
                    codeSystem: OIDS.accessReasonCode,
                    displayName: displayNameOf(ACCESS_REASON_CODES, p.accessReason.code),
                  })
                : undefined,
            ),
          )
        : undefined,
      p.alertRequested !== undefined
        ? el(
            "reason",
            { typeCode: "RSON" },
            el(
              "justifyingAlertRequest",
              { classCode: "ALRT", moodCode: "RQO" },
              el("code", {
                code: p.alertRequested ? "True" : "False",
                codeSystem: OIDS.alertCode,
                displayName: displayNameOf(ALERT_CODES, p.alertRequested ? "True" : "False"),
              }),
            ),
          )
        : undefined,
    );
  },
  read(root) {
    const request: CreateLrRequest = {
      lrType: requiredAttr(required(root, "reasonCode"), "code", "CreateRequest/reasonCode"),
      subject: readLrSubject(required(root, "subject")),
      nhsNumber: readRecordTarget(root),
      author: readCreateAuthor(required(root, "author")),
    };
    const effectiveTime = attr(child(root, "effectiveTime"), "value");
    if (effectiveTime !== undefined) request.effectiveTime = effectiveTime;
    const reason = find(root, "pertinentInformation/pertinentLRReason");
    if (reason) {
      const accessReason: { text?: string; code?: string } = {};
      const text = child(reason, "text");
      if (text) accessReason.text = textOf(text) ?? "";
      const code = attr(child(reason, "reasonCode"), "code");
      if (code !== undefined) accessReason.code = code;
      request.accessReason = accessReason;
    }
    const alert = find(root, "reason/justifyingAlertRequest/code");
    if (alert) {
      const code = requiredAttr(alert, "code", "justifyingAlertRequest/code");
      if (code !== "True" && code !== "False") throw new Hl7CodecError("invalid_value", "justifyingAlertRequest/code");
      request.alertRequested = code === "True";
    }
    return request;
  },
};
