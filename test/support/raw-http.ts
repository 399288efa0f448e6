import { connect, type Socket } from 'node:net';

/** What a raw socket saw: the bytes it read, and how it ended. */
export interface RawExchange {
  text: string;
  /** 'end' (the server closed cleanly), 'reset' (ECONNRESET and the like) or 'open'. */
  ending: 'end' | 'reset' | 'open';
  /** The status of the first response read, if any. */
  status: number | undefined;
}

/** An open TCP connection to 127.0.0.1:port, once connected. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Writes `request` on a fresh connection exactly as given (no client in between to fix it up)
 * and reads until the server closes, `until` matches what was read, or `waitMs` passes.
 */
export async function rawExchange(
  port: number,
  request: string | Buffer,
  options: { until?: RegExp; waitMs?: number } = {},
): Promise<RawExchange> {
  const socket = await openSocket(port);
  return watch(socket, options, () => socket.write(request));
}

/** Reads from an open socket as rawExchange does, after calling `start`. */
export function watch(
  socket: Socket,
  options: { until?: RegExp; waitMs?: number },
  start: () => void = () => {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (ending: RawExchange['ending']) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ text, ending, status: status ? Number(status) : undefined });
    };
    const timer = setTimeout(() => finish('open'), options.waitMs ?? 5000);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (options.until?.test(text)) finish('open');
    });
    socket.on('end', () => finish('end'));
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish('end'));
    start();
  });
}

/** The JSON body of the first complete response in `text` (Content-Length framed). */
export function bodyOf(text: string): unknown {
  const [, rest] = text.split('\r\n\r\n', 2);
  const length = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? 0);
  return JSON.parse((rest ?? '').slice(0, length));
}
