/** A minimal streaming watch client for tests: reads newline-delimited JSON events over fetch. */

export interface WatchEventJson {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary JSON
  object: any;
}

export interface WatchClient {
  status: number;
  contentType: string | null;
  /** The next event; rejects after `timeoutMs`; resolves undefined when the stream ended. */
  next(timeoutMs?: number): Promise<WatchEventJson | undefined>;
  close(): void;
}

export async function openWatch(url: string, headers: Record<string, string>, init: { dispatcher?: unknown } = {}): Promise<WatchClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal, ...init } as RequestInit);
  if (res.body === null) throw new Error('no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let ended = false;
  const pending: WatchEventJson[] = [];
  async function pump(): Promise<void> {
    const chunk = (await reader.read()) as { done: true; value?: undefined } | { done: false; value: Uint8Array };
    if (chunk.done) {
      ended = true;
      return;
    }
    buffered += decoder.decode(chunk.value, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim() !== '') pending.push(JSON.parse(line) as WatchEventJson);
    }
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (pending.length === 0 && !ended) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('timed out waiting for a watch event');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([pump(), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
        clearTimeout(timer);
      }
      return pending.shift();
    },
    close() {
      abort.abort();
    },
  };
}
