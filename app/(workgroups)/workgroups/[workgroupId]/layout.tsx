/**
 * TanStack Query for the pages below this one (client data that changes while a page is open: LR
 * lists after an update, pending Spine operations). Provided here, not in the root layout, so
 * pages that do not use it do not load it (components/providers.tsx).
 */
export { Providers as default } from "@/components/providers";
