import { DataTable, NhsTag, SummaryRows } from "@/components/layout/nhs-markup";
import {
  acknowledgementOf,
  explainCodes,
  explainIdentifiers,
  explainInteraction,
  validatorRulesFor,
} from "@/lib/training/message-explanations";
import { readMessageLayers } from "@/lib/training/message-layers";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import type { TraineeExchangeMessage } from "@/server/training/trainee-messages";
import { messageViewerCopy } from "../copy";

const copy = messageViewerCopy.detail;

/** Pretty-printed XML in a named scrolling region that keyboard users can reach and scroll. */
function XmlBlock({ label, text }: { label: string; text: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="lrm-xml" tabIndex={0} aria-label={label}>
      <pre>
        <code>{text}</code>
      </pre>
    </section>
  );
}

/** One message of an exchange: what it is, its layers folded, its codes, and (requests) the validator rules. */
export function MessageCard({ message, index }: { message: TraineeExchangeMessage; index: number }) {
  const read = readMessageLayers(message.body);
  const explanation = explainInteraction(read.interactionId, message.from === "spine" ? acknowledgementOf(message.body) : undefined);
  const codes = read.hl7 ? explainCodes(read.hl7) : [];
  const identifiers = read.hl7 ? explainIdentifiers(read.hl7) : [];
  const rules = read.hl7 && message.from === "app" ? validatorRulesFor(read.hl7, read.envelope) : [];
  const headingId = `message-${index}`;
  return (
    <section
      aria-labelledby={headingId}
      className="nhsuk-card nhsuk-u-padding-4"
      data-testid={message.from === "app" ? "message-outbound" : "message-inbound"}
      data-interaction={read.interactionId ?? ""}
    >
      <h2 id={headingId} className="nhsuk-heading-m">
        <span className="nhsuk-caption-m">{message.from === "app" ? copy.fromApp : copy.fromSpine}</span>
        {explanation.title}
      </h2>
      <SummaryRows
        rows={[
          [copy.when, message.at ? displayDateTime(message.at.toISOString()) : "—"],
          [copy.transport, message.transport],
          [copy.outcome, message.outcome ?? "—"],
        ]}
      />
      <h3 className="nhsuk-heading-s">{copy.meaning}</h3>
      <div data-testid="interaction-explanation">
        {explanation.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {read.problem ? (
        <>
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              {copy.problem}: {read.problem}
            </p>
          </div>
          {read.raw ? <XmlBlock label={copy.problem} text={read.raw} /> : null}
        </>
      ) : (
        <>
          <h3 className="nhsuk-heading-s">{copy.layers}</h3>
          {read.layers.map((layer) => (
            <details className="nhsuk-details" key={layer.name} data-testid={`message-layer-${layer.name}`}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{copy.layerTitles[layer.name]}</span>
              </summary>
              <div className="nhsuk-details__text">
                <XmlBlock label={copy.layerTitles[layer.name]} text={layer.xml} />
              </div>
            </details>
          ))}
        </>
      )}
      {identifiers.length > 0 ? (
        <DataTable
          caption={copy.identifiers}
          testId="message-identifiers"
          head={[copy.element, copy.value, copy.codeMeaning]}
          rows={identifiers.map((entry) => ({
            key: `${entry.element}-${entry.value}-${entry.meaning}`,
            cells: [entry.element, entry.value, entry.meaning],
          }))}
        />
      ) : null}
      {codes.length > 0 ? (
        <DataTable
          caption={copy.codes}
          testId="message-codes"
          head={[copy.element, copy.code, copy.codeMeaning, copy.vocabulary]}
          rows={codes.map((entry) => ({
            key: `${entry.element}-${entry.vocabulary}-${entry.code}`,
            cells: [entry.element, entry.code, entry.meaning, entry.vocabulary],
          }))}
        />
      ) : null}
      {rules.length > 0 ? (
        <div data-testid="validator-rules">
          <h3 className="nhsuk-heading-s">{copy.rules}</h3>
          <p className="nhsuk-hint">{copy.rulesHint}</p>
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">
                {copy.rulesCaption} ({rules.filter((rule) => rule.passed).length} / {rules.length} {copy.passed.toLowerCase()})
              </span>
            </summary>
            <div className="nhsuk-details__text">
              <DataTable
                caption={copy.rulesCaption}
                head={[copy.rule, copy.ruleChecks, copy.ruleResult]}
                rows={rules.map((rule) => ({
                  key: rule.name,
                  testId: "validator-rule",
                  data: { "data-passed": rule.passed ? "true" : "false" },
                  cells: [
                    <code key="name" className="lrm-break-anywhere">
                      {rule.name}
                    </code>,
                    rule.message ?? rule.description,
                    <NhsTag colour={rule.passed ? "green" : "red"} key="result">
                      {rule.passed ? copy.passed : copy.failed}
                    </NhsTag>,
                  ],
                }))}
              />
            </div>
          </details>
        </div>
      ) : null}
    </section>
  );
}
