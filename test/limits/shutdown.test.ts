import { Agent, get, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/runtime/node.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { openSocket } from '../support/raw-http.ts';

/** A GET on a keep-alive agent: the response and its whole body, or the error it met. */
function getOn(agent: Agent, port: number, path: string) {
  return new Promise<{ res: IncomingMessage; body: string }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ res, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe.each(drivers)('graceful close of the Node server on $name', (driver) => {
  const origin = useTestOrigin(driver);

  /** The test origin, with every routed request held at a gate the test opens. */
  const gated = () => {
    let entered!: () => void;
    let open!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const gate = new Promise<void>((r) => (open = r));
    const app = {
      fetch: async (request: Request, ...rest: unknown[]) => {
        entered();
        await gate;
        return origin().app.fetch(request, ...(rest as []));
      },
    };
    return { app, inside, open };
  };

  it.skipIf(driver.skip)(
    'lets a request in flight finish, refuses new connections, and closes at once after',
    async () => {
      const { app, inside, open } = gated();
      const server = await startNodeServer(app, {
        host: '127.0.0.1',
        port: 0,
        limits: { shutdownGraceMs: 5000 },
      });
      const agent = new Agent({ keepAlive: true });
      const inFlight = getOn(agent, server.port, '/GB/London.json');
      await inside;
      const started = Date.now();
      let closed = false;
      const closing = server.close().then(() => (closed = true));
      await expect(openSocket(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(closed).toBe(false);
      open();
      const { res, body } = await inFlight;
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(body).location.path).toBe('/GB/London');
      // Its keep-alive connection is closed with it, not kept for keepAliveTimeout (65 s).
      await closing;
      expect(Date.now() - started).toBeLessThan(2000);
      agent.destroy();
    },
  );

  it.skipIf(driver.skip)('closes at once with an idle keep-alive connection open', async () => {
    const server = await startNodeServer(origin().app, {
      host: '127.0.0.1',
      port: 0,
      limits: { shutdownGraceMs: 5000 },
    });
    const agent = new Agent({ keepAlive: true });
    expect((await getOn(agent, server.port, '/GB/London.json')).res.statusCode).toBe(200);
    expect(agent.freeSockets).not.toEqual({});
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    agent.destroy();
  });

  it.skipIf(driver.skip)('cuts a request still running when the grace is over', async () => {
    const { app, inside, open } = gated();
    const server = await startNodeServer(app, {
      host: '127.0.0.1',
      port: 0,
      limits: { shutdownGraceMs: 300 },
    });
    const agent = new Agent({ keepAlive: true });
    const stuck = getOn(agent, server.port, '/GB/London.json');
    await inside;
    const started = Date.now();
    await server.close();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1500);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
    open();
    agent.destroy();
  });
});
