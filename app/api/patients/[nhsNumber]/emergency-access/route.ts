import { emergencyAccessInput } from "@/lib/ui/lr-forms";
import { withRoute } from "@/server/http/with-route";
import { clinicianForRoute, lrContextFor } from "@/server/patients/clinician";
import { emergencyAccess } from "@/server/patients/emergency-access";
import { nhsNumberParam } from "@/server/patients/route-params";

export const dynamic = "force-dynamic";

/** Emergency access (dissent override) to the patient's LR list: audited, reason required. A POST: it is an action, not a read. */
export const POST = withRoute(
  async ({ params, session, body, log, requestId }) => {
    const clinician = await clinicianForRoute(session);
    return emergencyAccess(clinician, lrContextFor(clinician, log), nhsNumberParam(params), body, requestId);
  },
  { access: { permission: "lr.emergencyView" }, body: emergencyAccessInput },
);
