import type { Metadata } from "next";
import { ProblemMessage } from "@/components/forms/problem-message";
import { loadWorkgroupPage } from "@/server/workgroups/load-workgroup-page";
import { AddMemberFlow } from "./add-member-flow";
import { addMemberCopy as copy } from "./copy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/** Add a member: the server checks the permission and that the role may manage this workgroup; the journey runs in the browser. */
export default async function AddMemberPage({ params }: { params: Promise<{ workgroupId: string }> }) {
  const { workgroupId: raw } = await params;
  const loaded = await loadWorkgroupPage(raw, (id) => `/workgroups/${id}/add`);
  const back = `/workgroups/${loaded.workgroupId}`;
  if ("problem" in loaded || !loaded.workgroup.mayManage) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <a className="nhsuk-back-link" href={back}>
            {copy.backToWorkgroup}
          </a>
          <h1>{copy.title}</h1>
          {"problem" in loaded ? (
            <ProblemMessage error={loaded.problem} kind="query" />
          ) : (
            <p className="nhsuk-inset-text">{copy.notYours}</p>
          )}
        </div>
      </div>
    );
  }
  return <AddMemberFlow workgroupId={loaded.workgroupId} workgroupName={loaded.workgroup.name} />;
}
