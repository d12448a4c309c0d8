import { Hl7CodecError } from "@/lib/hl7/errors";
import {
  actorEl,
  extensionOf,
  type LrActor,
  listSubjectEl,
  type PayloadCodec,
  readActor,
  readListSubject,
  readRecordTarget,
  recordTargetEl,
} from "@/lib/hl7/messages/payload-parts";
import type { Coded, Identifier } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { codeEl, nonNull, nullEl, optionalChildCoded, optionalTs, readChildCoded } from "@/lib/hl7/wrapper/datatypes";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, childElements, children, find, required, textOf } from "@/lib/hl7/xml/xml-query";

/** A subject as it appears in Simple/Complete LR lists. */
export type ListSubject =
  | { kind: "user"; roleProfileId: string; userId: string }
  | {
      kind: "workgroup";
      code?: Coded;
      workgroupId: string;
      workgroupName?: string;
      organizationId?: string;
      organizationName?: string;
    }
  | { kind: "other"; id: Identifier };

export interface SimpleLrEntry {
  lrId: string;
  /** simpleDetails/code (INFERRED: the LR type — see vocab LIST_FIELD_MEANING). */
  code: Coded;
  effectiveTime?: string;
  subject: ListSubject;
}

export interface CompleteLrEntry {
  lrId: string;
  /** INFERRED: the LR status. */
  code: Coded;
  effectiveTime?: { low?: string; high?: string };
  /** INFERRED: the LR type. */
  reasonCode: Coded;
  subject: ListSubject;
  author: LrActor;
  /** component/sCDetails: the last status change. */
  statusChange?: { reasonCode: Coded; author: LrActor };
  /** pertinentInformation/pertinentReasonTxt. */
  accessReason?: { text?: string; code?: Coded };
}

/**
 * QUPC_IN060000UK32 SimpleLRList (REPC_MT090101UK32) and QUPC_IN070000UK32 CompleteLRList (REPC_MT100101UK32).
 * Entry names and child order as the MIM 7.2.02 schemas (completeDetails: id, code, effectiveTime, reasonCode,
 * subject, author, component/sCDetails?, pertinentInformation/pertinentReasonTxt?); reading takes whatever
 * element sits in each `component`.
 */
export const LIST_ENTRY_NAMES = { simple: "simpleDetails", complete: "completeDetails", statusChange: "sCDetails" } as const;

function entryOf(component: XmlElement): XmlElement {
  const entry = childElements(component)[0];
  if (!entry) throw new Hl7CodecError("missing_element", "component/*");
  return entry;
}

export const simpleLrListCodec: PayloadCodec<{ nhsNumber: string; entries: SimpleLrEntry[] }> = {
  build: (p) =>
    el(
      "SimpleLRList",
      { classCode: "LIST", moodCode: "EVN" },
      recordTargetEl(p.nhsNumber),
      p.entries.map((e) =>
        el(
          "component",
          { typeCode: "COMP" },
          el(
            LIST_ENTRY_NAMES.simple,
            { classCode: "PCPR", moodCode: "EVN" },
            el("id", { root: OIDS.lrId, extension: e.lrId }),
            codeEl("code", e.code),
            e.effectiveTime !== undefined ? el("effectiveTime", { value: e.effectiveTime }) : undefined,
            listSubjectEl(e.subject),
          ),
        ),
      ),
    ),
  read: (root) => ({
    nhsNumber: readRecordTarget(root),
    entries: children(root, "component").map((c) => {
      const entry = entryOf(c);
      const result: SimpleLrEntry = {
        lrId: extensionOf(entry, "id"),
        code: readChildCoded(entry, "code"),
        subject: readListSubject(required(entry, "subject")),
      };
      const effectiveTime = optionalTs(entry, "effectiveTime");
      if (effectiveTime !== undefined) result.effectiveTime = effectiveTime;
      return result;
    }),
  }),
};

function completeEntryEl(e: CompleteLrEntry): XmlElement {
  return el(
    LIST_ENTRY_NAMES.complete,
    { classCode: "PCPR", moodCode: "EVN" },
    el("id", { root: OIDS.lrId, extension: e.lrId }),
    codeEl("code", e.code),
    // Mandatory in REPC_MT100101UK32: a null interval when the entry has no period.
    e.effectiveTime
      ? el(
          "effectiveTime",
          {},
          e.effectiveTime.low !== undefined ? el("low", { value: e.effectiveTime.low }) : undefined,
          e.effectiveTime.high !== undefined ? el("high", { value: e.effectiveTime.high }) : undefined,
        )
      : nullEl("effectiveTime"),
    codeEl("reasonCode", e.reasonCode),
    listSubjectEl(e.subject),
    actorEl(e.author),
    e.statusChange
      ? el(
          "component",
          { typeCode: "COMP" },
          el(
            LIST_ENTRY_NAMES.statusChange,
            { classCode: "ACT", moodCode: "EVN" },
            codeEl("reasonCode", e.statusChange.reasonCode),
            actorEl(e.statusChange.author),
          ),
        )
      : undefined,
    e.accessReason
      ? el(
          "pertinentInformation",
          { typeCode: "PERT" },
          el(
            "pertinentReasonTxt",
            { classCode: "PCPR", moodCode: "RQO" },
            e.accessReason.text !== undefined ? el("text", {}, e.accessReason.text) : undefined,
            e.accessReason.code ? codeEl("reasonCode", e.accessReason.code) : undefined,
          ),
        )
      : undefined,
  );
}

function readCompleteEntry(entry: XmlElement): CompleteLrEntry {
  const result: CompleteLrEntry = {
    lrId: extensionOf(entry, "id"),
    code: readChildCoded(entry, "code"),
    reasonCode: readChildCoded(entry, "reasonCode"),
    subject: readListSubject(required(entry, "subject")),
    author: readActor(required(entry, "author")),
  };
  const time = nonNull(child(entry, "effectiveTime"));
  if (time) {
    const low = attr(child(time, "low"), "value");
    const high = attr(child(time, "high"), "value");
    result.effectiveTime = {};
    if (low !== undefined) result.effectiveTime.low = low;
    if (high !== undefined) result.effectiveTime.high = high;
  }
  const sc = find(entry, "component/*");
  if (sc) result.statusChange = { reasonCode: readChildCoded(sc, "reasonCode"), author: readActor(required(sc, "author")) };
  const reason = find(entry, "pertinentInformation/*");
  if (reason) {
    result.accessReason = {};
    const text = child(reason, "text");
    if (text) result.accessReason.text = textOf(text) ?? "";
    const code = optionalChildCoded(reason, "reasonCode");
    if (code) result.accessReason.code = code;
  }
  return result;
}

export const completeLrListCodec: PayloadCodec<{ nhsNumber: string; entries: CompleteLrEntry[] }> = {
  build: (p) =>
    el(
      "CompleteLRList",
      { classCode: "LIST", moodCode: "EVN" },
      recordTargetEl(p.nhsNumber),
      p.entries.map((e) => el("component", { typeCode: "COMP" }, completeEntryEl(e))),
    ),
  read: (root) => ({
    nhsNumber: readRecordTarget(root),
    entries: children(root, "component").map((c) => readCompleteEntry(entryOf(c))),
  }),
};
