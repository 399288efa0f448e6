import { createServer } from 'node:net';

/**
 * Binds `host:port` and lets go at once, so that a port in use, a port the user may not bind or
 * an address this machine does not have stops `serve` before it spends seconds preparing the
 * database (loading the catalog takes 10–20 s on a fresh one). Rejects with the error listen()
 * gives (EADDRINUSE, EACCES, EADDRNOTAVAIL, ENOTFOUND). Port 0 (any free port) is not probed.
 */
export function probeListen(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}
