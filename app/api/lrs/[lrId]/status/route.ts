import { changeStatusInput } from "@/lib/schemas/lr";
import { lrParams } from "@/lib/schemas/params";
import { withRoute } from "@/server/http/with-route";
import { changeLrStatus } from "@/server/lr/change-lr-status";

export const dynamic = "force-dynamic";

/** Change an LR's status; the transition is re-checked against Spine's current status first. */
export const POST = withRoute(({ lr, params, body }) => changeLrStatus(lr, params.lrId, body), {
  access: { permission: "lr.changeStatus" },
  params: lrParams,
  body: changeStatusInput,
});
