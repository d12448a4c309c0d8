import { emergencyAccessInput } from "@/lib/schemas/lr";
import { patientParams } from "@/lib/schemas/params";
import { withRoute } from "@/server/http/with-route";
import { emergencyAccess } from "@/server/lr/emergency-access";

export const dynamic = "force-dynamic";

/** Emergency access (dissent override) to the patient's LR list: audited, reason required. A POST: it is an action, not a read. */
export const POST = withRoute(({ lr, params, body }) => emergencyAccess(lr, params.nhsNumber, body), {
  access: { permission: "lr.emergencyView" },
  params: patientParams,
  body: emergencyAccessInput,
});
