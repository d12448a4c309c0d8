"use client";
import { Button, Radios, SummaryList, TextInput } from "nhsuk-react-components";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { ProblemMessage } from "@/components/forms/problem-message";
import { ReasonDetails } from "@/components/forms/reason-details";
import { StepLayout } from "@/components/forms/step-layout";
import { useStepErrors } from "@/components/forms/use-step-errors";
import { useStepFocus } from "@/components/forms/use-step-focus";
import { useWorkgroupChange } from "@/components/workgroups/use-workgroup-change";
import { WorkgroupChangeOutcome } from "@/components/workgroups/workgroup-change-outcome";
import type { UiError } from "@/lib/schemas/api-error";
import type { UserLookup } from "@/lib/schemas/workgroups";
import { loadOnDemand } from "@/lib/ui/load-on-demand";
import { workgroupReturnHref } from "@/lib/ui/workgroup-links";
import { addMemberCopy as copy } from "./copy";

type Step = "find" | "profile" | "reason" | "check";
const STEPS: Step[] = ["find", "profile", "reason", "check"];
const TITLES: Record<Step, string> = {
  find: copy.find.title,
  profile: copy.profile.title,
  reason: copy.reason.title,
  check: copy.check.title,
};

/**
 * Add a member, in place: find the user by id (Spine's SDS gives their role profiles, the directory
 * their name) → choose the role profile → reason → check your answers → submit → waiting for
 * Spine → back to the workgroup with the banner. Every step is checked with the same schema the
 * route handler uses; one idempotency key per set of answers.
 */
export function AddMemberFlow({ workgroupId, workgroupName }: { workgroupId: string; workgroupName: string }) {
  const [step, setStep] = useState<Step>("find");
  const [userIdText, setUserIdText] = useState("");
  const [user, setUser] = useState<UserLookup | undefined>();
  const [lookupError, setLookupError] = useState<UiError | undefined>();
  const [looking, setLooking] = useState(false);
  const [roleProfileId, setRoleProfileId] = useState("");
  const [reason, setReason] = useState("");
  const [returnToCheck, setReturnToCheck] = useState(false);
  const { errors, attempt, report, clear, hasErrors } = useStepErrors();
  const container = useRef<HTMLDivElement>(null);
  const answers = useCallback(() => ({ userId: user?.userId ?? "", roleProfileId, reason }), [user, roleProfileId, reason]);
  const change = useWorkgroupChange(`/api/workgroups/${workgroupId}/members`, "add", answers);
  const outcome = change.phase.phase === "idle" || change.phase.phase === "submitting" ? undefined : change.phase;
  useStepFocus(
    container,
    outcome ? outcome.phase : step,
    `${hasErrors ? copy.errorPrefix : ""}${outcome ? copy.outcome.pendingHeading : TITLES[step]}`,
  );

  const returnHref =
    outcome?.phase === "confirmed" && user
      ? workgroupReturnHref(workgroupId, outcome.change, { userId: user.userId, roleProfileId })
      : undefined;
  useEffect(() => {
    // Back to the workgroup, which shows what Spine confirmed in its notification banner.
    if (returnHref) window.location.assign(returnHref);
  }, [returnHref]);

  function go(next: Step) {
    clear();
    if (next === "check") setReturnToCheck(false);
    setStep(next);
  }
  const next = (): Step => (returnToCheck ? "check" : (STEPS[STEPS.indexOf(step) + 1] ?? "check"));
  const back = step !== "find" && !returnToCheck ? STEPS[STEPS.indexOf(step) - 1] : undefined;

  // The steps' schemas (and zod, ~30 kB gzip) are loaded when a step is first continued from.
  async function find(event: FormEvent) {
    event.preventDefault();
    const schemas = await loadOnDemand(() => import("@/lib/schemas/workgroups"), report);
    if (!schemas) return;
    const { userIdSchema } = schemas;
    const checked = userIdSchema.safeParse(userIdText);
    if (!report(checked.success ? {} : { userId: checked.error.issues[0]?.message ?? "" }) || !checked.success) return;
    setLooking(true);
    setLookupError(undefined);
    try {
      const found = await apiFetch<UserLookup>(`/api/directory/users/${encodeURIComponent(checked.data)}`);
      setUser(found);
      if (!found.roleProfiles.some((p) => p.roleProfileId === roleProfileId)) setRoleProfileId(found.roleProfiles[0]?.roleProfileId ?? "");
      change.answersChanged();
      setReturnToCheck(false);
      go("profile");
    } catch (error) {
      setLookupError(error as UiError);
    } finally {
      setLooking(false);
    }
  }

  async function continueFrom(event: FormEvent, field: "roleProfileId" | "reason") {
    event.preventDefault();
    const schemas = await loadOnDemand(() => import("@/lib/schemas/workgroups"), report);
    if (!schemas) return;
    const { workgroupMemberChangeInput } = schemas;
    const result = workgroupMemberChangeInput.shape[field].safeParse(field === "reason" ? reason : roleProfileId);
    if (report(result.success ? {} : { [field]: result.error.issues[0]?.message ?? "" })) go(next());
  }

  if (outcome) {
    return (
      <div ref={container}>
        <WorkgroupChangeOutcome
          phase={outcome}
          copy={copy.outcome}
          workgroupHref={`/workgroups/${workgroupId}`}
          onRetry={change.submit}
          onCheckAgain={change.checkAgain}
        />
      </div>
    );
  }

  const profile = user?.roleProfiles.find((p) => p.roleProfileId === roleProfileId);
  return (
    <StepLayout
      container={container}
      attempt={attempt}
      errorSummary={{
        title: copy.errorSummaryTitle,
        errors,
        anchors: { userId: "userId", roleProfileId: `profile-${user?.roleProfiles[0]?.roleProfileId ?? ""}`, reason: "reason" },
      }}
      before={
        back ? (
          <a
            className="nhsuk-back-link"
            href={`#${back}`}
            onClick={(e) => {
              e.preventDefault();
              go(back);
            }}
          >
            {copy.back}
          </a>
        ) : (
          <a className="nhsuk-back-link" href={`/workgroups/${workgroupId}`}>
            {copy.backToWorkgroup}
          </a>
        )
      }
    >
      {step === "find" ? (
        <form noValidate onSubmit={(e) => void find(e)}>
          <h1>{copy.find.heading(workgroupName)}</h1>
          <TextInput
            id="userId"
            name="userId"
            label={copy.find.label}
            hint={copy.find.hint}
            error={errors.userId}
            width={20}
            inputMode="numeric"
            autoComplete="off"
            value={userIdText}
            onChange={(e) => setUserIdText(e.currentTarget.value)}
          />
          {lookupError ? <ProblemMessage error={lookupError} kind="query" focus /> : null}
          <Button type="submit" disabled={looking} data-testid="find-user">
            {looking ? copy.find.searching : copy.continue}
          </Button>
        </form>
      ) : null}
      {step === "profile" && user ? (
        <form noValidate onSubmit={(e) => void continueFrom(e, "roleProfileId")}>
          {user.roleProfiles.length === 0 ? (
            <>
              <h1>{copy.profile.title}</h1>
              <p className="nhsuk-inset-text">{copy.profile.none(user.userName)}</p>
            </>
          ) : (
            <>
              <Radios
                name="roleProfileId"
                legend={copy.profile.legend(user.userName)}
                legendProps={{ isPageHeading: true, size: "l" }}
                hint={copy.profile.hint}
                error={errors.roleProfileId}
              >
                {user.roleProfiles.map((p) => (
                  <Radios.Item
                    key={p.roleProfileId}
                    id={`profile-${p.roleProfileId}`}
                    value={p.roleProfileId}
                    checked={roleProfileId === p.roleProfileId}
                    hint={copy.profile.optionHint(p.roleProfileId)}
                    onChange={() => {
                      setRoleProfileId(p.roleProfileId);
                      change.answersChanged();
                    }}
                  >
                    {copy.profile.option(p.organisationName, p.jobRoleName)}
                  </Radios.Item>
                ))}
              </Radios>
              <Button type="submit">{copy.continue}</Button>
            </>
          )}
        </form>
      ) : null}
      {step === "reason" ? (
        <form noValidate onSubmit={(e) => void continueFrom(e, "reason")}>
          <h1>{copy.reason.title}</h1>
          <ReasonDetails
            field="reason"
            copy={copy.reason}
            error={errors.reason}
            rows={4}
            value={reason}
            onChange={(value) => {
              setReason(value);
              change.answersChanged();
            }}
          />
          <Button type="submit">{copy.continue}</Button>
        </form>
      ) : null}
      {step === "check" && user ? (
        <>
          <h1>{copy.check.heading}</h1>
          <SummaryList data-testid="check-answers">
            {(
              [
                [copy.check.workgroup, workgroupName, undefined],
                [copy.check.user, user.userName, "find"],
                [copy.check.userId, user.userId, undefined],
                [
                  copy.check.roleProfile,
                  profile
                    ? `${copy.profile.option(profile.organisationName, profile.jobRoleName)} (${profile.roleProfileId})`
                    : roleProfileId,
                  "profile",
                ],
                [copy.check.reason, reason, "reason"],
              ] as const
            ).map(([key, value, changeStep]) => (
              <SummaryList.Row key={key}>
                <SummaryList.Key>{key}</SummaryList.Key>
                <SummaryList.Value>{value}</SummaryList.Value>
                {changeStep ? (
                  <SummaryList.Action
                    href={`#${changeStep}`}
                    visuallyHiddenText={key.toLowerCase()}
                    onClick={(e) => {
                      e.preventDefault();
                      setReturnToCheck(changeStep !== "find");
                      clear();
                      setStep(changeStep);
                    }}
                  >
                    {copy.check.change}
                  </SummaryList.Action>
                ) : null}
              </SummaryList.Row>
            ))}
          </SummaryList>
          <Button
            type="button"
            onClick={change.submit}
            disabled={change.phase.phase === "submitting"}
            aria-disabled={change.phase.phase === "submitting"}
            data-testid="submit-change"
          >
            {change.phase.phase === "submitting" ? copy.check.submitting : copy.check.submit}
          </Button>
        </>
      ) : null}
    </StepLayout>
  );
}
