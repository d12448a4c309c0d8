"use client";
import { useRouter } from "next/navigation";
import { useOnePost } from "@/components/api/use-one-post";

/**
 * A small form that posts JSON to the BFF and then re-renders the server page (router.refresh):
 * one request at a time, the server's field errors kept for the error summary, success reported
 * only when the server said so.
 */
export function useFormPost<TBody, TResult = unknown>(url: string) {
  const router = useRouter();
  const { state, post } = useOnePost<TBody, TResult>(url);
  async function submit(body: TBody): Promise<boolean> {
    const answered = (await post(body)) !== undefined;
    if (answered) router.refresh();
    return answered;
  }
  return {
    submitting: state.state === "sending",
    ...(state.state === "error" ? { error: state.error } : {}),
    ...(state.state === "answered" ? { result: state.response } : {}),
    submit,
  };
}
