/** Every word on the workgroup finder. */
export const workgroupsCopy = {
  title: "Workgroups",
  heading: "Workgroups",
  intro: "Find a workgroup to see its members, and add or remove members of your own organisation's workgroups.",
  liveNote:
    "In live use, Registration Authority staff normally manage workgroups in Care Identity Management. Changes here are sent to Spine's directory (SDS) and recorded in the audit trail.",
  find: {
    label: "Workgroup ID",
    hint: "The 12-digit SDS workgroup ID, for example 900000000501.",
    submit: "Find workgroup",
  },
  errorSummaryTitle: "There is a problem",
  listHeading: "Your organisation's workgroups",
  listUnavailable: "You can still find a workgroup by its ID.",
  caption: "Workgroups of your organisation",
  columns: { name: "Workgroup", id: "Workgroup ID", members: "Members", status: "Status" },
  empty: "The SDS directory lists no workgroups for your organisation.",
} as const;
