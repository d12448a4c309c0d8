import { AppError } from "@/lib/errors/app-error";
import { withRoute } from "@/server/http/with-route";
import { getOperationStatus } from "@/server/lr/get-operation-status";

export const dynamic = "force-dynamic";

/** Status of a pending Spine update (id = its MessageId); only its owner may read it. */
export const GET = withRoute(
  async ({ params, session }) => {
    if (!session) throw new AppError("unauthenticated", "Sign in to continue.");
    return getOperationStatus({ sessionSub: session.sub }, params.id ?? "");
  },
  { access: { signedIn: true } },
);
