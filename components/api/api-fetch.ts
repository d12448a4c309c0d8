import { type UiError, uiErrorFromBody } from "@/lib/schemas/api-error";

/**
 * The browser's one way to call the BFF: JSON in, JSON out, and every failure thrown as a UiError
 * (never an Error), so pages render the same plain-English error whether it came from the server
 * render or from a later client fetch.
 */
export async function apiFetch<T>(
  path: string,
  init: { method?: "GET" | "POST" | "DELETE"; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers:
        init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch {
    const offline: UiError = { code: "network", message: "LR Manager could not be reached. Check your connection.", retryable: true };
    throw offline;
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw uiErrorFromBody(body, response.status);
  return body as T;
}
