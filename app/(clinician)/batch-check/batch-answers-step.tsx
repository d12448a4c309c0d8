"use client";
import { Button, SummaryList } from "nhsuk-react-components";
import { type ClinicList, ROW_PROBLEMS } from "@/lib/batch/parse-clinic-list";
import type { BatchAnswers, BatchWorkgroup } from "./batch-check-flow";
import { batchCheckCopy as copy } from "./copy";

const SHOWN_REJECTED = 20;

/**
 * Check your answers: the list, how many rows it has, how many will be checked, how many will not
 * and why (with the first rows that will not), who for; then run the check.
 */
export function BatchAnswersStep({
  answers,
  list,
  workgroups,
  submitting,
  onChange,
  onSubmit,
}: {
  answers: BatchAnswers;
  list: ClinicList;
  workgroups: BatchWorkgroup[];
  submitting: boolean;
  onChange: () => void;
  onSubmit: () => void;
}) {
  const subject =
    answers.subject === "self" ? copy.subject.me : (workgroups.find((w) => w.workgroupId === answers.subject)?.name ?? answers.subject);
  const reasons = ROW_PROBLEMS.filter((problem) => list.counts.byProblem[problem] > 0);
  const rejected = list.rows.filter((row) => row.problem);
  const number = (n: number) => n.toLocaleString("en-GB");
  const rows: [string, React.ReactNode, boolean][] = [
    [copy.check.source, answers.file ? answers.file.name : copy.check.pasted, true],
    [copy.check.rows, number(list.counts.rows), false],
    [copy.check.valid, number(list.counts.valid), false],
    [
      copy.check.rejected,
      reasons.length === 0 ? (
        copy.check.rejectedNone
      ) : (
        <>
          {number(list.counts.rejected)}
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0" data-testid="rejected-reasons">
            {reasons.map((problem) => (
              <li key={problem}>
                {copy.problems[problem]}: {number(list.counts.byProblem[problem])}
              </li>
            ))}
          </ul>
        </>
      ),
      false,
    ],
    [copy.check.subject, subject, workgroups.length > 0],
  ];
  return (
    <>
      <h1>{copy.check.heading}</h1>
      <SummaryList data-testid="check-answers">
        {rows.map(([key, value, changeable]) => (
          <SummaryList.Row key={key}>
            <SummaryList.Key>{key}</SummaryList.Key>
            <SummaryList.Value>{value}</SummaryList.Value>
            {changeable ? (
              <SummaryList.Action
                href="#list"
                visuallyHiddenText={key.toLowerCase()}
                onClick={(e) => {
                  e.preventDefault();
                  onChange();
                }}
              >
                {copy.check.change}
              </SummaryList.Action>
            ) : null}
          </SummaryList.Row>
        ))}
      </SummaryList>
      {rejected.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">{copy.check.rejectedHeading}</h2>
          <p>{copy.check.rejectedIntro}</p>
          <table className="nhsuk-table" data-testid="rejected-rows">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{copy.check.rejectedHeading}</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  {copy.check.tableRow}
                </th>
                <th scope="col" className="nhsuk-table__header">
                  {copy.check.tableEntered}
                </th>
                <th scope="col" className="nhsuk-table__header">
                  {copy.check.tableReason}
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rejected.slice(0, SHOWN_REJECTED).map((row) => (
                <tr key={row.rowNo} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{row.rowNo}</td>
                  <td className="nhsuk-table__cell">{row.entered}</td>
                  <td className="nhsuk-table__cell">
                    {row.problem ? copy.problems[row.problem] : ""}
                    {row.duplicateOf ? ` (row ${row.duplicateOf})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rejected.length > SHOWN_REJECTED ? (
            <p className="nhsuk-body-s">{copy.check.rejectedMore(SHOWN_REJECTED, rejected.length)}</p>
          ) : null}
        </>
      ) : null}
      <Button type="button" onClick={onSubmit} disabled={submitting} aria-disabled={submitting} data-testid="run-check">
        {submitting ? copy.check.submitting : copy.check.submit}
      </Button>
    </>
  );
}
