import type { Metadata } from "next";
import { Table } from "nhsuk-react-components";
import { isAppError } from "@/lib/errors/app-error";
import { INTERACTIONS } from "@/lib/hl7/vocab/interactions";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import { requirePagePermission } from "@/server/auth/page-session";
import { listTraineeMessages, type TraineeMessageSummary } from "@/server/training/trainee-messages";
import { requireTrainingModePage } from "@/server/training/training-mode";
import { messageViewerCopy } from "./copy";

export const dynamic = "force-dynamic";
const copy = messageViewerCopy.list;
export const metadata: Metadata = { title: copy.title };

const nameOf = (interactionId: string) =>
  Object.hasOwn(INTERACTIONS, interactionId) ? INTERACTIONS[interactionId as keyof typeof INTERACTIONS].name : interactionId;

/** The message viewer's list: training mode and training.admin only, both decided on the server. */
export default async function TraineeMessagesPage() {
  requireTrainingModePage();
  await requirePagePermission("training.admin", "/training/messages");
  let messages: TraineeMessageSummary[] | null;
  try {
    messages = await listTraineeMessages();
  } catch (error) {
    if (!isAppError(error)) throw error;
    messages = null;
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <a className="nhsuk-back-link" href="/training">
          {copy.back}
        </a>
        <h1>{copy.title}</h1>
        <p className="nhsuk-lede-text">{copy.lede}</p>
        {messages === null ? (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {copy.title}
            </h2>
            <p>{copy.unreachable}</p>
          </div>
        ) : messages.length === 0 ? (
          <p>{copy.none}</p>
        ) : (
          <Table caption={copy.caption} data-testid="trainee-messages">
            <Table.Head>
              <Table.Row>
                <Table.Cell>{copy.time}</Table.Cell>
                <Table.Cell>{copy.interaction}</Table.Cell>
                <Table.Cell>{copy.patient}</Table.Cell>
                <Table.Cell>{copy.sentBy}</Table.Cell>
                <Table.Cell>{copy.answer}</Table.Cell>
                <Table.Cell>
                  <span className="nhsuk-u-visually-hidden">{copy.view}</span>
                </Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {messages.map((message) => {
                const time = displayDateTime(message.at.toISOString());
                return (
                  <Table.Row key={message.messageId} data-testid="trainee-message" data-interaction={message.interactionId}>
                    <Table.Cell>{time}</Table.Cell>
                    <Table.Cell>
                      {nameOf(message.interactionId)}
                      <br />
                      <span className="nhsuk-body-s">{message.interactionId}</span>
                    </Table.Cell>
                    <Table.Cell>{message.nhsNumbers.map(formatNhsNumber).join(", ") || "—"}</Table.Cell>
                    <Table.Cell>{message.sentBy ?? "—"}</Table.Cell>
                    <Table.Cell>{message.replyInteractionId ? nameOf(message.replyInteractionId) : copy.noAnswer}</Table.Cell>
                    <Table.Cell>
                      <a href={`/training/messages/${encodeURIComponent(message.messageId)}`}>
                        {copy.view}
                        <span className="nhsuk-u-visually-hidden">{copy.viewHidden(nameOf(message.interactionId), time)}</span>
                      </a>
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        )}
      </div>
    </div>
  );
}
