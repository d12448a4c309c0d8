import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";
import { type BatchCheckStatus, batchCheckIdSchema } from "@/lib/schemas/batch-checks";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { getBatchCheck } from "@/server/batch/get-batch-check";
import { requestLogger } from "@/server/log/logger";
import { lrContextFor } from "@/server/lr/lr-context";
import { BatchCheckProgress } from "./batch-check-progress";
import { batchResultsCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/**
 * One batch check: progress while it runs (the browser polls), then the summary and a paged,
 * filterable table of results with the CSV download. A reload or a second tab finds the same
 * check; a check left open by a stopped app is resumed by looking at it.
 */
export default async function BatchCheckResultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requirePagePermission("lr.view", `/batch-check/${encodeURIComponent(id)}`);
  const parsed = batchCheckIdSchema.safeParse(id);
  if (!parsed.success) notFound();
  const ctx = lrContextFor(signedInUserFrom(session), requestLogger(crypto.randomUUID()));
  let status: BatchCheckStatus;
  try {
    status = await getBatchCheck(ctx, parsed.data);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  return <BatchCheckProgress initial={status} />;
}
