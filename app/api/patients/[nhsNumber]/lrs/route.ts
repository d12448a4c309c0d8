import { selfClaimInput } from "@/lib/ui/lr-forms";
import { withRoute } from "@/server/http/with-route";
import { clinicianForRoute, lrContextFor } from "@/server/patients/clinician";
import { getPatientLrList } from "@/server/patients/get-patient-lr-list";
import { nhsNumberParam } from "@/server/patients/route-params";
import { selfClaimLr } from "@/server/patients/self-claim-lr";

export const dynamic = "force-dynamic";

/** The patient's LRs (simple or complete, by the role's permissions). */
export const GET = withRoute(
  async ({ params, session, log }) => {
    const clinician = await clinicianForRoute(session);
    return getPatientLrList(clinician, lrContextFor(clinician, log), { nhsNumber: nhsNumberParam(params) });
  },
  { access: { permission: "lr.view" } },
);

/** Self-claim an LR (for me or my workgroup); other types where the role has lr.create. */
export const POST = withRoute(
  async ({ params, session, body, log }) => {
    const clinician = await clinicianForRoute(session);
    return selfClaimLr(clinician, lrContextFor(clinician, log), nhsNumberParam(params), body);
  },
  { access: { permission: "lr.selfClaim" }, body: selfClaimInput },
);
