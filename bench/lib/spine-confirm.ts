import { buildSoapRequest, type Hl7Request, makeRequestHeader } from "@/lib/hl7";

/**
 * Sync confirm queries (QUPC_IN010000UK32 in SOAP) as the BFF sends them to the simulator, from
 * the sender the simulator's SDS registry knows (simulator/data/sds-registry.json: the BFF entry)
 * about patients its default scenario seeds (simulator/data/notable-patients.json).
 */

export const BENCH_SENDER = { asid: "900000000001" } as const;
export const SIMULATOR_SPINE_ASID = "990000000001";
/** The GP persona's role profile: holds an active LR with gpActive, none with noLrs. */
export const GP_AUTHOR = { roleProfileId: "900000000101", userId: "900000000001", jobRoleCode: "S8000:G8000:R8000" } as const;
export const CONFIRM_PATIENTS = [
  { key: "gpActive", nhsNumber: "9990010048", lrExists: true },
  { key: "noLrs", nhsNumber: "9990010013", lrExists: false },
  { key: "manyLrs", nhsNumber: "9990010005", lrExists: undefined },
] as const;

export interface SoapPost {
  body: string;
  headers: Record<string, string>;
}

export function confirmQuery(nhsNumber: string): Hl7Request {
  return {
    interactionId: "QUPC_IN010000UK32",
    header: makeRequestHeader({ senderAsid: BENCH_SENDER.asid, receiverAsid: SIMULATOR_SPINE_ASID, author: { ...GP_AUTHOR } }),
    payload: { nhsNumber, responseType: "01" },
  };
}

export function confirmPost(simulatorUrl: string, nhsNumber: string): SoapPost {
  const message = buildSoapRequest(confirmQuery(nhsNumber), { to: `${simulatorUrl}/sync-service`, fromAddress: "http://127.0.0.1:3000" });
  return { body: message.body, headers: { "content-type": message.contentType, soapaction: message.soapAction } };
}

/**
 * A pool of distinct requests (fresh message ids, patients in turn), built before the clock
 * starts so the load generator spends its time sending, not building XML.
 */
export function confirmPool(simulatorUrl: string, size: number): SoapPost[] {
  return Array.from({ length: size }, (_, i) =>
    confirmPost(simulatorUrl, CONFIRM_PATIENTS[i % CONFIRM_PATIENTS.length]?.nhsNumber ?? "9990010048"),
  );
}
