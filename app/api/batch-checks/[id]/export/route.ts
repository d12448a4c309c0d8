import { batchCheckParams } from "@/lib/schemas/batch-checks";
import { exportBatchCheck } from "@/server/batch/export-batch-check";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** A ready check as CSV: the list's own columns, then the outcome columns (streamed). */
export const GET = withRoute(({ lr, params }) => exportBatchCheck(lr, params.id), {
  access: { permission: "lr.view" },
  params: batchCheckParams,
});
