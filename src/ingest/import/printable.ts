// Control characters of C0, DEL and C1, the line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates (which reorder what a terminal shows).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it finds.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a file or its name as a terminal may show it: every control character written as an
 * escape (`\x1b`, `\u202e`), so a field name cannot move the cursor, retitle the window or
 * reorder the line the operator reads.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.charCodeAt(0);
    return (
      NAMED[ch] ??
      (code < 0x100
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`)
    );
  });
}
