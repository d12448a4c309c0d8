"use client";
import { useEffect } from "react";

/**
 * The header's one behaviour, added after the page has loaded: nhsuk-frontend's Header script
 * folds navigation items that do not fit into "More". It is loaded on demand (its own chunk), so
 * no page carries the NHS design system's scripts in its first load; until it runs, or without
 * JavaScript, every item is simply shown.
 */
export function HeaderMenu({ headerId }: { headerId: string }) {
  useEffect(() => {
    let cancelled = false;
    void import("nhsuk-frontend/dist/nhsuk/components/header/header.mjs")
      .then(({ Header }) => {
        const root = document.getElementById(headerId);
        if (!cancelled && root && !root.hasAttribute("data-nhsuk-header-init")) new Header(root);
      })
      .catch(() => undefined); // the items stay as they are: all shown
    return () => {
      cancelled = true;
    };
  }, [headerId]);
  return null;
}
