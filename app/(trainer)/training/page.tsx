import type { Metadata } from "next";
import { DataTable, NhsTag, SummaryRows } from "@/components/layout/nhs-markup";
import { NotificationBanner } from "@/components/workgroups/notification-banner";
import { faultScope, TRAINING_FAULT_LABELS } from "@/lib/training/training-faults";
import { findTrainingScenario, TRAINING_SCENARIOS } from "@/lib/training/training-scenarios";
import { displayDateTime } from "@/lib/ui/clinical-dates";
import { requirePagePermission } from "@/server/auth/page-session";
import { loadTrainingConsole } from "@/server/training/training-console";
import { requireTrainingModePage } from "@/server/training/training-mode";
import { ConfirmAction } from "./confirm-action";
import { trainingConsoleCopy as copy } from "./copy";
import { FaultForm } from "./fault-form";
import { ScenarioForm } from "./scenario-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

function doneHeading(done: string | undefined, scenarioId: string | undefined): string | undefined {
  switch (done) {
    case "reset":
      return copy.done.reset;
    case "scenario": {
      const scenario = scenarioId ? findTrainingScenario(scenarioId) : undefined;
      return scenario ? copy.done.scenario(scenario.name) : undefined;
    }
    case "fault-on":
      return copy.done.faultOn;
    case "fault-off":
      return copy.done.faultOff;
    default:
      return undefined;
  }
}

/**
 * The trainer console (issue 15): training mode only (not found in live mode), training.admin only,
 * both decided here on the server and again by every /api/training route.
 */
export default async function TrainingConsolePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  requireTrainingModePage();
  await requirePagePermission("training.admin", "/training");
  const { done, scenario } = await searchParams;
  const state = await loadTrainingConsole();
  const heading = doneHeading(typeof done === "string" ? done : undefined, typeof scenario === "string" ? scenario : undefined);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        {heading ? (
          <NotificationBanner variant="success" title={copy.done.title} heading={heading} testId="console-done">
            <p>{copy.done.body}</p>
          </NotificationBanner>
        ) : null}
        <h1>{copy.title}</h1>
        <p className="nhsuk-lede-text">{copy.lede}</p>

        <h2>{copy.exercise.heading}</h2>
        {state.exercise ? (
          <>
            <SummaryRows
              testId="exercise-summary"
              rows={[
                [copy.exercise.scenario, state.exercise.name ?? copy.exercise.plainReset],
                [copy.exercise.started, displayDateTime(state.exercise.startedAt.toISOString())],
                [copy.exercise.startedBy, state.exercise.startedByName ?? "—"],
              ]}
            />
            {state.exercise.steps.length > 0 ? (
              <>
                <h3>{copy.exercise.stepsHeading}</h3>
                <p className="nhsuk-hint">{copy.exercise.stepsHint}</p>
                <ol className="nhsuk-list nhsuk-list--number" data-testid="demo-steps">
                  {state.exercise.steps.map((step) => (
                    <li key={step.text} data-testid="demo-step" data-done={step.doneAt ? "true" : "false"}>
                      {step.text}{" "}
                      {step.doneAt ? (
                        <>
                          <NhsTag colour="green">{copy.exercise.done}</NhsTag>{" "}
                          <span className="nhsuk-body-s">{copy.exercise.doneAt(displayDateTime(step.doneAt.toISOString()))}</span>
                        </>
                      ) : (
                        <NhsTag colour="grey">{copy.exercise.toDo}</NhsTag>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </>
        ) : (
          <p>{copy.exercise.none}</p>
        )}

        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <h2>{copy.reset.heading}</h2>
            <p>{copy.reset.body}</p>
            <ConfirmAction
              label={copy.reset.button}
              secondary
              confirmation={{ heading: copy.reset.confirmHeading, lines: copy.reset.confirmLines, confirm: copy.reset.confirm }}
              request={{ path: "/api/training/reset", method: "POST" }}
              done="reset"
              testId="reset-world"
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <h2>{copy.scenarios.heading}</h2>
            <ScenarioForm scenarios={TRAINING_SCENARIOS.map(({ id, name, description }) => ({ id, name, description }))} />
          </div>
        </div>

        <h2>{copy.faults.heading}</h2>
        {state.faults === null ? (
          <div className="nhsuk-warning-callout" data-testid="faults-unreachable">
            <h3 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {copy.faults.heading}
            </h3>
            <p>{copy.faults.unreachable}</p>
          </div>
        ) : state.faults.length === 0 ? (
          <p data-testid="no-faults">{copy.faults.none}</p>
        ) : (
          <DataTable
            caption={copy.faults.tableCaption}
            testId="armed-faults"
            head={[copy.faults.fault, copy.faults.appliesTo, copy.faults.action]}
            rows={state.faults.map(({ id, fault }) => {
              const what = TRAINING_FAULT_LABELS[fault.kind].label;
              return {
                key: String(id),
                testId: "armed-fault",
                cells: [
                  `${what}${fault.kind === "slow" && fault.latencyMs ? ` (${fault.latencyMs} ms)` : ""}`,
                  faultScope(fault),
                  <ConfirmAction
                    key="off"
                    label={copy.faults.switchOff}
                    secondary
                    confirmation={{
                      heading: copy.faults.offConfirmHeading(what),
                      lines: copy.faults.offConfirmLines,
                      confirm: copy.faults.offConfirm,
                    }}
                    request={{ path: `/api/training/faults/${id}`, method: "DELETE" }}
                    done="fault-off"
                    testId="switch-fault-off"
                  />,
                ],
              };
            })}
          />
        )}
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h3>{copy.faults.formHeading}</h3>
            <FaultForm />
          </div>
        </div>

        <h2>{copy.signedIn.heading}</h2>
        {state.signedIn.length === 0 ? (
          <p>{copy.signedIn.none}</p>
        ) : (
          <DataTable
            caption={copy.signedIn.caption}
            testId="signed-in"
            head={[copy.signedIn.name, copy.signedIn.role, copy.signedIn.lastActive]}
            rows={state.signedIn.map((person) => ({
              key: `${person.sub}-${person.signedInAt.toISOString()}`,
              testId: "signed-in-user",
              cells: [person.userName ?? person.sub, person.roleName ?? "—", displayDateTime(person.lastSeenAt.toISOString())],
            }))}
          />
        )}

        <h2>{copy.messages.heading}</h2>
        <p>{copy.messages.body}</p>
        <p>
          <a href="/training/messages" data-testid="message-viewer-link">
            {copy.messages.link}
          </a>
        </p>
      </div>
    </div>
  );
}
