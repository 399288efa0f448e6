/**
 * Responses built with their X-Request-Id already among their headers (given as a plain object,
 * which the Node adapter writes as it is): the middleware that stamps every other answer need
 * not open their headers, which would cost a Headers object per request.
 */
const stamped = new WeakSet<Response>();

/** Marks a response that carries its request id. */
export function withRequestId(response: Response): Response {
  stamped.add(response);
  return response;
}

/** Whether a response carries its request id already. */
export const hasRequestId = (response: Response) => stamped.has(response);
