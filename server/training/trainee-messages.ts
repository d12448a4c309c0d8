import "server-only";
import { isReplyInteraction, isRequestInteraction } from "@/lib/hl7/vocab/interactions";
import type { SimulatorLogEntry } from "@/lib/schemas/simulator-log";
import { type AcknowledgementCode, acknowledgementOf } from "@/lib/training/message-explanations";
import { getDb } from "@/server/db/client";
import { listSignedInNames, outboxMessagesByIds, type TrainingOutboxMessage } from "@/server/db/training";
import { simulatorControl } from "./simulator-control";
import { assertTrainingMode } from "./training-mode";

/**
 * The messages behind what trainees did, for the trainer's message viewer: read from the Spine
 * simulator's message log (it holds every message on the wire, both ways, as sent), with who and
 * which patient from LR Manager's outbox. Training mode only: the simulator control API is
 * loopback-only and refuses outside training mode (simulator-control.ts).
 */
export interface TraineeMessageSummary {
  messageId: string;
  at: Date;
  interactionId: string;
  nhsNumbers: string[];
  sentBy: string | null;
  replyInteractionId: string | null;
  /** The HL7 acknowledgement code of Spine's answer (AA accepted, AE / AR refused), when it has one. */
  replyAcknowledgement: AcknowledgementCode | null;
  outcome: string;
}

const NHS_NUMBER_ID = /<(?:hl7:)?id\b(?=[^>]*\broot="2\.16\.840\.1\.113883\.2\.1\.4\.1")[^>]*\bextension="(\d{10})"/g;
/** Patients a message is about: its NHS number identifiers (a batch lists the first few). */
export function nhsNumbersIn(body: string, limit = 3): string[] {
  const found = new Set<string>();
  for (const match of body.slice(0, 64 * 1024).matchAll(NHS_NUMBER_ID)) {
    found.add(match[1]!);
    if (found.size >= limit) break;
  }
  return [...found];
}

async function simulatorLog(query: string): Promise<SimulatorLogEntry[]> {
  return (await simulatorControl<{ messages: SimulatorLogEntry[] }>("GET", `/_control/messages?${query}`)).messages;
}

async function sendersOf(outbox: TrainingOutboxMessage[]): Promise<Map<string, string>> {
  const { db } = await getDb();
  const subs = [...new Set(outbox.flatMap((row) => (row.actorSub ? [row.actorSub] : [])))];
  return listSignedInNames(db, subs);
}

/** The latest requests LR Manager sent to Spine, newest first, each with Spine's answer. */
export async function listTraineeMessages(limit = 100): Promise<TraineeMessageSummary[]> {
  assertTrainingMode();
  const [sent, answers] = await Promise.all([
    simulatorLog(`direction=inbound&limit=${limit * 2}`),
    simulatorLog("direction=outbound&limit=1000"),
  ]);
  const requests = sent.filter((row) => row.message_id && row.interaction_id && isRequestInteraction(row.interaction_id)).slice(0, limit);
  const replyFor = new Map<string, { interactionId: string; acknowledgement: AcknowledgementCode | null }>();
  for (const row of answers) {
    if (row.ref_to_message_id && row.interaction_id && isReplyInteraction(row.interaction_id) && !replyFor.has(row.ref_to_message_id)) {
      replyFor.set(row.ref_to_message_id, { interactionId: row.interaction_id, acknowledgement: acknowledgementOf(row.body) ?? null });
    }
  }
  const { db } = await getDb();
  const outbox = await outboxMessagesByIds(
    db,
    requests.map((row) => row.message_id!),
  );
  const names = await sendersOf([...outbox.values()]);
  return requests.map((row) => {
    const own = outbox.get(row.message_id!);
    const reply = replyFor.get(row.message_id!);
    return {
      messageId: row.message_id!,
      at: new Date(row.logged_at),
      interactionId: row.interaction_id!,
      nhsNumbers: own?.nhsNumber ? [own.nhsNumber] : nhsNumbersIn(row.body),
      sentBy: own?.actorSub ? (names.get(own.actorSub) ?? own.actorSub) : null,
      replyInteractionId: reply?.interactionId ?? null,
      replyAcknowledgement: reply?.acknowledgement ?? null,
      outcome: row.outcome,
    };
  });
}

export interface TraineeExchangeMessage {
  /** Unique within the exchange: the simulator's log id, or "outbox-request" / "outbox-reply". */
  id: string;
  /** "app": LR Manager sent it to Spine; "spine": Spine sent it to LR Manager. */
  from: "app" | "spine";
  at: Date | null;
  transport: string;
  outcome: string | null;
  body: string;
}

export interface TraineeExchange {
  messageId: string;
  sentBy: string | null;
  /** Where the messages were read from: the simulator's wire log, or only LR Manager's own outbox. */
  source: "simulator" | "outbox";
  messages: TraineeExchangeMessage[];
}

/** One request and everything Spine sent back about it, in the order they happened. */
export async function loadTraineeExchange(messageId: string): Promise<TraineeExchange | undefined> {
  assertTrainingMode();
  const { db } = await getDb();
  const [rows, outbox] = await Promise.all([
    simulatorLog(`messageId=${encodeURIComponent(messageId)}&limit=50`).catch(() => [] as SimulatorLogEntry[]),
    outboxMessagesByIds(db, [messageId]),
  ]);
  const own = outbox.get(messageId);
  const sentBy = own?.actorSub ? ((await sendersOf([own])).get(own.actorSub) ?? own.actorSub) : null;
  const wire = rows
    .filter((row) => row.body.trim() !== "")
    .sort((a, b) => a.log_id - b.log_id)
    .map(
      (row): TraineeExchangeMessage => ({
        id: String(row.log_id),
        from: row.direction === "inbound" ? "app" : "spine",
        at: new Date(row.logged_at),
        transport: row.transport,
        outcome: row.outcome,
        body: row.body,
      }),
    );
  if (wire.some((message) => message.from === "app")) return { messageId, sentBy, source: "simulator", messages: wire };
  if (!own) return undefined;
  const messages: TraineeExchangeMessage[] = [
    { id: "outbox-request", from: "app", at: own.createdAt, transport: "outbox", outcome: own.state, body: own.requestBody },
  ];
  if (own.replyBody)
    messages.push({ id: "outbox-reply", from: "spine", at: own.completedAt, transport: "outbox", outcome: null, body: own.replyBody });
  return { messageId, sentBy, source: "outbox", messages };
}
