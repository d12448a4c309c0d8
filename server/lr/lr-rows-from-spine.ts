import "server-only";
import type { CompleteLrEntry, ListSubject, LrActor, SimpleLrEntry } from "@/lib/hl7/types";
import { ACCESS_REASON_CODES, LIST_FIELD_MEANING, LR_TYPES } from "@/lib/hl7/vocab/lr-codes";
import { LR_STATUSES, type LrStatus } from "@/lib/hl7/vocab/lr-status";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import type { LrRow } from "@/lib/schemas/patient-lrs";
import { isoDateOf } from "@/lib/ui/clinical-dates";
import { personLabel, workgroupLabel } from "@/lib/ui/directory-names";

/**
 * Whose point of view the list is shown from: "You" and "your workgroup" depend on it; and the
 * names the directory gave for the people and workgroups in it (an id it could not name is shown
 * as "Name not available").
 */
export interface Viewer {
  roleProfileId: string;
  workgroupIds: readonly string[];
  names?: { users: ReadonlyMap<string, string>; workgroups: ReadonlyMap<string, string> };
}

/** Every user and workgroup id a list names (subjects, authors, last changes), for one directory look-up. */
export function idsToName(entries: readonly (SimpleLrEntry | CompleteLrEntry)[]): { userIds: string[]; workgroupIds: string[] } {
  const userIds = new Set<string>();
  const workgroupIds = new Set<string>();
  const actor = (a: LrActor | undefined) => {
    if (a?.kind === "user") userIds.add(a.userId);
  };
  for (const entry of entries) {
    if (entry.subject.kind === "user") userIds.add(entry.subject.userId);
    if (entry.subject.kind === "workgroup" && !entry.subject.workgroupName) workgroupIds.add(entry.subject.workgroupId);
    if ("author" in entry) {
      actor(entry.author);
      actor(entry.statusChange?.author);
    }
  }
  return { userIds: [...userIds], workgroupIds: [...workgroupIds] };
}

function typeName(code: string, displayName: string | undefined): string {
  return displayNameOf(LR_TYPES, code) ?? (displayName || `Type ${code}`);
}

function subjectOf(subject: ListSubject, viewer: Viewer): LrRow["subject"] {
  switch (subject.kind) {
    case "user":
      return subject.roleProfileId === viewer.roleProfileId
        ? { kind: "me", label: "You", mine: true }
        : {
            kind: "user",
            label: personLabel(viewer.names?.users.get(subject.userId), subject.userId),
            mine: false,
            userId: subject.userId,
          };
    case "workgroup": {
      const name = workgroupLabel(subject.workgroupName ?? viewer.names?.workgroups.get(subject.workgroupId), subject.workgroupId);
      const mine = viewer.workgroupIds.includes(subject.workgroupId);
      return {
        kind: "workgroup",
        label: mine ? `${name} (your workgroup)` : name,
        mine,
        workgroupName: name,
        workgroupId: subject.workgroupId,
      };
    }
    default:
      return { kind: "other", label: "Other person", mine: false };
  }
}

function actorLabel(actor: LrActor, viewer: Viewer): string {
  if (actor.kind === "system") return `System (ASID ${actor.asid})`;
  return actor.roleProfileId === viewer.roleProfileId ? "You" : personLabel(viewer.names?.users.get(actor.userId), actor.userId);
}

function statusOf(entry: CompleteLrEntry): LrStatus | undefined {
  const code = entry[LIST_FIELD_MEANING.complete.status].code.toLowerCase();
  return (LR_STATUSES as readonly string[]).includes(code) ? (code as LrStatus) : undefined;
}

export function rowFromSimple(entry: SimpleLrEntry, viewer: Viewer): LrRow {
  const type = entry[LIST_FIELD_MEANING.simple.lrType];
  const startDate = isoDateOf(entry.effectiveTime);
  return {
    lrId: entry.lrId,
    typeCode: type.code,
    typeName: typeName(type.code, type.displayName),
    subject: subjectOf(entry.subject, viewer),
    ...(startDate ? { startDate } : {}),
  };
}

export function rowFromComplete(entry: CompleteLrEntry, viewer: Viewer): LrRow {
  const type = entry[LIST_FIELD_MEANING.complete.lrType];
  const status = statusOf(entry);
  const startDate = isoDateOf(entry.effectiveTime?.low);
  const endDate = isoDateOf(entry.effectiveTime?.high);
  const reasonCode = entry.accessReason?.code?.code;
  const accessReason = [reasonCode ? displayNameOf(ACCESS_REASON_CODES, reasonCode) : undefined, entry.accessReason?.text]
    .filter(Boolean)
    .join(": ");
  return {
    lrId: entry.lrId,
    typeCode: type.code,
    typeName: typeName(type.code, type.displayName),
    ...(status ? { status } : {}),
    subject: subjectOf(entry.subject, viewer),
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    author: actorLabel(entry.author, viewer),
    ...(entry.statusChange
      ? {
          lastChange: {
            reason: entry.statusChange.reasonCode.displayName || entry.statusChange.reasonCode.code,
            by: actorLabel(entry.statusChange.author, viewer),
          },
        }
      : {}),
    ...(accessReason ? { accessReason } : {}),
  };
}
