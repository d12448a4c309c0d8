import type { LrStatus } from "@/lib/hl7/vocab/lr-status";
import { LR_STATUS_TAGS } from "@/lib/ui/lr-rows";

export function LrStatusTag({ status }: { status: LrStatus }) {
  const tag = LR_STATUS_TAGS[status];
  return <strong className={`nhsuk-tag ${tag.className}`}>{tag.label}</strong>;
}
