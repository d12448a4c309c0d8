import type { Metadata } from "next";
import { ProblemMessage } from "@/components/forms/problem-message";
import { roleProfileIdSchema } from "@/lib/schemas/workgroups";
import { loadWorkgroupPage } from "@/server/workgroups/load-workgroup-page";
import { removeMemberCopy as copy } from "./copy";
import { RemoveMemberFlow } from "./remove-member-flow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: copy.title };

/** Remove a member: the server checks the permission, the workgroup's organisation and that the role profile is listed. */
export default async function RemoveMemberPage({ params }: { params: Promise<{ workgroupId: string; roleProfileId: string }> }) {
  const { workgroupId: raw, roleProfileId: rawRoleProfileId } = await params;
  const roleProfileId = decodeURIComponent(rawRoleProfileId);
  const loaded = await loadWorkgroupPage(raw, (id) => `/workgroups/${id}/members/${encodeURIComponent(roleProfileId)}/remove`);
  const back = `/workgroups/${loaded.workgroupId}`;
  const member =
    "workgroup" in loaded && loaded.workgroup.members.state === "listed" && roleProfileIdSchema.safeParse(roleProfileId).success
      ? loaded.workgroup.members.members.find((m) => m.roleProfileId === roleProfileId)
      : undefined;
  if ("problem" in loaded || !loaded.workgroup.mayManage || !member) {
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
            <p className="nhsuk-inset-text" data-testid="cannot-remove">
              {!loaded.workgroup.mayManage ? copy.notYours : copy.notMember(roleProfileId, loaded.workgroup.name)}
            </p>
          )}
        </div>
      </div>
    );
  }
  return <RemoveMemberFlow workgroupId={loaded.workgroupId} workgroupName={loaded.workgroup.name} member={member} />;
}
