import type { Metadata } from "next";
import { DataTable } from "@/components/layout/nhs-markup";
import { isAppError } from "@/lib/errors/app-error";
import { formatNhsNumber } from "@/lib/nhs/nhs-number";
import { answerName, interactionName } from "@/lib/training/message-explanations";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import { requirePagePermission } from "@/server/auth/page-session";
import { listTraineeMessages, type TraineeMessageSummary } from "@/server/training/trainee-messages";
import { requireTrainingModePage } from "@/server/training/training-mode";
import { messageViewerCopy } from "./copy";

export const dynamic = "force-dynamic";
const copy = messageViewerCopy.list;
export const metadata: Metadata = { title: copy.title };

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
          <DataTable
            caption={copy.caption}
            testId="trainee-messages"
            head={[
              copy.time,
              copy.interaction,
              copy.patient,
              copy.sentBy,
              copy.answer,
              <span className="nhsuk-u-visually-hidden" key="view">
                {copy.view}
              </span>,
            ]}
            rows={messages.map((message) => {
              const time = displayDateTime(message.at.toISOString());
              return {
                key: message.messageId,
                testId: "trainee-message",
                data: { "data-interaction": message.interactionId },
                cells: [
                  time,
                  <>
                    {interactionName(message.interactionId)}
                    <br />
                    <span className="nhsuk-body-s">{message.interactionId}</span>
                  </>,
                  message.nhsNumbers.length > 0
                    ? message.nhsNumbers.map((nhsNumber) => (
                        <span className="nhs-number nhsuk-u-margin-right-2" key={nhsNumber}>
                          {formatNhsNumber(nhsNumber)}
                        </span>
                      ))
                    : "—",
                  message.sentBy ?? "—",
                  message.replyInteractionId
                    ? answerName(message.replyInteractionId, message.replyAcknowledgement ?? undefined)
                    : copy.noAnswer,
                  <a href={`/training/messages/${encodeURIComponent(message.messageId)}`} key="view">
                    {copy.view}
                    <span className="nhsuk-u-visually-hidden">{copy.viewHidden(interactionName(message.interactionId), time)}</span>
                  </a>,
                ],
              };
            })}
          />
        )}
      </div>
    </div>
  );
}
