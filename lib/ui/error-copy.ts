import type { UiError } from "@/lib/schemas/api-error";

/**
 * Plain-English headings and "what to do next" for every failure a person can meet, as data.
 * `message` from the server says what happened; this says what it means and what to do.
 * `retry`: "query" = safe to ask again (reads change nothing); "never" = do not offer Try again;
 * "if-server-says" = offer it only when the server marked the error retryable (for updates, the
 * retry re-sends the SAME Spine message id, so Spine cannot record it twice).
 */
export interface ErrorCopy {
  title: string;
  whatNext: string;
  retry: "query" | "never" | "if-server-says";
}

export const ERROR_COPY: Record<UiError["code"], ErrorCopy> = {
  spine_rejected: {
    title: "Spine did not accept the request",
    whatNext:
      "This is a problem with the message LR Manager sent, not with what you entered. Contact the service desk and quote the reference.",
    retry: "never",
  },
  spine_business_error: {
    title: "Spine could not do this",
    whatNext:
      "Check the patient and the relationship details. If you think this is wrong, contact the service desk and quote the reference.",
    retry: "never",
  },
  spine_unavailable: {
    title: "Spine is not available at the moment",
    whatNext:
      "Nothing has been recorded unless you see a confirmation. Try again in a few minutes. If it keeps happening, contact the service desk and quote the reference.",
    retry: "if-server-says",
  },
  spine_timeout: {
    title: "Spine did not answer in time",
    whatNext:
      "Nothing is shown as done unless Spine confirms it. Try again in a few minutes. If it keeps happening, contact the service desk and quote the reference.",
    retry: "if-server-says",
  },
  upstream_unavailable: {
    title: "Patient details are not available at the moment",
    whatNext: "The patient demographics service could not be reached. Try again in a few minutes.",
    retry: "query",
  },
  network: {
    title: "LR Manager could not be reached",
    whatNext: "Check your network connection and try again.",
    retry: "query",
  },
  invalid_input: {
    title: "There is a problem",
    whatNext: "Check the information you entered and try again.",
    retry: "never",
  },
  unauthenticated: {
    title: "You need to sign in again",
    whatNext: "Your session has ended. Sign in again to continue.",
    retry: "never",
  },
  forbidden: {
    title: "Your role cannot do this",
    whatNext: "Change role if you have another role that allows it, or ask your Registration Authority.",
    retry: "never",
  },
  not_found: {
    title: "Not found",
    whatNext: "Check the details and try again.",
    retry: "never",
  },
  conflict: {
    title: "This has changed since you started",
    whatNext: "Go back to the patient's page to see the latest relationships, then try again.",
    retry: "never",
  },
  payload_too_large: { title: "There is a problem", whatNext: "Shorten what you entered and try again.", retry: "never" },
  unsupported_media_type: { title: "There is a problem", whatNext: "Reload the page and try again.", retry: "never" },
  internal: {
    title: "Sorry, there is a problem with the service",
    whatNext: "Try again later. If it keeps happening, contact the service desk and quote the reference.",
    retry: "if-server-says",
  },
};

/** Whether to offer "Try again": queries are always safe to repeat; updates only when the server says so. */
export function canRetry(error: UiError, kind: "query" | "update"): boolean {
  const rule = ERROR_COPY[error.code].retry;
  if (rule === "never") return false;
  if (kind === "query") return error.code !== "spine_rejected";
  if (rule === "query") return true;
  return error.retryable === true;
}
