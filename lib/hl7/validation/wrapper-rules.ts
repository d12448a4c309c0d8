import { attrAt, count, first, len, type ValidationRule } from "@/lib/hl7/validation/rule-helpers";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { attr } from "@/lib/hl7/xml/xml-query";

/** Generic rules for every LR-domain request (docs/domain.md §6.1). */
export const WRAPPER_RULES: readonly ValidationRule[] = [
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[id]",
    interactions: "all",
    description: "exactly one message id with a root",
    inferredName: true,
    check: ({ message }) => count(message, "id") === 1 && attrAt(message, "id", "root") !== undefined,
  },
  {
    name: "ErrorBase1712.UUID_TOO_LONG",
    interactions: "all",
    description: "message id root at most 36 characters",
    check: ({ message }) => len(attrAt(message, "id", "root")) <= 36,
  },
  {
    name: "ErrorBase1712.INTERACTION_ID_TOO_LONG",
    interactions: "all",
    description: "interactionId extension at most 17 characters",
    inferredName: true,
    check: ({ message }) => len(attrAt(message, "interactionId", "extension")) <= 17,
  },
  {
    name: "ErrorBase1712.SENDER_ASID_TOO_LONG",
    interactions: "all",
    description: "sender ASID at most 12 characters",
    inferredName: true,
    check: ({ message }) => len(attrAt(message, "communicationFunctionSnd/device/id", "extension")) <= 12,
  },
  {
    name: "ErrorBase1712.INVALID_CREATION_TIME",
    interactions: "all",
    description: "creationTime is YYYYMMDDHHMM[SS][±ZZzz] (12, 14 or 19 characters)",
    inferredName: true,
    check: ({ message }) => /^\d{12}(\d{2}([+-]\d{4})?)?$/.test(attrAt(message, "creationTime", "value") ?? ""),
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[versionCode]",
    interactions: "all",
    description: "versionCode code present and non-empty (value not checked)",
    inferredName: true,
    check: ({ message }) => len(attrAt(message, "versionCode", "code")) > 0,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[communicationFunctionRcv]",
    interactions: "all",
    description: "receiver device id root present",
    inferredName: true,
    check: ({ message }) => attrAt(message, "communicationFunctionRcv/device/id", "root") !== undefined,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[communicationFunctionSnd]",
    interactions: "all",
    description: "sender device id root present",
    inferredName: true,
    check: ({ message }) => attrAt(message, "communicationFunctionSnd/device/id", "root") !== undefined,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING[author1]",
    interactions: "all",
    description: "ControlActEvent/author1/AgentSystemSDS/agentSystemSDS/id with the ASID root",
    inferredName: true,
    check: ({ controlAct }) =>
      count(controlAct, "author1/AgentSystemSDS/agentSystemSDS/id") > 0 &&
      attrAt(controlAct, "author1/AgentSystemSDS/agentSystemSDS/id", "root") === OIDS.asid,
  },
  {
    name: "ErrorBase1733.MANDATORY_FIELD_MISSING",
    interactions: "all",
    description: "a ControlActEvent/author/AgentPersonSDS carries URP (.67), UID (.65) and job role (.2.1.104)",
    check: ({ controlAct }) => {
      const person = first(controlAct, "author/AgentPersonSDS");
      if (!person) return true;
      const has = (path: string, root: string) => {
        const id = first(person, path);
        return id !== undefined && attr(id, "root") === root && len(attr(id, "extension")) > 0;
      };
      return has("id", OIDS.roleProfileId) && has("agentPersonSDS/id", OIDS.userId) && has("part/partSDSRole/id", OIDS.jobRoleCode);
    },
  },
];
