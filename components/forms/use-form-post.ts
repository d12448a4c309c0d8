"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { isUiError, type UiError } from "@/lib/schemas/api-error";

/**
 * A small form that posts JSON to the BFF and then re-renders the server page (router.refresh):
 * one request at a time, the server's field errors kept for the error summary, success reported
 * only when the server said so.
 */
export function useFormPost<TBody, TResult = unknown>(url: string) {
  const router = useRouter();
  const inFlight = useRef(false);
  const [state, setState] = useState<{ submitting: boolean; error?: UiError; result?: TResult }>({ submitting: false });
  async function submit(body: TBody): Promise<boolean> {
    if (inFlight.current) return false;
    inFlight.current = true;
    setState({ submitting: true });
    try {
      const result = await apiFetch<TResult>(url, { method: "POST", body });
      setState({ submitting: false, result });
      router.refresh();
      return true;
    } catch (error) {
      setState({ submitting: false, error: isUiError(error) ? error : { code: "internal", message: "Something went wrong." } });
      return false;
    } finally {
      inFlight.current = false;
    }
  }
  return { ...state, submit };
}
