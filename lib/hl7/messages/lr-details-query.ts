import { iiParam, type PayloadCodec, paramEl, paramExtension, paramValue, SEMANTICS_TEXT } from "@/lib/hl7/messages/payload-parts";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { DETAILS_RESP_TYPES, DISSENT_OVERRIDES, TIME_PERIOD_WRITE_FORM } from "@/lib/hl7/vocab/query-codes";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { attr, child, find, requiredAttr } from "@/lib/hl7/xml/xml-query";

export interface LrDetailsQuery {
  /** DissentOverride (…17.60). */
  dissentOverride: string;
  nhsNumber: string;
  /** DetailsRespType (…17.10): "01" Simple, "02" Comprehensive. */
  responseType: string;
  /** time.Period as HL7 TS low/high. */
  timePeriod?: { start: string; end?: string };
}

/**
 * QUPC_IN020000UK17 payload: query (QUPC_MT020101UK15). time.Period is written in the form
 * TIME_PERIOD_WRITE_FORM names (value/effectiveTime/low|high, the form Spine's validator reads);
 * reading accepts both value/effectiveTime/low and value/low.
 */
function intervalEl(period: NonNullable<LrDetailsQuery["timePeriod"]>): XmlElement {
  const bounds = [el("low", { value: period.start }), period.end !== undefined ? el("high", { value: period.end }) : undefined];
  return TIME_PERIOD_WRITE_FORM === "value/effectiveTime" ? el("value", {}, el("effectiveTime", {}, bounds)) : el("value", {}, bounds);
}

export const lrDetailsQueryCodec: PayloadCodec<LrDetailsQuery> = {
  build(p) {
    return el(
      "query",
      {},
      paramEl(
        "dissentOverride",
        el("value", {
          code: p.dissentOverride,
          codeSystem: OIDS.dissentOverride,
          displayName: displayNameOf(DISSENT_OVERRIDES, p.dissentOverride),
        }),
        SEMANTICS_TEXT.dissentOverride,
      ),
      iiParam("patient.id", OIDS.nhsNumber, p.nhsNumber, SEMANTICS_TEXT.patientId),
      paramEl(
        "response.Type",
        el("value", {
          code: p.responseType,
          codeSystem: OIDS.detailsRespType,
          displayName: displayNameOf(DETAILS_RESP_TYPES, p.responseType),
        }),
        SEMANTICS_TEXT.responseType,
      ),
      p.timePeriod ? paramEl("time.Period", intervalEl(p.timePeriod), SEMANTICS_TEXT.timePeriod) : undefined,
    );
  },
  read(root) {
    const query: LrDetailsQuery = {
      dissentOverride: requiredAttr(paramValue(root, "dissentOverride"), "code", "dissentOverride/value"),
      nhsNumber: paramExtension(root, "patient.id"),
      responseType: requiredAttr(paramValue(root, "response.Type"), "code", "response.Type/value"),
    };
    const period = child(root, "time.Period");
    if (period) {
      const value = paramValue(root, "time.Period");
      const interval = child(value, "effectiveTime") ?? value;
      const start = attr(find(interval, "low"), "value");
      const end = attr(find(interval, "high"), "value");
      query.timePeriod = { start: start ?? "" };
      if (end !== undefined) query.timePeriod.end = end;
    }
    return query;
  },
};
