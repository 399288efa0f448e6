/** The README's `curl` examples against a local origin, read so that a test can run them. */
export interface Example {
  line: number;
  command: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The status its comment names, if any. */
  status?: number;
  /** Where its comment says it leads (`→ /GB/London`, `→ ?q=munchen`). */
  location?: string;
}

/** Examples that follow an earlier step of the README, by path, and the step. */
export const AFTER_EARLIER_STEP: Record<string, string> = {
  '/v1/observations': 'writes with the token the example before it creates (test/http/writes)',
  '/US/Seattle/2015-06-01.txt': 'reads the NOAA file the import example loads (test/import)',
};

/** The examples that need no earlier step of the README. */
export const standaloneExamples = (text: string) =>
  readmeExamples(text).filter((e) => !(e.path.split('?')[0]! in AFTER_EARLIER_STEP));

/** Where an answer differs from what the README says of its example (none: as it says). */
export function exampleFailures(e: Example, res: Response): string[] {
  const failures: string[] = [];
  const where = `README line ${e.line}: ${e.command.trim()} → ${res.status}`;
  if (e.status !== undefined ? res.status !== e.status : res.status >= 400) {
    failures.push(`${where} (expected ${e.status ?? 'success'})`);
  }
  const location = res.headers.get('location') ?? '';
  if (e.location && !(location === e.location || location.endsWith(e.location))) {
    failures.push(`${where}: Location ${location}, README says ${e.location}`);
  }
  return failures;
}

const LOCAL = /(?:https?:\/\/)?127\.0\.0\.1:8080(\/[^\s'"]*)?/;

/** The README's curl examples against the local origin, continuation lines joined. */
export function readmeExamples(text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split('\n');
  let inShell = false;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)/.exec(lines[i]!);
    if (fence) {
      inShell = !inShell && fence[1] === 'sh';
      continue;
    }
    if (!inShell || !/^curl /.test(lines[i]!)) continue;
    let command = lines[i]!;
    const line = i + 1;
    while (command.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      command = `${command.trimEnd().slice(0, -1)} ${lines[++i]!.trim()}`;
    }
    const [call = '', comment = ''] = splitComment(command);
    const url = LOCAL.exec(call);
    if (!url) continue;
    const headers: Record<string, string> = {};
    for (const m of call.matchAll(/-H '([^:']+):\s*([^']*)'/g))
      headers[m[1]!.toLowerCase()] = m[2]!;
    const method = /-X (\w+)/.exec(call)?.[1] ?? (/ -s?I /.test(` ${call} `) ? 'HEAD' : 'GET');
    const said = /^\s*(\d{3})\b/.exec(comment);
    const to = /→\s*(\S+?)[,.;)]?(?:\s|$)/.exec(comment)?.[1];
    examples.push({
      line,
      command,
      method,
      path: url[1] ?? '/',
      headers,
      status: said ? Number(said[1]) : undefined,
      location: to && /^[/?]/.test(to) ? to : undefined,
    });
  }
  return examples;
}

/** The command and its trailing `# comment` (a `#` inside quotes is part of the command). */
function splitComment(command: string): [string, string] {
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && /\s/.test(command[i - 1] ?? ' ')) {
      return [command.slice(0, i), command.slice(i + 1)];
    }
  }
  return [command, ''];
}
