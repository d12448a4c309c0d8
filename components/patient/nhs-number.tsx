import { formatNhsNumber } from "@/lib/nhs/nhs-number";

/** An NHS number as NHS CUI requires: 3-3-4 on one line (class nhs-number never wraps). */
export function NhsNumber({ value }: { value: string }) {
  return <span className="nhs-number">{formatNhsNumber(value)}</span>;
}
