import { describe, expect, it } from 'vitest';
import { LAST_APPLIED, parseSecretPath, stripSecretFields } from './secret-fields.ts';

const PATHS = ['spec.password', 'spec.registries[*].password'];

describe('stripSecretFields', () => {
  it('parses list wildcards', () => {
    expect(parseSecretPath('spec.registries[*].password')).toEqual(['spec', 'registries', '*', 'password']);
  });

  it('removes secrets from the object, the last-applied annotation and managedFields; keeps the rest', () => {
    const applied = { kind: 'X', spec: { password: 'p1', name: 'n', registries: [{ url: 'u', password: 'p2' }] } };
    const obj = {
      spec: { password: 'p1', name: 'n', registries: [{ url: 'u', password: 'p2' }, 'junk'] },
      metadata: {
        annotations: { [LAST_APPLIED]: `${JSON.stringify(applied)}\n`, other: 'password' },
        managedFields: [
          { manager: 'a', fieldsV1: { 'f:spec': { 'f:password': {}, 'f:name': {} } } },
          { manager: 'b', fieldsV1: { 'f:spec': { 'f:password': {} } } },
        ],
      },
    };
    expect(stripSecretFields(obj, PATHS)).toBe(true);
    expect(obj.spec).toEqual({ name: 'n', registries: [{ url: 'u' }, 'junk'] });
    expect(obj.metadata.annotations).toEqual({ [LAST_APPLIED]: `${JSON.stringify({ kind: 'X', spec: { name: 'n', registries: [{ url: 'u' }] } })}\n`, other: 'password' });
    expect(obj.metadata.managedFields).toEqual([
      { manager: 'a', fieldsV1: { 'f:spec': { 'f:name': {} } } },
      { manager: 'b', fieldsV1: {} },
    ]);
    expect(stripSecretFields(obj, PATHS)).toBe(false);
  });

  it('drops a last-applied annotation that is not JSON (it cannot be shown to hold no secret)', () => {
    const obj = { metadata: { annotations: { [LAST_APPLIED]: 'spec: {password: p1}' } } };
    expect(stripSecretFields(obj, PATHS)).toBe(true);
    expect(obj.metadata.annotations).toEqual({});
  });
});
