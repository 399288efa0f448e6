/** A feed or CAP document isobar cannot read: nothing of it is stored. */
export class AlertFeedError extends Error {
  override name = 'AlertFeedError';
}
