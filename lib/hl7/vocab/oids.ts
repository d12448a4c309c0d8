/** Identifier roots and code systems (docs/domain.md §2, §3, FOUND). */
export const OIDS = {
  nhsNumber: "2.16.840.1.113883.2.1.4.1",
  userId: "1.2.826.0.1285.0.2.0.65",
  roleProfileId: "1.2.826.0.1285.0.2.0.67",
  jobRoleCode: "1.2.826.0.1285.0.2.1.104",
  asid: "1.2.826.0.1285.0.2.0.107",
  odsOrganisation: "1.2.826.0.1285.0.1.10",
  sdsOrganisation: "1.2.826.0.1285.0.2.0.109",
  interactionId: "2.16.840.1.113883.2.1.3.2.4.12",
  lrId: "2.16.840.1.113883.2.1.3.2.4.18.3",
  lrType: "2.16.840.1.113883.2.1.3.2.4.16.11",
  scReasonCode: "2.16.840.1.113883.2.1.3.2.4.16.22",
  accessReasonCode: "2.16.840.1.113883.2.1.3.2.4.17.7",
  alertCode: "2.16.840.1.113883.2.1.3.2.4.17.8",
  confirmationRespType: "2.16.840.1.113883.2.1.3.2.4.17.9",
  detailsRespType: "2.16.840.1.113883.2.1.3.2.4.17.10",
  dissentOverride: "2.16.840.1.113883.2.1.3.2.4.17.60",
  workgroupType: "2.16.840.1.113883.2.1.3.2.4.17.181",
  workgroupAttribute: "2.16.840.1.113883.2.1.3.2.4.17.182",
  workgroupStatus: "2.16.840.1.113883.2.1.3.2.4.17.184",
  detectedIssueQualifier: "2.16.840.1.113883.2.1.3.2.4.17.104",
  tmsTransmissionError: "2.16.840.1.113883.2.1.3.2.4.17.32",
  hl7WrapperError: "2.16.840.1.113883.2.1.3.2.4.17.42",
  genericDomainError: "2.16.840.1.113883.2.1.3.2.4.16.34",
  psisError: "2.16.840.1.113883.2.1.3.2.4.17.33",
  acfFailureReason: "2.16.840.1.113883.2.1.3.2.4.17.12",
} as const;

/**
 * INFERRED placeholder code systems for CVs whose real vocabularies were NOT FOUND (docs/domain.md §3.9, §11).
 * They sit on the ITU-T example arc 2.999 — never on the NHS arc, where they could collide with a
 * real code system — as the alerts notes do (2.999.1 / 2.999.2 are theirs, docs/domain.md §10). Replace them
 * here when the real OIDs are known.
 */
export const PLACEHOLDER_OIDS = {
  workgroupMembershipAction: "2.999.3",
  identifiedWorkgroupsOnly: "2.999.4",
  workgroupMembershipFlag: "2.999.5",
  lrStatus: "2.999.6",
} as const;

export const HL7_NAMESPACE = "urn:hl7-org:v3";
