import { withRoute } from "@/server/http/with-route";
import { clinicianForRoute, lrContextFor } from "@/server/patients/clinician";
import { getPatientRelationship } from "@/server/patients/get-patient-relationship";
import { nhsNumberParam } from "@/server/patients/route-params";

export const dynamic = "force-dynamic";

/** "Do I (or my workgroups) have an LR with this patient?" — Spine's confirm query. */
export const GET = withRoute(
  async ({ params, session, log }) => {
    const clinician = await clinicianForRoute(session);
    return getPatientRelationship(lrContextFor(clinician, log), nhsNumberParam(params));
  },
  { access: { permission: "lr.view" } },
);
