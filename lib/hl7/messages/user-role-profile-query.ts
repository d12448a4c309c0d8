import { iiParam, type PayloadCodec, paramExtension, SEMANTICS_TEXT } from "@/lib/hl7/messages/payload-parts";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { el } from "@/lib/hl7/xml/xml-node";
import { attr, child, find } from "@/lib/hl7/xml/xml-query";

export interface UserRoleProfileQuery {
  userId: string;
  /** parameterList/organizationCode (ODS). */
  organizationCode?: string;
  /** parameterList/userRoleProfileID. */
  roleProfileId?: string;
}

/**
 * QUPC_IN010102UK01 payload: query (QUPC_MT010102UK01): parameterList{organizationCode?, userRoleProfileID?}, userID.
 * parameterList is mandatory in the schema even when both its parameters are absent (then it is empty);
 * reading also accepts a query without it.
 */
export const userRoleProfileQueryCodec: PayloadCodec<UserRoleProfileQuery> = {
  build(p) {
    return el(
      "query",
      {},
      el(
        "parameterList",
        {},
        p.organizationCode !== undefined
          ? iiParam("organizationCode", OIDS.odsOrganisation, p.organizationCode, SEMANTICS_TEXT.organizationCode)
          : undefined,
        p.roleProfileId !== undefined
          ? iiParam("userRoleProfileID", OIDS.roleProfileId, p.roleProfileId, SEMANTICS_TEXT.roleProfileId)
          : undefined,
      ),
      iiParam("userID", OIDS.userId, p.userId, SEMANTICS_TEXT.userId),
    );
  },
  read(root) {
    const query: UserRoleProfileQuery = { userId: paramExtension(root, "userID") };
    const list = child(root, "parameterList");
    if (list) {
      const org = attr(find(list, "organizationCode/value"), "extension");
      const urp = attr(find(list, "userRoleProfileID/value"), "extension");
      if (org !== undefined) query.organizationCode = org;
      if (urp !== undefined) query.roleProfileId = urp;
    }
    return query;
  },
};
