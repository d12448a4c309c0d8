import { extensionOf, optionalExtension, type PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { nonNull, nullEl } from "@/lib/hl7/wrapper/datatypes";
import { el } from "@/lib/hl7/xml/xml-node";
import { child, children, find, required, textOf } from "@/lib/hl7/xml/xml-query";

export interface RoleProfile {
  roleProfileId: string;
  /** representedOrganizationSDS/id (ODS code). */
  organizationId?: string;
  /** representedOrganizationSDS/name: the element is mandatory and carries a name (docs/domain.md §5.3). */
  organizationName: string;
  jobRoleCode?: string;
  workgroups: { workgroupId: string; name?: string }[];
}

/**
 * QUPC_IN010103UK01 URPIDResponse (REPC_MT130002UK01), element order as the schema sequence (docs/domain.md §5.3):
 * subject/identifiedUser/identifiedPersonSDS{id(UID), playedAgentPersonSDS*{id(URP), representedOrganizationSDS{id, name},
 * part2/partSDSRole/code, part1[0..*] partAgentOrgSDS/agentWorkgroupSDS{id, name}}}. Every one of those is mandatory in
 * the schema: an ODS id, job role or workgroup name the payload lacks is written with nullFlavor and read as absent.
 */
const ORG = { classCode: "ORG", determinerCode: "INSTANCE" };

export const urpResponseCodec: PayloadCodec<{ userId: string; roleProfiles: RoleProfile[] }> = {
  build: (p) =>
    el(
      "URPIDResponse",
      { classCode: "OBS", moodCode: "EVN" },
      el(
        "subject",
        { typeCode: "SBJ" },
        el(
          "identifiedUser",
          { classCode: "IDENT" },
          el(
            "identifiedPersonSDS",
            { classCode: "PSN", determinerCode: "INSTANCE" },
            el("id", { root: OIDS.userId, extension: p.userId }),
            p.roleProfiles.map((rp) =>
              el(
                "playedAgentPersonSDS",
                { classCode: "AGNT" },
                el("id", { root: OIDS.roleProfileId, extension: rp.roleProfileId }),
                el(
                  "representedOrganizationSDS",
                  ORG,
                  rp.organizationId !== undefined ? el("id", { root: OIDS.odsOrganisation, extension: rp.organizationId }) : nullEl("id"),
                  el("name", {}, rp.organizationName),
                ),
                el(
                  "part2",
                  { typeCode: "PART" },
                  el(
                    "partSDSRole",
                    { classCode: "ROL" },
                    rp.jobRoleCode !== undefined ? el("code", { code: rp.jobRoleCode, codeSystem: OIDS.jobRoleCode }) : nullEl("code"),
                  ),
                ),
                rp.workgroups.map((w) =>
                  el(
                    "part1",
                    { typeCode: "PART" },
                    el(
                      "partAgentOrgSDS",
                      { classCode: "AGNT" },
                      el(
                        "agentWorkgroupSDS",
                        ORG,
                        el("id", { root: OIDS.sdsOrganisation, extension: w.workgroupId }),
                        w.name !== undefined ? el("name", {}, w.name) : nullEl("name"),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  read(root) {
    const person = required(root, "subject/identifiedUser/identifiedPersonSDS");
    return {
      userId: extensionOf(person, "id"),
      roleProfiles: children(person, "playedAgentPersonSDS").map((p) => {
        const org = required(p, "representedOrganizationSDS");
        const rp: RoleProfile = {
          roleProfileId: extensionOf(p, "id"),
          organizationName: textOf(required(org, "name")) ?? "",
          workgroups: children(p, "part1").map((part) => {
            const wg = required(part, "partAgentOrgSDS/agentWorkgroupSDS");
            const w: { workgroupId: string; name?: string } = { workgroupId: extensionOf(wg, "id") };
            const name = nonNull(child(wg, "name"));
            if (name) w.name = textOf(name) ?? "";
            return w;
          }),
        };
        const id = optionalExtension(org, "id");
        if (id !== undefined) rp.organizationId = id;
        const role = find(p, "part2/partSDSRole/code") ?? find(p, "part2/partSDSRole/id");
        const jobRole = role?.attrs.code ?? role?.attrs.extension;
        if (jobRole !== undefined) rp.jobRoleCode = jobRole;
        return rp;
      }),
    };
  },
};
