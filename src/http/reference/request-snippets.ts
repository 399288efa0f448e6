/** Where the snippets send their requests: where `npm start` serves, as the README's examples. */
export const SNIPPET_ORIGIN = 'http://127.0.0.1:8080';

/** How a snippet reads the answer's body. */
export type BodyKind = 'json' | 'text';

export interface Snippet {
  language: 'curl' | 'JavaScript' | 'PHP';
  code: string;
}

// Each literal is quoted for its language, so a URL the request builder was given (a place name
// with a quote in it) cannot end the string early.
const shellQuoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const phpQuoted = (s: string) => `'${s.replace(/[\\']/g, '\\$&')}'`;

/**
 * The same GET in curl, JavaScript (fetch) and PHP (the curl extension), each printing the
 * answer's body and failing on an error status; all three follow redirects.
 */
export function requestSnippets(path: string, kind: BodyKind, origin = SNIPPET_ORIGIN): Snippet[] {
  const url = `${origin}${path}`;
  const js = kind === 'json' ? 'console.log(await res.json());' : 'console.log(await res.text());';
  const php =
    kind === 'json'
      ? 'print_r(json_decode($body, true, flags: JSON_THROW_ON_ERROR));'
      : 'echo $body;';
  return [
    { language: 'curl', code: `curl -fsSL ${shellQuoted(url)}` },
    {
      language: 'JavaScript',
      code: [
        `const res = await fetch(${JSON.stringify(url)});`,
        "if (!res.ok) throw new Error('HTTP ' + res.status);",
        js,
      ].join('\n'),
    },
    {
      language: 'PHP',
      code: [
        '<?php',
        `$ch = curl_init(${phpQuoted(url)});`,
        'curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_FOLLOWLOCATION => true]);',
        '$body = curl_exec($ch);',
        '$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);',
        'if ($body === false || $status >= 400) {',
        '  fwrite(STDERR, "HTTP $status " . curl_error($ch) . "\\n");',
        '  exit(1);',
        '}',
        php,
      ].join('\n'),
    },
  ];
}
