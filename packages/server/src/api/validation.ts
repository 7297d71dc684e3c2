/**
 * Validation of incoming objects against a kind's TypeBox schema: unknown fields are pruned
 * (never stored; reported per `fieldValidation`), then the object is checked and every problem
 * becomes a Kubernetes `StatusCause` with a field path (`spec.privateRegistries[0].url`).
 */
import { FormatRegistry } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { StatusCause } from '../errors.ts';
import { isPlainObject } from './object-path.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)));

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** A compiled schema: check and explain. */
export interface SchemaValidator {
  schema: TSchema;
  check: TypeCheck<TSchema>;
}

export function compileValidator(schema: TSchema): SchemaValidator {
  return { schema, check: TypeCompiler.Compile(schema) };
}

/** `/spec/privateRegistries/0/url` → `spec.privateRegistries[0].url`. */
export function pointerToField(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

const fieldOf = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * Removes every field the schema does not declare, recursively; returns their paths
 * (`spec.foo`, `spec.privateRegistries[1].bar`). Values of the wrong type are left for `validate`.
 */
export function pruneUnknownFields(schema: TSchema, value: unknown, path = ''): string[] {
  const found: string[] = [];
  walk(schema, value, path, found);
  return found;
}

function walk(schema: TSchema, value: unknown, path: string, found: string[]): void {
  const s = schema as Record<string, unknown>;
  if (isPlainObject(value) && (s.properties !== undefined || s.patternProperties !== undefined || s.additionalProperties !== undefined)) {
    const props = (s.properties ?? {}) as Record<string, TSchema>;
    const pattern = s.patternProperties === undefined ? undefined : Object.values(s.patternProperties as Record<string, TSchema>)[0];
    const additional = isPlainObject(s.additionalProperties) ? (s.additionalProperties as TSchema) : undefined;
    for (const key of Object.keys(value)) {
      const child = props[key] ?? pattern ?? additional;
      if (child === undefined) {
        found.push(fieldOf(path, key));
        delete value[key];
      } else walk(child, value[key], fieldOf(path, key), found);
    }
  } else if (Array.isArray(value) && s.items !== undefined && !Array.isArray(s.items)) {
    value.forEach((item, i) => walk(s.items as TSchema, item, `${path}[${i}]`, found));
  }
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'array' : 'object';
}

function literalValues(schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (!Array.isArray(anyOf) || !anyOf.every((m) => typeof m.const === 'string')) return undefined;
  return anyOf.map((m) => m.const as string);
}

/** Checks `value`; returns one cause per failing field (first problem of each). */
export function validate(v: SchemaValidator, value: unknown): StatusCause[] {
  if (v.check.Check(value)) return [];
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  for (const e of v.check.Errors(value)) {
    const field = pointerToField(e.path);
    if (seen.has(field)) continue;
    seen.add(field);
    causes.push(causeOf(e.type, e.schema, e.value, e.message, field));
    if (causes.length >= 20) break;
  }
  return causes;
}

function causeOf(type: ValueErrorType, schema: TSchema, value: unknown, message: string, field: string): StatusCause {
  if (type === ValueErrorType.ObjectRequiredProperty || (value === undefined && type !== ValueErrorType.Union)) {
    return { reason: 'FieldValueRequired', message: 'Required value', field };
  }
  const literals = literalValues(schema);
  if (type === ValueErrorType.Union && literals !== undefined) {
    return {
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${describeValue(value)}: supported values: ${literals.map((l) => JSON.stringify(l)).join(', ')}`,
      field,
    };
  }
  const typeNames: Partial<Record<ValueErrorType, string>> = {
    [ValueErrorType.String]: 'string',
    [ValueErrorType.Integer]: 'integer',
    [ValueErrorType.Number]: 'number',
    [ValueErrorType.Boolean]: 'boolean',
    [ValueErrorType.Object]: 'object',
    [ValueErrorType.Array]: 'array',
  };
  const expected = typeNames[type];
  if (expected !== undefined) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    return { reason: 'FieldValueTypeInvalid', message: `Invalid value: "${got}": ${field} in body must be of type ${expected}: "${got}"`, field };
  }
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${describeValue(value)}: ${message.toLowerCase()}`, field };
}

// ---- metadata -----------------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function nameProblem(name: string, label: boolean): string | undefined {
  if (label) {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      return `Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character and be at most 63 characters`;
    }
  } else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return `Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return 'prefix part must be a lowercase RFC 1123 subdomain';
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)";
  }
  return undefined;
}

/** Checks name, labels, annotations and finalizers of an object about to be stored. */
export function validateMetadata(meta: Record<string, unknown>, nameIsLabel: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = meta.name;
  if (typeof name !== 'string' || name === '') causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  else {
    const p = nameProblem(name, nameIsLabel);
    if (p !== undefined) causes.push({ reason: 'FieldValueInvalid', message: p, field: 'metadata.name' });
  }
  const labels = isPlainObject(meta.labels) ? meta.labels : {};
  for (const [k, v] of Object.entries(labels)) {
    const kp = qualifiedNameProblem(k);
    if (kp !== undefined) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(k)}: ${kp}`, field: 'metadata.labels' });
    if (typeof v === 'string' && (v.length > 63 || !LABEL_VALUE.test(v))) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)`,
        field: `metadata.labels`,
      });
    }
  }
  const annotations = isPlainObject(meta.annotations) ? meta.annotations : {};
  for (const k of Object.keys(annotations)) {
    const kp = qualifiedNameProblem(k);
    if (kp !== undefined) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(k)}: ${kp}`, field: 'metadata.annotations' });
  }
  if (JSON.stringify(annotations).length > 256 * 1024) {
    causes.push({ reason: 'FieldValueTooLong', message: 'Too long: must have at most 262144 bytes', field: 'metadata.annotations' });
  }
  const finalizers = Array.isArray(meta.finalizers) ? (meta.finalizers as unknown[]) : [];
  finalizers.forEach((f, i) => {
    if (typeof f === 'string' && qualifiedNameProblem(f) !== undefined) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(f)}: must be a qualified name`, field: `metadata.finalizers[${i}]` });
    }
  });
  return causes;
}
