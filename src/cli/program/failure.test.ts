import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/env.ts';
import { DatabaseError } from '../../store/database.ts';
import { StoreRefusal } from '../../store/store-refusal.ts';
import { UsageError } from '../usage-error.ts';
import { describeFailure } from './failure.ts';

const systemError = (code: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(`${fields.syscall} ${code}`), { code, ...fields });

describe('describeFailure', () => {
  it('puts every bad variable of a configuration on one line, with status 2', () => {
    let err: unknown;
    try {
      loadConfig({ HOST: 'not a host', PORT: 'eighty' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const { status, line } = describeFailure(err);
    expect(status).toBe(2);
    expect(line).toMatch(/^invalid configuration: HOST: must be an IP address.*; PORT: /);
    expect(line).not.toContain('\n');
    expect(describeFailure(new UsageError('no place "x"'))).toEqual({
      status: 2,
      line: 'no place "x"',
    });
  });

  it.each([
    ['EADDRINUSE', 'the port is in use by another process'],
    ['EACCES', 'permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)'],
    ['EADDRNOTAVAIL', 'no network interface of this machine has that address'],
  ])('says why listen() failed with %s, status 1', (code, reason) => {
    const err = systemError(code, { syscall: 'listen', address: '10.1.2.3', port: 80 });
    expect(describeFailure(err)).toEqual({
      status: 1,
      line: `cannot listen on 10.1.2.3:80: ${reason}`,
    });
  });

  it('names a host name that does not resolve', () => {
    const err = systemError('ENOTFOUND', { syscall: 'getaddrinfo', hostname: 'nowhere.invalid' });
    expect(describeFailure(err).line).toBe(
      'cannot resolve the host name "nowhere.invalid" (ENOTFOUND)',
    );
  });

  it('says the database cannot be reached, even when the cause has no message of its own', () => {
    // Node 20 tries ::1 and 127.0.0.1 and rejects with an AggregateError whose message is empty.
    const refused = new AggregateError([new Error('connect ECONNREFUSED ::1:5432')], '');
    const err = new DatabaseError('', '08006', undefined, { cause: refused });
    expect(describeFailure(err)).toEqual({
      status: 1,
      line: 'cannot reach the database: connect ECONNREFUSED ::1:5432',
    });
  });

  it('passes a refusal of the store as it is, and anything else with a hint', () => {
    expect(describeFailure(new StoreRefusal('migration 0001 changed'))).toEqual({
      status: 1,
      line: 'migration 0001 changed',
    });
    expect(describeFailure(new TypeError('x is not a function\nmore'))).toEqual({
      status: 1,
      line: 'x is not a function more (--verbose shows where)',
    });
  });
});
