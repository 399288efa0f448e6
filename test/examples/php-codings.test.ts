import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { HAVE_PHP, PHP } from '../support/php.ts';

/**
 * A PHP client as people write them (php-curl): it fetches a URI asking for `gzip, br`, keeps the
 * ETag, and revalidates with a handle that asks for no coding at all. Prints what it saw as JSON.
 */
const CLIENT = `
function fetch_once(string $url, ?string $encoding, ?string $etag): array {
  $headers = [];
  $curl = curl_init($url);
  $options = [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => $etag === null ? [] : ["If-None-Match: $etag"],
    CURLOPT_HEADERFUNCTION => function ($curl, string $line) use (&$headers): int {
      $parts = explode(':', $line, 2);
      if (count($parts) === 2) $headers[strtolower(trim($parts[0]))] = trim($parts[1]);
      return strlen($line);
    },
  ];
  if ($encoding !== null) $options[CURLOPT_ENCODING] = $encoding;
  curl_setopt_array($curl, $options);
  $body = curl_exec($curl);
  return [
    'status' => curl_getinfo($curl, CURLINFO_RESPONSE_CODE),
    'etag' => $headers['etag'] ?? null,
    'encoding' => $headers['content-encoding'] ?? null,
    'length' => strlen((string) $body),
  ];
}
$url = $argv[1];
$first = fetch_once($url, 'gzip, br', null);
$again = fetch_once($url, null, $first['etag']);
$plain = fetch_once($url, null, null);
echo json_encode(['first' => $first, 'again' => $again, 'plain' => $plain]);
`;

/** Runs the client (in a process of its own: the origin answers from this one's event loop). */
async function runClient(url: string) {
  const run = await promisify(execFile)(PHP, ['-d', 'error_reporting=-1', '-r', CLIENT, '--', url]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe.skipIf(!HAVE_PHP)('a PHP client revalidating in another coding', () => {
  const served = useServedOrigin(drivers[0]!);

  it('gets a 304 with the tag of the coding it would now be sent', async () => {
    for (const path of ['/GB/London.json', '/GB/London', '/GB/London.txt?units=imperial']) {
      const seen = await runClient(`${served.base}${path}`);
      expect(seen.first, path).toMatchObject({ status: 200, encoding: 'br' });
      expect(seen.first.etag, path).toMatch(/-br"$/);
      expect(seen.plain).toMatchObject({ status: 200, encoding: null });
      expect(seen.again, path).toEqual({
        status: 304,
        etag: seen.plain.etag,
        encoding: null,
        length: 0,
      });
    }
  });
});
