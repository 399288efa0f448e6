import { createHash, randomBytes } from 'node:crypto';

/** What a bearer token of the write API may do; `admin` may do everything. */
export const TOKEN_SCOPES = ['write', 'purge', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A token as the store keeps it: never the token itself, only its hash. */
export interface ApiToken {
  id: number;
  name: string;
  scope: TokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const PREFIX = 'isb_';
/** `isb_` and 32 random bytes in base64url: 256 bits, so guessing one is hopeless. */
const TOKEN = /^isb_[A-Za-z0-9_-]{43}$/;
/** Names are what people revoke by, so they are short, printable and never only digits (ids). */
const NAME = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/;

export const isTokenScope = (value: string): value is TokenScope =>
  (TOKEN_SCOPES as readonly string[]).includes(value);

/** Whether a token of scope `held` may do what `needed` guards. */
export const grants = (held: TokenScope, needed: TokenScope) => held === 'admin' || held === needed;

/** Whether text has the shape of an isobar token, so that garbage is refused without a lookup. */
export const isTokenShaped = (text: string) => TOKEN.test(text);

export const isTokenName = (text: string) => NAME.test(text);

/** A new random token; shown once to whoever creates it, and only its hash is stored. */
export const newToken = () => `${PREFIX}${randomBytes(32).toString('base64url')}`;

/** SHA-256 of the token, hex: what the store keeps and looks tokens up by. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
