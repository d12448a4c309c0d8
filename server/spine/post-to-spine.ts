import "server-only";
import { type HttpPostError, type HttpPostRequest, type HttpPostResponse, httpPost, isHttpPostError } from "./http-post";
import { SpineCallError, type SpineCallFailure } from "./spine-call-error";

/** A POST that produced no response, as a Spine call failure; an over-long reply counts as unreadable. */
const FAILURE_OF_POST_ERROR = {
  connection: "connection",
  timeout: "timeout",
  too_large: "bad-reply",
} as const satisfies Record<HttpPostError["kind"], SpineCallFailure>;

/**
 * One POST to Spine or the MHS adaptor. A failure to get any response becomes a SpineCallError;
 * only a connection failure is retriable, since then the message cannot have arrived.
 */
export async function postToSpine(request: HttpPostRequest): Promise<HttpPostResponse> {
  try {
    return await httpPost(request);
  } catch (error) {
    if (isHttpPostError(error)) {
      throw new SpineCallError(FAILURE_OF_POST_ERROR[error.kind], error.message, { retriable: error.kind === "connection", cause: error });
    }
    throw error;
  }
}
