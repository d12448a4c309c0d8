import { scenarioParams } from "@/lib/schemas/training";
import { withRoute } from "@/server/http/with-route";
import { loadTrainingScenario } from "@/server/training/reset-training-world";

export const dynamic = "force-dynamic";

/** Trainer: set the training world to a named scenario (training mode only; audited). */
export const POST = withRoute(({ user, params, requestId }) => loadTrainingScenario(user, params.scenarioId, requestId), {
  access: { permission: "training.admin" },
  params: scenarioParams,
});
