import type { MessageHeader, QueryUserParameters } from "@/lib/hl7";
import type { Enquirer } from "@/simulator/business/lr-access";

/** The user a confirm query asks about: its parameter list, or else the acting user in ControlActEvent/author. */
export function enquirerOf(parameterList: QueryUserParameters | undefined, header: MessageHeader): Enquirer | undefined {
  if (parameterList) return { roleProfileId: parameterList.roleProfileId, workgroupIds: parameterList.workgroupIds };
  if (header.author) return { roleProfileId: header.author.roleProfileId, workgroupIds: [] };
  return undefined;
}
