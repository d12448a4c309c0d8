/**
 * TanStack Query for this journey (its update and the pending Spine operation it follows).
 * Provided here, not for every patient page, so the patient page itself does not load it
 * (components/providers.tsx).
 */
export { Providers as default } from "@/components/providers";
