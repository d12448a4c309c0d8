import { withRoute } from "@/server/http/with-route";
import { resetTrainingWorld } from "@/server/training/reset-training-world";

export const dynamic = "force-dynamic";

/** Trainer: reset the synthetic world (training mode only; audited). */
export const POST = withRoute(({ user, requestId }) => resetTrainingWorld(user, requestId), {
  access: { permission: "training.admin" },
});
