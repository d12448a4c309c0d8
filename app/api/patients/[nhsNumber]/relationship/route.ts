import { patientParams } from "@/lib/schemas/params";
import { withRoute } from "@/server/http/with-route";
import { checkRelationship } from "@/server/lr/check-relationship";

export const dynamic = "force-dynamic";

/** "Do I (or my workgroups) have an LR with this patient?" — Spine's confirm query. */
export const GET = withRoute(({ lr, params }) => checkRelationship(lr, params.nhsNumber), {
  access: { permission: "lr.view" },
  params: patientParams,
});
