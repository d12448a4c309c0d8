"use client";
import { type RefObject, useEffect, useRef } from "react";
import { pageTitle } from "@/lib/ui/shell-copy";

/**
 * Multi-step journeys render each step in place, so each step change must do what a page load
 * does: set the page title ("<step> – LR Manager – NHS") and move focus to the step's h1, so
 * screen-reader and keyboard users start at the new question. The first render keeps the
 * browser's own focus (the skip link must stay the first tab stop).
 */
export function useStepFocus(container: RefObject<HTMLElement | null>, stepKey: string, title: string): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a step change is what must move focus, though the body does not read stepKey.
  useEffect(() => {
    document.title = pageTitle(title);
    if (first.current) {
      first.current = false;
      return;
    }
    // A failure that appeared with the step (role=alert, focusable) takes focus; else the question.
    const alert = container.current?.querySelector<HTMLElement>('[role="alert"][tabindex="-1"]');
    if (alert) {
      alert.focus();
      return;
    }
    const heading = container.current?.querySelector<HTMLElement>("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }, [container, stepKey, title]);
}
