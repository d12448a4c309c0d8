"use client";
import { useRef } from "react";
import { useLrUpdate } from "./use-lr-update";

/**
 * The submit half of an LR journey. One idempotency key per set of answers: a retry or double click
 * re-sends the same Spine message, while changing an answer (answersChanged) makes a new one.
 * `body` builds the request from the current answers and the key.
 */
export function useLrUpdateFlow<TBody>(url: string, body: (idempotencyKey: string) => TBody) {
  const idempotencyKey = useRef<string | null>(null);
  const update = useLrUpdate<TBody>(url);
  const outcome = update.phase.phase === "idle" || update.phase.phase === "submitting" ? undefined : update.phase;
  const submit = () => {
    idempotencyKey.current ??= crypto.randomUUID();
    update.submit(body(idempotencyKey.current));
  };
  const answersChanged = () => {
    idempotencyKey.current = null;
  };
  return { outcome, submitting: update.phase.phase === "submitting", submit, checkAgain: update.checkAgain, answersChanged };
}

export type LrUpdateFlow = ReturnType<typeof useLrUpdateFlow>;
