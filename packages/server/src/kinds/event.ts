/** Event: something that happened to an object (namespace = cluster name), as Kubernetes core/v1 Events; deleted DROVER_EVENT_TTL after it last happened (controllers/event-expiry.ts). */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { inClusterNamespace } from '../resources/access.ts';
import { StringEnum, ageColumn, humanSince, nameColumn, pathColumn, pick } from './meta.ts';

export const InvolvedObject = Type.Object(
  {
    kind: Type.String({ description: 'Kind of the object.' }),
    name: Type.String({ description: 'Name of the object.' }),
    namespace: opt(Type.String({ description: 'Namespace of the object.' })),
    uid: opt(Type.String({ description: 'UID of the object.' })),
  },
  { description: 'The object this event is about.' },
);

export const events = defineResource({
  kind: 'Event',
  plural: 'events',
  shortNames: ['ev'],
  scope: 'Namespaced',
  description: 'Something that happened to an object of the cluster named by its namespace (a node refused, a token expired, ...). Repeats aggregate into one Event (count); it is deleted DROVER_EVENT_TTL (default 1 h) after it last happened.',
  schema: {
    involvedObject: InvolvedObject,
    reason: opt(Type.String({ description: 'Machine-readable CamelCase reason.' })),
    message: opt(Type.String({ description: 'Human-readable description.' })),
    type: opt(StringEnum(['Normal', 'Warning'], { description: 'Normal or Warning.' })),
    count: opt(Type.Integer({ minimum: 1, description: 'How many times it happened.' })),
    firstTimestamp: opt(Type.String({ format: 'date-time', description: 'When it first happened.' })),
    lastTimestamp: opt(Type.String({ format: 'date-time', description: 'When it last happened.' })),
  },
  statusSubresource: false,
  printerColumns: [
    {
      name: 'Last Seen',
      type: 'string',
      description: 'Time since it last happened.',
      priority: 0,
      cell: (obj, now) => humanSince(pick(obj, 'lastTimestamp') ?? obj.metadata.creationTimestamp, now),
    },
    pathColumn('Type', 'type', 'Normal or Warning.'),
    pathColumn('Reason', 'reason', 'Why it happened.'),
    {
      name: 'Object',
      type: 'string',
      description: 'The object it is about.',
      priority: 0,
      cell: (obj) => {
        const kind = pick(obj, 'involvedObject.kind');
        const name = pick(obj, 'involvedObject.name');
        return typeof kind === 'string' && typeof name === 'string' ? `${kind.toLowerCase()}/${name}` : null;
      },
    },
    pathColumn('Message', 'message', 'What happened.'),
    { ...nameColumn, priority: 1 },
    pathColumn('Count', 'count', 'How many times.', 1),
    { ...ageColumn, priority: 1 },
  ],
  access: inClusterNamespace(),
});

/** The kind as the generic API serves it. */
export const eventKind = events.def;

export type Event = TypeOf<typeof events>;
