import { batchCheckParams, batchRowsQuery } from "@/lib/schemas/batch-checks";
import { listBatchCheckRows } from "@/server/batch/list-batch-check-rows";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** A page of a ready check's results, by outcome and NHS number. */
export const GET = withRoute(({ lr, params, query }) => listBatchCheckRows(lr, params.id, query), {
  access: { permission: "lr.view" },
  params: batchCheckParams,
  query: batchRowsQuery,
});
