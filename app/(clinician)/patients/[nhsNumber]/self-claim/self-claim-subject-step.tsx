"use client";
import { Button, Radios } from "nhsuk-react-components";
import type { FormEvent } from "react";
import { selfClaimCopy as copy } from "./copy";
import type { SelfClaimWorkgroup } from "./self-claim-steps";

/** For me or one of my workgroups, offered only when the role has workgroups. */
export function SelfClaimSubjectStep({
  workgroups,
  subject,
  onChange,
  onContinue,
}: {
  workgroups: SelfClaimWorkgroup[];
  /** "self" or a workgroup id. */
  subject: string;
  onChange: (subject: string) => void;
  onContinue: (event: FormEvent) => void;
}) {
  return (
    <form noValidate onSubmit={onContinue}>
      <Radios name="subject" legend={copy.subject.legend} legendProps={{ isPageHeading: true, size: "l" }} hint={copy.subject.hint}>
        <Radios.Item id="subject-self" value="self" checked={subject === "self"} onChange={() => onChange("self")}>
          {copy.subject.me}
        </Radios.Item>
        {workgroups.map((workgroup) => (
          <Radios.Item
            key={workgroup.workgroupId}
            id={`subject-${workgroup.workgroupId}`}
            value={workgroup.workgroupId}
            checked={subject === workgroup.workgroupId}
            onChange={() => onChange(workgroup.workgroupId)}
          >
            {workgroup.name} {copy.subject.workgroupSuffix}
          </Radios.Item>
        ))}
      </Radios>
      <Button type="submit">{copy.continue}</Button>
    </form>
  );
}
