import { changeStatusInput } from "@/lib/ui/lr-forms";
import { withRoute } from "@/server/http/with-route";
import { changeLrStatusChecked } from "@/server/patients/change-lr-status-checked";
import { clinicianForRoute, lrContextFor } from "@/server/patients/clinician";
import { lrIdParam, nhsNumberParam } from "@/server/patients/route-params";

export const dynamic = "force-dynamic";

/** Change an LR's status; the transition is re-checked against Spine's current status first. */
export const POST = withRoute(
  async ({ params, session, body, log }) => {
    const clinician = await clinicianForRoute(session);
    const nhsNumber = nhsNumberParam({ nhsNumber: body.nhsNumber });
    return changeLrStatusChecked(lrContextFor(clinician, log), lrIdParam(params), { ...body, nhsNumber });
  },
  { access: { permission: "lr.changeStatus" }, body: changeStatusInput },
);
