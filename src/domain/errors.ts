/** Domain failures; the HTTP layer maps each kind to a status, the domain never sees one. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The thing asked for does not exist. */
export class NotFound extends DomainError {
  override name = 'NotFound';
}

/** The input is malformed or out of range; nothing was changed. */
export class Invalid extends DomainError {
  override name = 'Invalid';
}

/** The input names more than one thing and the caller must choose. */
export class Ambiguous extends DomainError {
  override name = 'Ambiguous';
}
