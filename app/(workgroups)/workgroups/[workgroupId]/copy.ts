import type { WorkgroupChange } from "@/lib/schemas/workgroups";

/** Every word on a workgroup's page. */
export const workgroupCopy = {
  titleSuffix: "Workgroup",
  back: "Workgroups",
  caption: "Workgroup",
  details: { id: "Workgroup ID", status: "Status", type: "Type", organisation: "Organisation" },
  membersHeading: "Members",
  membersCaption: (name: string) => `Members of ${name}`,
  columns: { name: "Name", userId: "User ID", roleProfile: "Role profile", jobRole: "Job role", actions: "Actions" },
  noMembers: "This workgroup has no members.",
  remove: "Remove",
  removeHidden: (name: string, roleProfileId: string) => ` ${name}, role profile ${roleProfileId}`,
  add: "Add a member",
  notYours: "You can only add or remove members of your own organisation's workgroups.",
  cannotCheck: "Members cannot be added or removed until the SDS directory can say which organisation this workgroup belongs to.",
  problemHeading: "Workgroup not available",
  findAnother: "Find another workgroup",
  reference: "Spine reference",
  banner: {
    successTitle: "Success",
    roleProfile: (roleProfileId: string) => `Role profile ${roleProfileId}`,
    informationTitle: "Important",
    heading: (change: WorkgroupChange, member: string, workgroup: string): string =>
      ({
        added: `${member} was added to ${workgroup}`,
        alreadyMember: `${member} was already a member of ${workgroup}`,
        removed: `${member} was removed from ${workgroup}`,
        notMember: `${member} was not a member of ${workgroup}`,
      })[change],
    body: (change: WorkgroupChange): string =>
      ({
        added: "Spine has confirmed the change. They can now see patients through this workgroup's legitimate relationships.",
        alreadyMember: "Spine made no change: this role profile was already in the workgroup.",
        removed: "Spine has confirmed the change. They can no longer see patients through this workgroup's legitimate relationships.",
        notMember: "Spine made no change: this role profile was not in the workgroup.",
      })[change],
  },
} as const;
