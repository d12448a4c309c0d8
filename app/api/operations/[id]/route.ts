import { operationParams } from "@/lib/schemas/params";
import { withRoute } from "@/server/http/with-route";
import { getOperationStatus } from "@/server/lr/get-operation-status";

export const dynamic = "force-dynamic";

/** Status of a pending Spine operation (id = its MessageId); only its owner may read it. */
export const GET = withRoute(({ user, params }) => getOperationStatus({ sessionSub: user.sub }, params.id), {
  access: { signedIn: true },
  params: operationParams,
});
