import type { Coding } from '../contract/protocol/conditional.ts';

/** The content codings isobar sends: brotli, gzip, or none. */
export type Encoding = Coding;

/** Codings preferred in this order when a client likes several equally (smaller first). */
const PREFERENCE: Encoding[] = ['br', 'gzip', 'identity'];

// Clients send a handful of distinct headers; their choices are kept, within a bound.
const chosen = new Map<string, Encoding>();
const MAX_REMEMBERED = 256;
/** No coding, when the header does not name it: acceptable, but after any coding it names. */
const UNNAMED_IDENTITY = Number.MIN_VALUE;

/**
 * The coding to answer with for an Accept-Encoding header (RFC 9110 §12.5.3): the acceptable
 * coding with the highest q-value, brotli before gzip before none on a tie. `q=0` refuses a
 * coding and `*` stands for those not named, none included; unnamed, none is acceptable but
 * comes after any coding the client names. Without the header, or when nothing isobar has is
 * acceptable, the answer is not encoded.
 */
export function chooseEncoding(header: string | null | undefined): Encoding {
  if (!header) return 'identity';
  const known = chosen.get(header);
  if (known) return known;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(coding, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  }
  const star = q.get('*');
  const weight = (coding: Encoding) =>
    q.get(coding) ?? star ?? (coding === 'identity' ? UNNAMED_IDENTITY : 0);
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const coding of PREFERENCE) {
    const w = weight(coding);
    if (w > bestQ) {
      best = coding;
      bestQ = w;
    }
  }
  if (chosen.size >= MAX_REMEMBERED) chosen.clear();
  chosen.set(header, best);
  return best;
}
