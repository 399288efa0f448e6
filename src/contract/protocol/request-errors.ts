import type { ProblemCode } from './problem.ts';

/**
 * A failure the caller can act on. `code` names it for clients (the problem document's `code`);
 * what that means in HTTP is decided in one table, PROBLEMS, never here.
 */
export class DomainError extends Error {
  readonly code: ProblemCode;
  /** Extra members of the problem document, e.g. `{ parameter: 'q' }`. */
  readonly extensions: Record<string, unknown>;
  constructor(code: ProblemCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.extensions = extensions;
  }
}

/** The input is malformed or out of range; nothing was changed. */
export class Invalid extends DomainError {
  override name = 'Invalid';
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('invalid-request', message, extensions);
  }
}

/** The thing asked for does not exist. */
export class NotFound extends DomainError {
  override name = 'NotFound';
  constructor(
    message: string,
    code: Extract<ProblemCode, 'not-found' | 'unknown-place'> = 'not-found',
  ) {
    super(code, message);
  }
}
