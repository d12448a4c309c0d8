import { faultParams } from "@/lib/schemas/training";
import { withRoute } from "@/server/http/with-route";
import { switchFaultOff } from "@/server/training/switch-fault";

export const dynamic = "force-dynamic";

/** Trainer: switch one fault off; messages waiting for Spine are re-sent (training mode only; audited). */
export const DELETE = withRoute(({ user, params, requestId }) => switchFaultOff(user, params.faultId, requestId), {
  access: { permission: "training.admin" },
  params: faultParams,
});
