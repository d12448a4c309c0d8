import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";
import { config } from "@/server/config";

/**
 * The trainer's tools exist only in training mode: in live mode their routes answer 404 and their
 * pages are not found, decided here on the server (docs/domain.md §11).
 */
export function isTrainingMode(): boolean {
  return config().LR_MODE === "training";
}

/** For route handlers: refuses (404) outside training mode. */
export function assertTrainingMode(): void {
  if (!isTrainingMode()) throw new AppError("not_found", "This page is only available in training mode.");
}

/** For pages: the not-found page outside training mode. */
export function requireTrainingModePage(): void {
  if (!isTrainingMode()) notFound();
}
