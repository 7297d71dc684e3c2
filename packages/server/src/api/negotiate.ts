/**
 * Content negotiation: which representation the client accepts (plain JSON, a meta.k8s.io Table,
 * PartialObjectMetadata) and how to decode a request body by its Content-Type.
 */
import { parse as parseYaml } from 'yaml';
import { DroverError } from '../errors.ts';
import { badRequest } from '../errors-kube.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export type OutputFormat =
  | { kind: 'json' }
  | { kind: 'table'; version: 'v1' | 'v1beta1'; includeObject: IncludeObject }
  | { kind: 'partial'; version: 'v1' | 'v1beta1' };

interface MediaRange {
  type: string;
  params: Map<string, string>;
}

/** Parses an Accept (or Content-Type) header into media ranges, in order. */
export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [];
  return header.split(',').map((part) => {
    const [type = '', ...rest] = part.split(';').map((s) => s.trim());
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, ''));
    }
    return { type: type.toLowerCase(), params };
  });
}

/** The bare media type of a Content-Type header (`application/json`), lower-cased. */
export function mediaType(header: string | undefined): string {
  return parseMediaRanges(header)[0]?.type ?? '';
}

const isJsonish = (t: string) => t === 'application/json' || t === '*/*' || t === 'application/*' || t === 'application/yaml';

/**
 * Chooses the response representation from Accept. `includeObject` (query) applies to Tables;
 * Kubernetes' default is Metadata. Throws NotAcceptable when nothing offered is producible.
 */
export function negotiateOutput(accept: string | undefined, includeObject: string | undefined): OutputFormat {
  const ranges = parseMediaRanges(accept);
  if (ranges.length === 0) return { kind: 'json' };
  for (const r of ranges) {
    const as = r.params.get('as');
    const g = r.params.get('g');
    const v = r.params.get('v');
    if (as === undefined) {
      if (isJsonish(r.type)) return { kind: 'json' };
      continue;
    }
    if (r.type !== 'application/json' || g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table') return { kind: 'table', version: v, includeObject: parseIncludeObject(includeObject) };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { kind: 'partial', version: v };
  }
  throw new DroverError('DROVER_ERR_API_NOT_ACCEPTABLE', `only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io`);
}

function parseIncludeObject(v: string | undefined): IncludeObject {
  if (v === undefined || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`invalid includeObject "${v}": must be one of None, Metadata, Object`);
}

export const PATCH_TYPES = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type PatchType = keyof typeof PATCH_TYPES;

const unsupported = (accepted: string[]) =>
  new DroverError('DROVER_ERR_API_UNSUPPORTED_MEDIA_TYPE', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);

/** The patch type of a PATCH request; strategic merge patch is refused as for custom resources. */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const t = mediaType(contentType);
  for (const [k, v] of Object.entries(PATCH_TYPES)) if (v === t) return k as PatchType;
  throw unsupported(Object.values(PATCH_TYPES));
}

/** Decodes a JSON (or YAML) body; `what` names the expected shape in errors. */
export function decodeBody(body: Buffer | undefined, contentType: string | undefined, yamlAllowed: boolean): unknown {
  const t = mediaType(contentType);
  const text = body === undefined ? '' : body.toString('utf8');
  if (text.trim() === '') throw badRequest('the request body is empty');
  const isYaml = t === 'application/yaml' || t === 'application/apply-patch+yaml';
  if (isYaml && !yamlAllowed) throw unsupported(['application/json', 'application/yaml']);
  try {
    return isYaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw badRequest(`the body of the request could not be decoded as ${isYaml ? 'YAML' : 'JSON'}: ${detail}`);
  }
}

/** Decodes an object body of POST/PUT (application/json or application/yaml). */
export function decodeObjectBody(body: Buffer | undefined, contentType: string | undefined): Record<string, unknown> {
  const t = mediaType(contentType);
  if (t !== '' && t !== 'application/json' && t !== 'application/yaml') throw unsupported(['application/json', 'application/yaml']);
  const v = decodeBody(body, contentType, true);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badRequest('the request body must be a JSON object');
  return v as Record<string, unknown>;
}
