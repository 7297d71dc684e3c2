/** Short-hands for inject tests: typed JSON requests against a {@link TestApi}. */
import type { TestApi } from './test-api.ts';

export const G = '/apis/management.drover.dev/v1';
export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export interface JsonResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface CallOptions {
  user?: string | null;
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  accept?: string;
}

export async function call(t: TestApi, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, o: CallOptions = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = o.user === null ? {} : t.as(o.user ?? 'admin');
  if (o.accept !== undefined) headers.accept = o.accept;
  let payload: string | Buffer | undefined;
  if (o.raw !== undefined) payload = o.raw;
  else if (o.body !== undefined) payload = JSON.stringify(o.body);
  if (payload !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
  const res = await t.app.inject(payload === undefined ? { method, url, headers } : { method, url, headers, payload });
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.statusCode, body, headers: res.headers };
}

export const cluster = (name: string, spec: Record<string, unknown> = {}, extraMeta: Record<string, unknown> = {}) => ({
  apiVersion: 'management.drover.dev/v1',
  kind: 'Cluster',
  metadata: { name, ...extraMeta },
  spec,
});

/** Creates a Cluster as admin and returns it (fails the test on anything but 201). */
export async function createCluster(t: TestApi, name: string, spec: Record<string, unknown> = {}, extraMeta: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', `${G}/clusters`, { body: cluster(name, spec, extraMeta) });
  if (res.status !== 201) throw new Error(`create cluster ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { metadata: { resourceVersion: string; uid: string; generation: number }; [k: string]: unknown };
}
