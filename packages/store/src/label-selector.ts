/**
 * Kubernetes label selector syntax (the string form of `?labelSelector=`):
 *   `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a` (exists), `!a` (does not exist),
 * requirements separated by commas are ANDed. `!=` and `notin` also match objects without the
 * label, as in Kubernetes. No npm package implements this grammar, hence this small parser.
 */
import { StoreError, StoreErrorCode } from './errors.ts';

/** Predicate over an object's labels; true when every requirement holds. */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

type Requirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: ReadonlySet<string> };

type Token = { kind: 'word'; text: string } | { kind: '!' | '=' | '==' | '!=' | ',' | '(' | ')' };

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function invalid(selector: string, why: string): StoreError {
  return new StoreError(StoreErrorCode.INVALID, `invalid label selector ${JSON.stringify(selector)}: ${why}`);
}

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const c = selector[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '!' && selector[i + 1] === '=') {
      tokens.push({ kind: '!=' });
      i += 2;
    } else if (c === '=' && selector[i + 1] === '=') {
      tokens.push({ kind: '==' });
      i += 2;
    } else if (c === '!' || c === '=' || c === ',' || c === '(' || c === ')') {
      tokens.push({ kind: c });
      i++;
    } else {
      let j = i;
      while (j < selector.length && !/[\s!=,()]/.test(selector[j]!)) j++;
      tokens.push({ kind: 'word', text: selector.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function checkKey(selector: string, key: string): string {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  if (!prefixOk || name.length > 63 || !NAME.test(name)) throw invalid(selector, `bad label key ${JSON.stringify(key)}`);
  return key;
}

function checkValue(selector: string, value: string): string {
  if (value !== '' && (value.length > 63 || !NAME.test(value))) {
    throw invalid(selector, `bad label value ${JSON.stringify(value)}`);
  }
  return value;
}

function parseRequirements(selector: string): Requirement[] {
  const tokens = tokenize(selector);
  const out: Requirement[] = [];
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const word = (what: string): string => {
    const t = tokens[pos++];
    if (t?.kind !== 'word') throw invalid(selector, `expected ${what}`);
    return t.text;
  };
  // An optional value: '' when the next token ends the requirement.
  const optionalValue = (): string => {
    const t = peek();
    return t?.kind === 'word' ? word('value') : '';
  };
  while (pos < tokens.length) {
    if (peek()?.kind === '!') {
      pos++;
      out.push({ op: 'notexists', key: checkKey(selector, word('label key after !')) });
    } else {
      const key = checkKey(selector, word('label key'));
      const t = peek();
      if (t === undefined || t.kind === ',') {
        out.push({ op: 'exists', key });
      } else if (t.kind === '=' || t.kind === '==' || t.kind === '!=') {
        pos++;
        out.push({ op: t.kind === '!=' ? 'neq' : 'eq', key, value: checkValue(selector, optionalValue()) });
      } else if (t.kind === 'word' && (t.text === 'in' || t.text === 'notin')) {
        pos++;
        if (tokens[pos++]?.kind !== '(') throw invalid(selector, `expected ( after ${t.text}`);
        const values = new Set<string>([checkValue(selector, optionalValue())]);
        while (peek()?.kind === ',') {
          pos++;
          values.add(checkValue(selector, optionalValue()));
        }
        if (tokens[pos++]?.kind !== ')') throw invalid(selector, 'expected )');
        out.push({ op: t.text, key, values });
      } else {
        throw invalid(selector, `unexpected token after ${JSON.stringify(key)}`);
      }
    }
    const sep = tokens[pos];
    if (sep !== undefined) {
      if (sep.kind !== ',') throw invalid(selector, 'expected , between requirements');
      pos++;
      if (pos === tokens.length) throw invalid(selector, 'trailing ,');
    }
  }
  return out;
}

function holds(req: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case 'eq':
      return has && value === req.value;
    case 'neq':
      return !has || value !== req.value;
    case 'in':
      return has && value !== undefined && req.values.has(value);
    case 'notin':
      return !has || value === undefined || !req.values.has(value);
  }
}

/**
 * Parses a label selector; an empty or blank string matches everything.
 * @throws StoreError INVALID on a syntax error or an invalid key/value.
 */
export function parseLabelSelector(selector: string | undefined): LabelMatcher {
  if (selector === undefined || selector.trim() === '') return () => true;
  const reqs = parseRequirements(selector);
  return (labels) => reqs.every((r) => holds(r, labels ?? {}));
}
