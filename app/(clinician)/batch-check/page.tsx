import type { Metadata } from "next";
import { requirePagePermission } from "@/server/auth/page-session";
import { signedInUserFrom } from "@/server/auth/signed-in-user";
import { listBatchChecks } from "@/server/batch/get-batch-check";
import { config } from "@/server/config";
import { requestLogger } from "@/server/log/logger";
import { lrContextFor } from "@/server/lr/lr-context";
import { myWorkgroupsForPage } from "@/server/lr/my-workgroups";
import { BatchCheckFlow } from "./batch-check-flow";
import { batchCheckCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/**
 * The batch LR check: a clinic list (upload or paste), for me or one of my workgroups, check your
 * answers, run. The list is read and checked in the browser for "check your answers" with the
 * same rules the server applies again. The user's recent checks are listed to return to.
 */
export default async function BatchCheckPage() {
  const session = await requirePagePermission("lr.view", "/batch-check");
  const ctx = lrContextFor(signedInUserFrom(session), requestLogger(crypto.randomUUID()));
  const [{ workgroups, problem }, { checks }] = await Promise.all([myWorkgroupsForPage(ctx), listBatchChecks(ctx)]);
  return (
    <>
      <BatchCheckFlow
        trainingMode={config().LR_MODE === "training"}
        workgroups={workgroups}
        workgroupsUnavailable={problem !== undefined}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2 className="nhsuk-heading-m">{copy.recent.heading}</h2>
          {checks.length === 0 ? (
            <p>{copy.recent.none}</p>
          ) : (
            <ul className="nhsuk-list" data-testid="recent-checks">
              {checks.map((check) => (
                <li key={check.id}>
                  <a href={`/batch-check/${check.id}`}>
                    {check.fileName ?? copy.check.pasted}, {check.rows.toLocaleString("en-GB")} {copy.recent.rows}
                  </a>{" "}
                  – {copy.recent.started} {new Date(check.createdAt).toLocaleString("en-GB", { timeZone: "Europe/London" })}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </>
  );
}
