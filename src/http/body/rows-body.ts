import { DomainError } from '../../contract/protocol/request-errors.ts';
import { Refusal } from '../error-handler.ts';
import { bodyText } from './body-text.ts';
import { jsonArrayValues } from './json-array.ts';
import { ndjsonValues } from './ndjson-body.ts';

export interface BodyLimits {
  /** Bytes one request may send. */
  maxBytes: number;
  /** Rows one request may send. */
  maxRows: number;
}

/** The write API's documented limits. */
export const WRITE_LIMITS: BodyLimits = { maxBytes: 10 * 1024 * 1024, maxRows: 10_000 };

/** The bodies a write takes: one JSON array of rows, or one row object per line. */
export const ROW_MEDIA_TYPES = ['application/json', 'application/x-ndjson'] as const;

function mediaType(contentType: string | null): (typeof ROW_MEDIA_TYPES)[number] {
  const [essence = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim());
  const type = ROW_MEDIA_TYPES.find((t) => t === essence.toLowerCase());
  const charset = params
    .find((p) => /^charset=/i.test(p))
    ?.slice(8)
    .replace(/"/g, '');
  if (!type || (charset !== undefined && charset.toLowerCase() !== 'utf-8')) {
    throw new DomainError(
      'unsupported-media-type',
      `send rows as ${ROW_MEDIA_TYPES.join(' or ')}, in UTF-8` +
        (contentType ? `, not ${contentType.slice(0, 100)}` : ': Content-Type is missing'),
    );
  }
  return type;
}

/**
 * The rows a write request sends, read as the body streams in: refused with a 415 for another
 * media type, a 413 past the byte or row limit (without reading further) and a 400 naming the
 * line and column of JSON that does not parse. The rows are not judged here.
 */
export async function readRowsBody(request: Request, limits: BodyLimits): Promise<unknown[]> {
  const type = mediaType(request.headers.get('content-type'));
  const encoding = request.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') {
    throw new DomainError('unsupported-media-type', 'send the body uncompressed');
  }
  const text = bodyText(request, limits.maxBytes);
  const values = type === 'application/json' ? jsonArrayValues(text) : ndjsonValues(text);
  const rows: unknown[] = [];
  for await (const value of values) {
    if (rows.length >= limits.maxRows) {
      throw new Refusal(
        'payload-too-large',
        `a request may send at most ${limits.maxRows} rows; split the batch`,
        { connection: 'close' },
        { max_rows: limits.maxRows },
      );
    }
    rows.push(value);
  }
  return rows;
}
