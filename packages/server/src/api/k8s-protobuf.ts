/**
 * Decoding of the Kubernetes protobuf wire format for the few messages kubectl sends only that
 * way (`kubectl auth can-i`, `kubectl auth whoami`): a 4-byte magic `k8s\0`, then a
 * `runtime.Unknown` envelope whose `raw` bytes are the typed message. Answers go back as JSON.
 *
 * The schema below is a subset of the upstream definitions (field numbers as in
 * k8s.io/apimachinery/pkg/runtime/generated.proto, k8s.io/api/authorization/v1/generated.proto
 * and k8s.io/api/authentication/v1/generated.proto); fields not listed are skipped on decode.
 * protobufjs reflection parses it once at load time: no generated code.
 */
import protobuf from 'protobufjs';
import { badRequest } from '../errors-kube.ts';

const SCHEMA = `
syntax = "proto2";
package k8s;

message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown {
  optional TypeMeta typeMeta = 1;
  optional bytes raw = 2;
  optional string contentEncoding = 3;
  optional string contentType = 4;
}
message ObjectMeta { optional string name = 1; optional string generateName = 2; optional string namespace = 3; }

message FieldSelectorAttributes { optional string rawSelector = 1; }
message LabelSelectorAttributes { optional string rawSelector = 1; }
message ResourceAttributes {
  optional string namespace = 1;
  optional string verb = 2;
  optional string group = 3;
  optional string version = 4;
  optional string resource = 5;
  optional string subresource = 6;
  optional string name = 7;
  optional FieldSelectorAttributes fieldSelector = 8;
  optional LabelSelectorAttributes labelSelector = 9;
}
message NonResourceAttributes { optional string path = 1; optional string verb = 2; }
message SelfSubjectAccessReviewSpec {
  optional ResourceAttributes resourceAttributes = 1;
  optional NonResourceAttributes nonResourceAttributes = 2;
}
message SelfSubjectAccessReview { optional ObjectMeta metadata = 1; optional SelfSubjectAccessReviewSpec spec = 2; }
message SelfSubjectRulesReviewSpec { optional string namespace = 1; }
message SelfSubjectRulesReview { optional ObjectMeta metadata = 1; optional SelfSubjectRulesReviewSpec spec = 2; }
message SelfSubjectReview { optional ObjectMeta metadata = 1; }
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const Unknown = root.lookupType('k8s.Unknown');

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Kinds this module can decode. */
export type ReviewKind = 'SelfSubjectAccessReview' | 'SelfSubjectRulesReview' | 'SelfSubjectReview';

/** Decodes a `k8s\0` + runtime.Unknown body carrying `expected`; returns it as a plain JSON object. */
export function decodeK8sProtobuf(body: Buffer, expected: ReviewKind): Record<string, unknown> {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) throw badRequest('protobuf body without the k8s\\0 prefix');
  let envelope: { typeMeta?: { kind?: string }; raw?: Uint8Array };
  try {
    envelope = Unknown.toObject(Unknown.decode(body.subarray(MAGIC.length)), { defaults: false });
  } catch (err) {
    throw badRequest(`the protobuf body could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const kind = envelope.typeMeta?.kind;
  if (kind !== undefined && kind !== expected) throw badRequest(`expected a ${expected}, got a ${kind}`);
  const type = root.lookupType(`k8s.${expected}`);
  try {
    return type.toObject(type.decode(envelope.raw ?? new Uint8Array()), { defaults: false });
  } catch (err) {
    throw badRequest(`the ${expected} could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Encodes `message` of `kind` in the k8s protobuf envelope (tests and clients of this module). */
export function encodeK8sProtobuf(kind: ReviewKind, apiVersion: string, message: Record<string, unknown>): Buffer {
  const type = root.lookupType(`k8s.${kind}`);
  const raw = type.encode(type.fromObject(message)).finish();
  const env = Unknown.encode(Unknown.fromObject({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' })).finish();
  return Buffer.concat([MAGIC, env]);
}
