"use client";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { describeRemaining, idleTimeoutCopy, spokenRemaining } from "./idle-timeout-copy";

/**
 * Idle-timeout warning (docs/domain.md §9.3): two minutes before the server-side session ends, a
 * modal <dialog> (showModal moves focus to its first button, Escape = stay signed in) offers "Stay signed in" or
 * "Sign out". Timing comes from the server (GET /api/auth/session, which does not count as
 * activity), corrected for clock skew; the page also re-checks every minute and on navigation
 * so a session ended elsewhere (back-channel logout, another tab) is noticed.
 */

interface ServerStatus {
  signedIn: boolean;
  now: number;
  endsAt?: number;
  absoluteFirst?: boolean;
  warningMs?: number;
}

interface Timing {
  /** In this browser's clock. */
  endsAt: number;
  absoluteFirst: boolean;
  warningMs: number;
}

const TICK_MS = 1000;
const RECHECK_MS = 60_000;

export function IdleTimeoutDialog({ warningMs }: { warningMs: number }) {
  const pathname = usePathname();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [timing, setTiming] = useState<Timing | undefined>();
  const [open, setOpen] = useState(false);
  const [remainingMs, setRemainingMs] = useState(warningMs);
  const checking = useRef(false);
  const lastCheck = useRef(0);

  const leave = useCallback((known: Timing | undefined) => {
    const reason = known && Date.now() >= known.endsAt - 5_000 ? (known.absoluteFirst ? "expired" : "idle") : "ended";
    window.location.assign(`/signed-out?reason=${reason}`);
  }, []);

  const apply = useCallback(
    (status: ServerStatus, known: Timing | undefined) => {
      if (!status.signedIn || status.endsAt === undefined) return leave(known);
      const skew = status.now - Date.now();
      const next = { endsAt: status.endsAt - skew, absoluteFirst: status.absoluteFirst ?? false, warningMs: status.warningMs ?? warningMs };
      setTiming(next);
      return next;
    },
    [leave, warningMs],
  );

  const check = useCallback(
    async (known: Timing | undefined) => {
      if (checking.current) return undefined;
      checking.current = true;
      lastCheck.current = Date.now();
      try {
        const response = await fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" });
        if (!response.ok) return undefined; // a blip: try again on the next tick rather than sign out
        return apply((await response.json()) as ServerStatus, known);
      } catch {
        return undefined;
      } finally {
        checking.current = false;
      }
    },
    [apply],
  );

  // On first render and every navigation (page renders count as activity on the server).
  useEffect(() => {
    if (pathname === null) return;
    void check(undefined);
  }, [check, pathname]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (!timing) return;
      const remaining = timing.endsAt - Date.now();
      setRemainingMs(remaining);
      const due = remaining <= timing.warningMs || Date.now() - lastCheck.current >= RECHECK_MS;
      if (!due) return;
      void check(timing).then((fresh) => {
        if (!fresh) return;
        const freshRemaining = fresh.endsAt - Date.now();
        setRemainingMs(freshRemaining);
        if (freshRemaining <= 0) leave(fresh);
        else setOpen(freshRemaining <= fresh.warningMs);
      });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [timing, check, leave]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const staySignedIn = useCallback(async () => {
    try {
      const response = await fetch("/api/auth/session/extend", { method: "POST", credentials: "same-origin", cache: "no-store" });
      if (response.status === 401) return leave(timing);
      if (!response.ok) return; // keep the warning open: the user can try again or sign out
      const fresh = apply((await response.json()) as ServerStatus, timing);
      if (fresh) setRemainingMs(fresh.endsAt - Date.now());
      setOpen(false);
    } catch {
      // network blip: the warning stays so the user can try again
    }
  }, [apply, leave, timing]);

  const absolute = timing?.absoluteFirst ?? false;
  return (
    <dialog
      ref={dialogRef}
      className="m-auto w-[90vw] max-w-[600px] border-0 p-0 backdrop:bg-black/60"
      aria-labelledby="idle-timeout-heading"
      aria-describedby="idle-timeout-body"
      data-testid="idle-timeout-dialog"
      onCancel={(event) => {
        // Escape is activity too: treat it as "Stay signed in" (or "Continue" at the hard limit).
        event.preventDefault();
        if (absolute) setOpen(false);
        else void staySignedIn();
      }}
    >
      {open ? (
        <div className="nhsuk-card nhsuk-u-margin-bottom-0">
          <div className="nhsuk-card__content">
            <h2 className="nhsuk-card__heading" id="idle-timeout-heading">
              {absolute ? idleTimeoutCopy.absoluteHeading : idleTimeoutCopy.idleHeading}
            </h2>
            <p className="nhsuk-card__description" id="idle-timeout-body">
              {absolute ? idleTimeoutCopy.absoluteBody : idleTimeoutCopy.idleBody} <strong>{describeRemaining(remainingMs)}</strong>.
            </p>
            <p className="nhsuk-u-visually-hidden" aria-live="assertive" aria-atomic="true">
              {`You will be signed out in ${spokenRemaining(remainingMs)}.`}
            </p>
            <div className="nhsuk-button-group nhsuk-u-margin-bottom-0">
              {absolute ? (
                <button type="button" className="nhsuk-button" onClick={() => setOpen(false)}>
                  {idleTimeoutCopy.continue}
                </button>
              ) : (
                <button type="button" className="nhsuk-button" onClick={() => void staySignedIn()}>
                  {idleTimeoutCopy.staySignedIn}
                </button>
              )}
              <form action="/api/auth/logout" method="post">
                <button type="submit" className="nhsuk-button nhsuk-button--secondary">
                  {idleTimeoutCopy.signOut}
                </button>
              </form>
            </div>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
