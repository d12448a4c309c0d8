"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { toUiError, type UiError } from "@/lib/schemas/api-error";

/** A POST to the BFF: not sent yet, on its way, answered, or refused. */
export type PostState<TResult> =
  | { state: "idle" }
  | { state: "sending" }
  | { state: "answered"; response: TResult }
  | { state: "error"; error: UiError };

/**
 * JSON POSTed to the BFF one request at a time: a synchronous guard catches a double click before
 * React re-renders, and a new attempt clears the last one's answer. `post` resolves to the answer,
 * or undefined when it was refused or not sent (one was already on its way). Plain React state and
 * fetch; an answer arriving after the component has gone is not set.
 */
export function useOnePost<TBody, TResult>(url: string) {
  const inFlight = useRef(false);
  const mounted = useRef(true);
  const [state, setState] = useState<PostState<TResult>>({ state: "idle" });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const post = useCallback(
    async (body: TBody): Promise<TResult | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setState({ state: "sending" });
      try {
        const response = await apiFetch<TResult>(url, { method: "POST", body });
        if (mounted.current) setState({ state: "answered", response });
        return response;
      } catch (error) {
        if (mounted.current) setState({ state: "error", error: toUiError(error) });
        return undefined;
      } finally {
        inFlight.current = false;
      }
    },
    [url],
  );
  return { state, post };
}
