/** Newline-delimited JSON from an HTTP response (a Kubernetes-style watch), for the benches. */
import type { IncomingMessage } from 'node:http';

/** Calls `each` with every JSON line of `res` as it arrives (empty lines skipped); stream errors are ignored. */
export function eachJsonLine<T>(res: IncomingMessage, each: (value: T) => void): void {
  let buf = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line !== '') each(JSON.parse(line) as T);
    }
  });
  res.on('error', () => undefined);
}
