"use client";
import { Button } from "nhsuk-react-components";
import { type FormEvent, useState } from "react";
import { ConfirmPanel } from "./confirm-action";
import { trainingConsoleCopy as copy } from "./copy";

/** Pick a scenario (radios, each with what it sets up), confirm, load it. */
export function ScenarioForm({ scenarios }: { scenarios: readonly { id: string; name: string; description: string }[] }) {
  const [chosen, setChosen] = useState<string>("");
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const scenario = scenarios.find((entry) => entry.id === chosen);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!scenario) {
      setError(copy.scenarios.errorNone);
      return;
    }
    setError(undefined);
    setAsking(true);
  }

  if (asking && scenario) {
    return (
      <ConfirmPanel
        confirmation={{
          heading: copy.scenarios.confirmHeading(scenario.name),
          lines: copy.scenarios.confirmLines,
          confirm: copy.scenarios.confirm,
        }}
        request={{ path: `/api/training/scenarios/${scenario.id}`, method: "POST" }}
        done={`scenario&scenario=${scenario.id}`}
        onCancel={() => setAsking(false)}
      />
    );
  }

  return (
    <form noValidate onSubmit={submit} data-testid="scenario-form">
      <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
        <fieldset className="nhsuk-fieldset" aria-describedby={error ? "scenario-error" : undefined}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{copy.scenarios.legend}</legend>
          {error ? (
            <span className="nhsuk-error-message" id="scenario-error" role="alert">
              <span className="nhsuk-u-visually-hidden">Error:</span> {error}
            </span>
          ) : null}
          <div className="nhsuk-radios">
            {scenarios.map((entry, index) => (
              <div className="nhsuk-radios__item" key={entry.id}>
                <input
                  className="nhsuk-radios__input"
                  id={index === 0 ? "scenario" : `scenario-${entry.id}`}
                  name="scenario"
                  type="radio"
                  value={entry.id}
                  checked={chosen === entry.id}
                  onChange={() => setChosen(entry.id)}
                  aria-describedby={`scenario-${entry.id}-hint`}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={index === 0 ? "scenario" : `scenario-${entry.id}`}>
                  {entry.name}
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id={`scenario-${entry.id}-hint`}>
                  {entry.description}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <Button type="submit" data-testid="load-scenario">
        {copy.scenarios.button}
      </Button>
    </form>
  );
}
