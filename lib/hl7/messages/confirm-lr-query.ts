import {
  iiParam,
  otherPersonParamEl,
  type PayloadCodec,
  paramEl,
  paramExtension,
  parameterListEl,
  paramValue,
  type QueryUserParameters,
  readOtherPersonParam,
  readParameterList,
  SEMANTICS_TEXT,
} from "@/lib/hl7/messages/payload-parts";
import type { Identifier } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { CONFIRMATION_RESP_TYPES } from "@/lib/hl7/vocab/query-codes";
import { displayNameOf } from "@/lib/hl7/vocab/vocabulary";
import { el } from "@/lib/hl7/xml/xml-node";
import { child, requiredAttr } from "@/lib/hl7/xml/xml-query";

export interface ConfirmLrQuery {
  otherPerson?: Identifier;
  parameterList?: QueryUserParameters;
  nhsNumber: string;
  /** ConfirmationRespType (…17.9): "01" Short, "02" Historic. */
  responseType: string;
}

/** QUPC_IN010000UK32 payload: query (QUPC_MT010101UK32), order otherPerson, parameterList, patient.id, response.Type. */
export const confirmLrQueryCodec: PayloadCodec<ConfirmLrQuery> = {
  build(p) {
    return el(
      "query",
      {},
      p.otherPerson ? otherPersonParamEl(p.otherPerson) : undefined,
      p.parameterList ? parameterListEl(p.parameterList) : undefined,
      iiParam("patient.id", OIDS.nhsNumber, p.nhsNumber, SEMANTICS_TEXT.patientId),
      paramEl(
        "response.Type",
        el("value", {
          code: p.responseType,
          codeSystem: OIDS.confirmationRespType,
          displayName: displayNameOf(CONFIRMATION_RESP_TYPES, p.responseType),
        }),
        SEMANTICS_TEXT.responseType,
      ),
    );
  },
  read(root) {
    const query: ConfirmLrQuery = {
      nhsNumber: paramExtension(root, "patient.id"),
      responseType: requiredAttr(paramValue(root, "response.Type"), "code", "response.Type/value"),
    };
    const otherPerson = readOtherPersonParam(root);
    if (otherPerson) query.otherPerson = otherPerson;
    const list = child(root, "parameterList");
    if (list) query.parameterList = readParameterList(list);
    return query;
  },
};
