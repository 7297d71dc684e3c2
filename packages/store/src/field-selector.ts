/**
 * Kubernetes field selectors, limited to the fields every object has:
 * `metadata.name` and `metadata.namespace` with `=`, `==` or `!=`, comma-separated (AND).
 * Cluster-scoped objects have namespace ''.
 */
import { StoreError, StoreErrorCode } from './errors.ts';

/** Predicate over an object's key; true when every requirement holds. */
export type FieldMatcher = (namespace: string, name: string) => boolean;

interface FieldRequirement {
  field: 'metadata.name' | 'metadata.namespace';
  negate: boolean;
  value: string;
}

function parseOne(selector: string, part: string): FieldRequirement {
  const m = /^\s*([^!=\s]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(part);
  if (!m) {
    throw new StoreError(StoreErrorCode.INVALID, `invalid field selector ${JSON.stringify(selector)}: bad requirement ${JSON.stringify(part)}`);
  }
  const [, field, op, value] = m;
  if (field !== 'metadata.name' && field !== 'metadata.namespace') {
    throw new StoreError(StoreErrorCode.INVALID, `field label not supported: ${JSON.stringify(field)}`);
  }
  if (value === undefined || /[=!,]/.test(value)) {
    throw new StoreError(StoreErrorCode.INVALID, `invalid field selector ${JSON.stringify(selector)}: bad value`);
  }
  return { field, negate: op === '!=', value };
}

/**
 * Parses a field selector; an empty or blank string matches everything.
 * @throws StoreError INVALID on a syntax error or a field other than metadata.name/namespace.
 */
export function parseFieldSelector(selector: string | undefined): FieldMatcher {
  if (selector === undefined || selector.trim() === '') return () => true;
  const reqs = selector.split(',').map((part) => parseOne(selector, part));
  return (namespace, name) =>
    reqs.every((r) => ((r.field === 'metadata.name' ? name : namespace) === r.value) !== r.negate);
}
