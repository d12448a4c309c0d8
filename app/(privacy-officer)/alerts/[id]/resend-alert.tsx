"use client";
import { useFormPost } from "@/components/forms/use-form-post";

/** "Send to Spine again" for an alert Spine does not have yet. */
export function ResendAlert({ alertId, label, done }: { alertId: string; label: string; done: string }) {
  const post = useFormPost<Record<string, never>>(`/api/alerts/${alertId}/resend`);
  return (
    <div className="nhsuk-u-margin-top-2">
      {post.result ? <p data-testid="resend-done">{done}</p> : null}
      {post.error ? (
        <p className="nhsuk-error-message" role="alert">
          {post.error.message}
        </p>
      ) : null}
      <button
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        type="button"
        disabled={post.submitting}
        onClick={() => post.submit({})}
      >
        {label}
      </button>
    </div>
  );
}
