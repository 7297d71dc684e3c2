/**
 * What the server prints on stdout when it starts: the URL, the CA checksum and, on first start,
 * the admin login (with the generated password, shown this once) and the next steps.
 */
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { listenHost } from '@drover/pki';
import type { ServerConfig } from './config.ts';
import { shellQuote } from './registration/shell-quote.ts';
import { DROVER_VERSION } from './version.ts';

const WILDCARDS = new Set(['', '*', '0.0.0.0', '::']);

export interface BannerInput {
  config: ServerConfig;
  /** The bound port. */
  port: number;
  caChecksum: string;
  adminCreated: boolean;
  generatedPassword?: string;
}

function firstExternalIpv4(): string | undefined {
  for (const infos of Object.values(networkInterfaces())) {
    for (const i of infos ?? []) if (!i.internal && i.family === 'IPv4') return i.address;
  }
  return undefined;
}

export function startBanner(b: BannerInput): string {
  const { config } = b;
  const scheme = config.tls ? 'https' : 'http';
  const host = listenHost(config.listen);
  const localHost = WILDCARDS.has(host) ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  const url = config.externalUrl ?? `${scheme}://${localHost}:${b.port}`;
  const lines = [
    '',
    `Drover server ${DROVER_VERSION} is running.`,
    `  URL:          ${url}   (web console and API)`,
    `  CA checksum:  ${b.caChecksum}   (sha256 of ${url}/cacerts)`,
  ];
  if (config.externalUrl === undefined && WILDCARDS.has(host)) {
    const ip = firstExternalIpv4() ?? '<this-host-address>';
    lines.push(
      '  Node commands need the URL hosts reach this server at; restart with it, e.g.',
      `    DROVER_EXTERNAL_URL=https://${ip}:${b.port} ./scripts/start`,
    );
  }
  if (!b.adminCreated) {
    lines.push('  Admin login:  user "admin" (password as set on first start)', '');
    return lines.join('\n') + '\n';
  }
  const password = b.generatedPassword;
  lines.push(
    password === undefined
      ? '  Admin login:  user "admin", password from DROVER_ADMIN_PASSWORD'
      : `  Admin login:  user "admin", password ${password}   (generated; shown only this once)`,
  );
  // A generated password is base64url: safe inside JSON and single quotes.
  const body =
    password === undefined
      ? `"{\\"username\\":\\"admin\\",\\"password\\":\\"$DROVER_ADMIN_PASSWORD\\"}"`
      : shellQuote(`{"username":"admin","password":"${password}"}`);
  const k = config.tls ? '-sk' : '-s';
  lines.push(
    '',
    'Next steps: log in, fetch a kubeconfig, create a cluster and a registration token (its node command is shown once).',
    'Copy these lines into a shell as they are:',
    '',
    `TOKEN=$(curl ${k} ${url}/v1/login -H 'content-type: application/json' \\`,
    `  -d ${body} | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `curl ${k} -H "Authorization: Bearer $TOKEN" ${url}/v1/kubeconfig > drover.yaml`,
    `kubectl --kubeconfig drover.yaml apply -f - <<'EOF'`,
    'apiVersion: management.drover.dev/v1',
    'kind: Cluster',
    'metadata: {name: my-cluster}',
    'EOF',
    `kubectl --kubeconfig drover.yaml create -o jsonpath='{.status.nodeCommand}{"\\n"}' -f - <<'EOF'`,
    'apiVersion: management.drover.dev/v1',
    'kind: RegistrationToken',
    'metadata: {name: first-nodes, namespace: my-cluster}',
    'EOF',
    '',
    'Paste the printed docker run command on each host. The CA checksum in it pins this server.',
    '',
  );
  return lines.join('\n') + '\n';
}
