import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { config } from "@/server/config";
import { assertTrainingMode } from "./training-mode";

/**
 * HTTP client for the Spine simulator's control API (simulator/control/control-routes.ts), used by
 * the trainer console only. Training mode only, and only to the loopback stand-in (the
 * configuration refuses any other address: lib/config/stand-in-endpoints.ts).
 */
const CONTROL_TIMEOUT_MS = 10_000;

export async function simulatorControl<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
  assertTrainingMode();
  const base = config().trainingSimulatorUrl;
  if (!base) throw new AppError("not_found", "This page is only available in training mode.");
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
    });
  } catch (error) {
    throw new AppError("upstream_unavailable", "The Spine simulator could not be reached.", { cause: error });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new AppError("upstream_unavailable", `The Spine simulator refused the request (HTTP ${response.status}).`, {
      cause: new Error(text.slice(0, 500)),
    });
  }
  return (text === "" ? undefined : JSON.parse(text)) as T;
}
