import { selfClaimInput } from "@/lib/schemas/lr";
import { patientParams } from "@/lib/schemas/params";
import { withRoute } from "@/server/http/with-route";
import { listPatientLrs } from "@/server/lr/list-patient-lrs";
import { selfClaimLr } from "@/server/lr/self-claim-lr";

export const dynamic = "force-dynamic";

/** The patient's LRs (simple or complete, by the role's permissions). */
export const GET = withRoute(({ lr, params }) => listPatientLrs(lr, params.nhsNumber), {
  access: { permission: "lr.view" },
  params: patientParams,
});

/** Self-claim an LR (for me or my workgroup); other types where the role has lr.create. */
export const POST = withRoute(({ lr, params, body }) => selfClaimLr(lr, params.nhsNumber, body), {
  access: { permission: "lr.selfClaim" },
  params: patientParams,
  body: selfClaimInput,
});
