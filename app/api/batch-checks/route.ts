import { BATCH_UPLOAD_MAX_BYTES, startBatchCheckInput } from "@/lib/schemas/batch-checks";
import { listBatchChecks } from "@/server/batch/get-batch-check";
import { startBatchCheck } from "@/server/batch/start-batch-check";
import { withRoute } from "@/server/http/with-route";

export const dynamic = "force-dynamic";

/** The user's batch checks (newest first, within their retention time). */
export const GET = withRoute(({ lr }) => listBatchChecks(lr), { access: { permission: "lr.view" } });

/** Start a batch check: a clinic list (file or pasted text) for me or one of my workgroups; answers at once, the job runs on. */
export const POST = withRoute(async ({ lr, body }) => Response.json(await startBatchCheck(lr, body), { status: 202 }), {
  access: { permission: "lr.view" },
  body: startBatchCheckInput,
  bodyFormat: "multipart",
  // The list as text plus the form's other fields and the multipart framing.
  maxBodyBytes: BATCH_UPLOAD_MAX_BYTES + 64 * 1024,
});
