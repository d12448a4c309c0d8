import type { PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import type { Coded } from "@/lib/hl7/types";
import { blEl, codeEl, optionalChildCoded, optionalTs, readBl } from "@/lib/hl7/wrapper/datatypes";
import { el } from "@/lib/hl7/xml/xml-node";

/** QUPC_IN030000UK14 LRExists (REPC_MT070101UK13) and QUPC_IN040000UK30 ConfirmHistory (REPC_MT080101UK30). */
export const confirmShortCodec: PayloadCodec<{ lrExists: boolean }> = {
  build: (p) => el("LRExists", { classCode: "OBS", moodCode: "EVN" }, blEl("value", p.lrExists)),
  read: (root) => ({ lrExists: readBl(root) }),
};

type History = { code?: Coded; effectiveTime?: string; lrExists: boolean };

export const confirmHistoricCodec: PayloadCodec<History> = {
  build: (p) =>
    el(
      "ConfirmHistory",
      { classCode: "OBS", moodCode: "EVN" },
      p.code ? codeEl("code", p.code) : undefined,
      p.effectiveTime !== undefined ? el("effectiveTime", { value: p.effectiveTime }) : undefined,
      blEl("value", p.lrExists),
    ),
  read(root) {
    const history: History = { lrExists: readBl(root) };
    const code = optionalChildCoded(root, "code");
    const effectiveTime = optionalTs(root, "effectiveTime");
    if (code) history.code = code;
    if (effectiveTime !== undefined) history.effectiveTime = effectiveTime;
    return history;
  },
};
