"use client";
import { useCallback, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import type { UiError } from "@/lib/schemas/api-error";

/** A Spine read the server page made: its answer, or the plain UiError it failed with. */
export type SpineRead<T> = { data: T; error?: undefined } | { data?: undefined; error: UiError };

/**
 * A server-read Spine answer shown on a page, read again in the browser only when the person asks
 * ("Try again" after a failure). Spine reads are never retried automatically: a timeout already
 * took 30 s, and a person decides whether to try again. The answer shown stays until the new one
 * arrives. (Plain state rather than TanStack Query: the patient page changes only when reloaded,
 * so it does not load a query cache.)
 */
export function useSpineRead<T>(initial: SpineRead<T>, path: string): SpineRead<T> & { refetch: () => void } {
  const [read, setRead] = useState(initial);
  const inFlight = useRef(false);
  const refetch = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    apiFetch<T>(path)
      .then(
        (data) => setRead({ data }),
        (error: UiError) => setRead({ error }),
      )
      .finally(() => {
        inFlight.current = false;
      });
  }, [path]);
  return { ...read, refetch };
}
