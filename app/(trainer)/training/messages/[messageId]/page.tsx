import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SummaryRows } from "@/components/layout/nhs-markup";
import { requirePagePermission } from "@/server/auth/page-session";
import { loadTraineeExchange } from "@/server/training/trainee-messages";
import { requireTrainingModePage } from "@/server/training/training-mode";
import { messageViewerCopy } from "../copy";
import { MessageCard } from "./message-card";

export const dynamic = "force-dynamic";
const copy = messageViewerCopy.detail;
export const metadata: Metadata = { title: copy.title };

const MESSAGE_ID = /^[0-9A-Fa-f-]{36}$/;

/** One exchange: the request LR Manager sent and every message Spine sent back about it. */
export default async function TraineeMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  requireTrainingModePage();
  const { messageId } = await params;
  await requirePagePermission("training.admin", `/training/messages/${encodeURIComponent(messageId)}`);
  if (!MESSAGE_ID.test(messageId)) notFound();
  const exchange = await loadTraineeExchange(messageId.toUpperCase());
  if (!exchange) notFound();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <a className="nhsuk-back-link" href="/training/messages">
          {copy.back}
        </a>
        <h1>{copy.title}</h1>
        <SummaryRows
          rows={[
            [copy.messageId, exchange.messageId],
            [copy.sentBy, exchange.sentBy ?? "—"],
          ]}
        />
        {exchange.source === "outbox" ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{copy.fromOutbox}</p>
          </div>
        ) : null}
        {exchange.messages.map((message, index) => (
          <MessageCard key={message.id} message={message} index={index} />
        ))}
      </div>
    </div>
  );
}
