import { trainingFaultBody } from "@/lib/schemas/training";
import { withRoute } from "@/server/http/with-route";
import { listArmedFaults } from "@/server/training/armed-faults";
import { switchFaultOn } from "@/server/training/switch-fault";
import { assertTrainingMode } from "@/server/training/training-mode";

export const dynamic = "force-dynamic";

/** Trainer: the faults switched on now. */
export const GET = withRoute(
  async () => {
    assertTrainingMode();
    return { faults: await listArmedFaults() };
  },
  { access: { permission: "training.admin" } },
);

/** Trainer: switch a fault on for everyone or one patient (training mode only; audited). */
export const POST = withRoute(({ user, body, requestId }) => switchFaultOn(user, body, requestId), {
  access: { permission: "training.admin" },
  body: trainingFaultBody,
  maxBodyBytes: 4 * 1024,
});
