import { describe, expect, it } from 'vitest';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { StoreErrorCode } from './errors.ts';
import { parseFieldSelector } from './field-selector.ts';

describe('parseFieldSelector', () => {
  it.each([
    ['', 'ns', 'a', true],
    ['metadata.name=a', 'ns', 'a', true],
    ['metadata.name==a', 'ns', 'b', false],
    ['metadata.name!=a', 'ns', 'b', true],
    ['metadata.namespace=ns,metadata.name!=b', 'ns', 'a', true],
    ['metadata.namespace=ns,metadata.name!=b', 'ns', 'b', false],
    ['metadata.namespace=', '', 'a', true],
    ['metadata.namespace!=', '', 'a', false],
  ])('%j on %s/%s matches: %s', (selector, ns, name, expected) => {
    expect(parseFieldSelector(selector)(ns, name)).toBe(expected);
  });

  it.each(['spec.x=1', 'metadata.name', 'metadata.name=a=b', 'metadata.name=a,', 'status.phase!=x'])('rejects %j with INVALID', (selector) => {
    expect(() => parseFieldSelector(selector)).toThrow(expect.objectContaining({ code: StoreErrorCode.INVALID }));
  });
});

describe('continue tokens', () => {
  it('round-trip and reject garbage', () => {
    const p = { rv: 42, namespace: 'ns', name: 'a/b "c"' };
    expect(decodeContinue(encodeContinue(p))).toEqual(p);
    for (const bad of ['', 'x', Buffer.from('{"v":2}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
      expect(() => decodeContinue(bad)).toThrow(expect.objectContaining({ code: StoreErrorCode.INVALID }));
    }
  });
});
