import { batchCheckParams } from "@/lib/schemas/batch-checks";
import { getBatchCheck } from "@/server/batch/get-batch-check";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** A batch check's progress and summary (only its owner may read it). */
export const GET = withRoute(({ lr, params }) => getBatchCheck(lr, params.id), {
  access: { permission: "lr.view" },
  params: batchCheckParams,
});
