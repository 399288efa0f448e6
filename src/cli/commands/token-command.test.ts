import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { tokenCommand } from './token-command.ts';

// Arguments are judged before the database is opened: this DSN is never used.
const config = loadConfig({ DATABASE_URL: 'pglite:/nonexistent/isobar-never-opened' });

describe('isobar token arguments', () => {
  it.each([
    [['create'], { scope: 'write' }, 'token create needs --name NAME'],
    [['create'], { name: 'x' }, 'token create needs --scope write|purge|admin'],
    [['create'], { name: 'x', scope: 'root' }, 'unknown scope "root": use write, purge, admin'],
    [['create'], { name: '42', scope: 'write' }, /^--name must be .* not only digits$/],
    [['create'], { name: 'a\nb', scope: 'write' }, /^--name must be/],
    [['create', 'extra'], { name: 'x', scope: 'write' }, 'token create takes no argument "extra"'],
    [['list', 'all'], {}, 'token list takes no argument "all"'],
    [['list'], { scope: 'write' }, '--name and --scope belong to token create, not token list'],
    [['revoke'], {}, 'token revoke needs one token id or name'],
    [['revoke', 'a', 'b'], {}, 'token revoke needs one token id or name'],
    [['rotate'], {}, 'unknown token action "rotate"'],
    [[], {}, 'token needs an action'],
  ])('refuses %j %j with exit code 2 and one line', async (args, options, message) => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(`out: ${l}`), err: (l: string) => lines.push(l) };
    expect(await tokenCommand(config, args, options, io)).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith('isobar: ')).toBe(true);
    expect(lines[0]!.slice('isobar: '.length)).toMatch(message);
  });
});
