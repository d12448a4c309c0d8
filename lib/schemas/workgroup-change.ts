/** `alreadyMember` / `notMember`: Spine's alreadyAMember / wasNotAMember flags — information, not errors. */
export type WorkgroupChange = "added" | "alreadyMember" | "removed" | "notMember";

/** A confirmed operation's flag (GET /api/operations/{id} `result.flag`) as the change it means. */
export function workgroupChangeOf(action: "add" | "remove", flag: boolean | undefined): WorkgroupChange {
  if (action === "add") return flag ? "alreadyMember" : "added";
  return flag ? "notMember" : "removed";
}
