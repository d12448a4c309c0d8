import {
  iiParam,
  otherPersonParamEl,
  type PayloadCodec,
  parameterListEl,
  type QueryUserParameters,
  readOtherPersonParam,
  readParameterList,
  SEMANTICS_TEXT,
} from "@/lib/hl7/messages/payload-parts";
import type { Identifier } from "@/lib/hl7/types";
import { OIDS } from "@/lib/hl7/vocab/oids";
import { el } from "@/lib/hl7/xml/xml-node";
import { child, children, required, requiredAttr } from "@/lib/hl7/xml/xml-query";

export interface BatchConfirmQuery {
  otherPerson?: Identifier;
  parameterList?: QueryUserParameters;
  /** 1..10 000 NHS numbers. */
  nhsNumbers: string[];
}

/** QUPC_IN090000UK03 payload: query (QUPC_MT030101UK03): otherPerson?, parameterList?, patient.id[1..10000]. */
export const batchConfirmQueryCodec: PayloadCodec<BatchConfirmQuery> = {
  build(p) {
    return el(
      "query",
      {},
      p.otherPerson ? otherPersonParamEl(p.otherPerson) : undefined,
      p.parameterList ? parameterListEl(p.parameterList) : undefined,
      p.nhsNumbers.map((n) => iiParam("patient.id", OIDS.nhsNumber, n, SEMANTICS_TEXT.patientId)),
    );
  },
  read(root) {
    const query: BatchConfirmQuery = {
      nhsNumbers: children(root, "patient.id").map((p) => requiredAttr(required(p, "value"), "extension", "patient.id/value")),
    };
    const otherPerson = readOtherPersonParam(root);
    if (otherPerson) query.otherPerson = otherPerson;
    const list = child(root, "parameterList");
    if (list) query.parameterList = readParameterList(list);
    return query;
  },
};
