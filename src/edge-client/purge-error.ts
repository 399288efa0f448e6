/** A cache downstream refused or failed a purge: its HTTP status, or undefined with no answer. */
export class PurgeError extends Error {
  override name = 'PurgeError';
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}
