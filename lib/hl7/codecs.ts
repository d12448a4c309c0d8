import { Hl7CodecError } from "@/lib/hl7/errors";
import { alertEventCodec } from "@/lib/hl7/messages/alert-event";
import { batchConfirmQueryCodec } from "@/lib/hl7/messages/batch-confirm-query";
import { batchConfirmationListCodec } from "@/lib/hl7/messages/batch-confirmation-list";
import { changeLrStatusCodec } from "@/lib/hl7/messages/change-lr-status";
import { confirmHistoricCodec, confirmShortCodec } from "@/lib/hl7/messages/confirm-lr-answers";
import { confirmLrQueryCodec } from "@/lib/hl7/messages/confirm-lr-query";
import { createLrCodec } from "@/lib/hl7/messages/create-lr";
import { lrCreatedCodec, lrStatusChangedCodec } from "@/lib/hl7/messages/lr-confirmations";
import { lrDetailsQueryCodec } from "@/lib/hl7/messages/lr-details-query";
import { completeLrListCodec, simpleLrListCodec } from "@/lib/hl7/messages/lr-lists";
import type { PayloadCodec } from "@/lib/hl7/messages/payload-parts";
import { urpResponseCodec } from "@/lib/hl7/messages/urp-response";
import { userRoleProfileQueryCodec } from "@/lib/hl7/messages/user-role-profile-query";
import { addToWorkgroupCodec, removeFromWorkgroupCodec } from "@/lib/hl7/messages/workgroup-membership-request";
import { addToWorkgroupResponseCodec, removeFromWorkgroupResponseCodec } from "@/lib/hl7/messages/workgroup-membership-response";
import { workgroupQueryCodec } from "@/lib/hl7/messages/workgroup-query";
import { workgroupQueryResponseCodec } from "@/lib/hl7/messages/workgroup-query-response";
import type { ReplyPayloads, RequestPayloads } from "@/lib/hl7/types";

/** One payload codec per interaction id: the single table both directions dispatch on. */
export const REQUEST_CODECS: { [K in keyof RequestPayloads]: PayloadCodec<RequestPayloads[K]> } = {
  REPC_IN010000UK15: createLrCodec,
  REPC_IN040000UK15: changeLrStatusCodec,
  QUPC_IN010000UK32: confirmLrQueryCodec,
  QUPC_IN020000UK17: lrDetailsQueryCodec,
  QUPC_IN090000UK03: batchConfirmQueryCodec,
  QUPC_IN010102UK01: userRoleProfileQueryCodec,
  QUPC_IN041234UK01: workgroupQueryCodec,
  REPC_IN130002UK01: addToWorkgroupCodec,
  REPC_IN130004UK01: removeFromWorkgroupCodec,
  COMT_IN000001UK01: alertEventCodec,
};

const emptyPayload: PayloadCodec<Record<string, never>> = {
  build() {
    throw new Hl7CodecError("invalid_input", "error replies have no payload");
  },
  read: () => ({}),
};

export const REPLY_CODECS: { [K in keyof ReplyPayloads]: PayloadCodec<ReplyPayloads[K]> } = {
  REPC_IN020000UK13: lrCreatedCodec,
  REPC_IN050000UK13: lrStatusChangedCodec,
  QUPC_IN030000UK14: confirmShortCodec,
  QUPC_IN040000UK30: confirmHistoricCodec,
  QUPC_IN060000UK32: simpleLrListCodec,
  QUPC_IN070000UK32: completeLrListCodec,
  QUPC_IN250000UK02: batchConfirmationListCodec,
  QUPC_IN010103UK01: urpResponseCodec,
  REPC_IN130007UK01: workgroupQueryResponseCodec,
  REPC_IN130003UK01: addToWorkgroupResponseCodec,
  REPC_IN130005UK01: removeFromWorkgroupResponseCodec,
  MCCI_IN010000UK13: emptyPayload,
  QUQI_IN010000UK14: emptyPayload,
};
