/** What the session gate needs to know of a backend's answer, read as it streams out. */
export interface BackendScan {
  /** The transaction status of the last ReadyForQuery seen: `I` idle, `T` in a transaction, `E` failed one. */
  status: 'I' | 'T' | 'E' | undefined;
}

export type NotificationSink = (channel: string, payload: string) => void;

/**
 * Reads backend messages (type byte, length, body) from chunks that may split them anywhere,
 * noting each ReadyForQuery's status and handing each NotificationResponse to `notify`: a NOTIFY
 * committed by a socket client comes out in that client's stream, never past PGlite's own
 * listeners.
 */
export function createBackendScanner(notify: NotificationSink) {
  let pending: Buffer = Buffer.alloc(0);
  const scan: BackendScan = { status: undefined };
  const take = (message: Buffer) => {
    const type = message[0];
    if (type === 0x5a /* Z */ && message.length >= 6) {
      scan.status = String.fromCharCode(message[5]!) as BackendScan['status'];
    } else if (type === 0x41 /* A */) {
      // Int32 pid, then the channel and the payload, each NUL-terminated.
      const body = message.subarray(9);
      const end = body.indexOf(0);
      const channel = body.subarray(0, end).toString('utf8');
      const payload = body.subarray(end + 1, body.indexOf(0, end + 1)).toString('utf8');
      notify(channel, payload);
    }
  };
  return {
    scan,
    push(chunk: Uint8Array) {
      pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
      while (pending.length >= 5) {
        const size = 1 + pending.readInt32BE(1);
        if (pending.length < size) break;
        take(pending.subarray(0, size));
        pending = pending.subarray(size);
      }
    },
  };
}
