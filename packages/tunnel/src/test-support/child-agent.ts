// A separate agent process for kill tests: connects to argv[2] and allows argv[3] (a TCP port).
import { allowTargets, connectTunnel } from '../index.ts';

const session = await connectTunnel({
  url: process.argv[2]!,
  session: { dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [Number(process.argv[3])] }]) },
});
process.stdout.write('connected\n');
await session.closed;
