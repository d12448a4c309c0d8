import { personas } from "@/lib/personas";
import notable from "@/simulator/data/notable-patients.json";
import { ordinaryNhsNumbers } from "@/simulator/seed/patients";
import type { SeedLr } from "@/simulator/seed/seed-lr";

/** Role profiles / workgroups the hand-written LRs refer to; seed-world checks each exists in the personas. */
const GP = "900000000101";
const NURSE = "900000000201";
const NURSE_COMMUNITY = "900000000202";
const AHP = "900000001001";
const LOCUM_SURGERY = "900000000701";
const LOCUM_HOSPITAL = "900000000705";
const LOCUM_URGENT = "900000000706";
const ED_NURSES = "900000000501";
const PO_TEAM = "900000000502";
const GP_PARTNERS = "900000000503";
const URGENT_CARE = "900000000504";
/** The LR Manager BFF's ASID (data/sds-registry.json) authoring a system-created LR. */
const BFF_ASID = "900000000001";

function notableNhsNumber(key: string): string {
  const entry = notable.patients.find((patient) => patient.key === key);
  if (!entry) throw new Error(`notable patient ${key} missing from data/notable-patients.json`);
  return entry.nhsNumber;
}

const user = (roleProfileId: string) => ({ kind: "user" as const, roleProfileId });
const workgroup = (workgroupId: string) => ({ kind: "workgroup" as const, workgroupId });

/** The patient with many LRs: every status, many types, user and workgroup subjects, history back to 2019. */
function manyLrs(nhsNumber: string): SeedLr[] {
  return [
    { nhsNumber, subject: user(GP), lrType: "11", author: user(GP), start: "20190312093000" },
    { nhsNumber, subject: workgroup(GP_PARTNERS), lrType: "07", author: user(GP), start: "20190312093500" },
    {
      nhsNumber,
      subject: user(NURSE),
      lrType: "06",
      author: user(NURSE),
      start: "20200105101500",
      history: [
        { reasonCode: "04", at: "20200705101500" },
        { reasonCode: "05", at: "20201105101500" },
      ],
    },
    {
      nhsNumber,
      subject: user(LOCUM_HOSPITAL),
      lrType: "06",
      author: user(LOCUM_HOSPITAL),
      start: "20210210140000",
      history: [{ reasonCode: "11", at: "20210301120000", byRoleProfileId: LOCUM_HOSPITAL }],
    },
    { nhsNumber, subject: workgroup(ED_NURSES), lrType: "06", author: user(NURSE), start: "20220614080000" },
    {
      nhsNumber,
      subject: user(NURSE),
      lrType: "08",
      author: user(NURSE),
      start: "20230120221500",
      accessReason: { code: "04", text: "Attended the emergency department" },
      alertRequested: true,
      history: [{ reasonCode: "04", at: "20230720000000" }],
    },
    { nhsNumber, subject: user(AHP), lrType: "04", author: user(AHP), start: "20230301110000", accessReason: { code: "18" } },
    {
      nhsNumber,
      subject: user(LOCUM_URGENT),
      lrType: "10",
      author: user(LOCUM_URGENT),
      start: "20230915163000",
      history: [{ reasonCode: "06", at: "20231001090000", byRoleProfileId: LOCUM_URGENT }],
    },
    {
      nhsNumber,
      subject: workgroup(URGENT_CARE),
      lrType: "06",
      author: user(LOCUM_URGENT),
      start: "20240101120000",
      history: [
        { reasonCode: "02", at: "20240601000000" },
        { reasonCode: "08", at: "20240701090000" },
      ],
    },
    {
      nhsNumber,
      subject: user(GP),
      lrType: "01",
      author: user(GP),
      start: "20240210100000",
      history: [{ reasonCode: "15", at: "20240310100000", byRoleProfileId: GP }],
    },
    { nhsNumber, subject: user(LOCUM_SURGERY), lrType: "03", author: user(GP), start: "20240505090000" },
    { nhsNumber, subject: workgroup(PO_TEAM), lrType: "02", author: { kind: "system", asid: BFF_ASID }, start: "20240812150000" },
    { nhsNumber, subject: user(NURSE_COMMUNITY), lrType: "05", author: user(NURSE_COMMUNITY), start: "20241002113000" },
  ];
}

/** Role profiles that can hold clinical LRs: any persona role with a record-viewing activity. */
function clinicalRoleProfileIds(): string[] {
  return personas.flatMap((persona) =>
    persona.roles
      .filter((role) => role.activity_codes.some((code) => code === "B0370" || code === "B0360"))
      .map((role) => role.person_roleid),
  );
}

/** One or two LRs per ordinary patient, rotating subjects, types and statuses deterministically. */
function ordinaryLrs(nhsNumber: string, index: number, clinicians: readonly string[]): SeedLr[] {
  const clinician = clinicians[index % clinicians.length] ?? GP;
  const year = 2016 + (index % 9);
  const lrs: SeedLr[] = [
    {
      nhsNumber,
      subject: user(clinician),
      lrType: index % 2 === 0 ? "11" : "07",
      author: user(clinician),
      start: `${year}0${(index % 9) + 1}15090000`,
    },
  ];
  if (index % 3 === 0) {
    const team = [ED_NURSES, GP_PARTNERS, URGENT_CARE][(index / 3) % 3] ?? ED_NURSES;
    const history =
      index % 9 === 0
        ? [{ reasonCode: "11", at: `${year + 1}0301120000` }]
        : index % 9 === 6
          ? [{ reasonCode: "04", at: `${year + 1}0601000000` }]
          : [];
    lrs.push({ nhsNumber, subject: workgroup(team), lrType: "06", author: user(clinician), start: `${year}1001080000`, history });
  }
  return lrs;
}

/** The "default" scenario's LRs. */
export function defaultScenarioLrs(): SeedLr[] {
  const lrs: SeedLr[] = [
    ...manyLrs(notableNhsNumber("manyLrs")),
    {
      nhsNumber: notableNhsNumber("deceased"),
      subject: user(GP),
      lrType: "11",
      author: user(GP),
      start: "20150401090000",
      history: [{ reasonCode: "03", at: "20241103070000" }],
    },
    { nhsNumber: notableNhsNumber("gpActive"), subject: user(GP), lrType: "11", author: user(GP), start: "20220101090000" },
    {
      nhsNumber: notableNhsNumber("workgroupOnly"),
      subject: workgroup(ED_NURSES),
      lrType: "06",
      author: user(NURSE),
      start: "20240901103000",
    },
    {
      nhsNumber: notableNhsNumber("frozenOnly"),
      subject: user(NURSE),
      lrType: "06",
      author: user(NURSE),
      start: "20230301090000",
      history: [{ reasonCode: "04", at: "20230901000000" }],
    },
    {
      nhsNumber: notableNhsNumber("closedOnly"),
      subject: user(GP),
      lrType: "06",
      author: user(GP),
      start: "20220301090000",
      history: [{ reasonCode: "06", at: "20220401090000", byRoleProfileId: GP }],
    },
    {
      nhsNumber: notableNhsNumber("selfClaimed"),
      subject: user(NURSE),
      lrType: "08",
      author: user(NURSE),
      start: "20241120031500",
      accessReason: { code: "04", text: "Emergency attendance, patient unconscious" },
      alertRequested: true,
    },
  ];
  const reserved = new Set(notable.patients.map((patient) => patient.nhsNumber));
  const clinicians = clinicalRoleProfileIds();
  ordinaryNhsNumbers().forEach((nhsNumber, index) => {
    if (!reserved.has(nhsNumber)) lrs.push(...ordinaryLrs(nhsNumber, index, clinicians));
  });
  return lrs;
}
