/**
 * `@drover/server/testing`: test support for suites outside this package (test/e2e,
 * scripts/bench.d). A real store in a temp directory, a started HTTPS server with an admin
 * token, and API helpers. Not for production code.
 */
export { createTempStore, dropSchema, testUser, type TempStore } from './testing.ts';
export { api, connectAgent, eventsOf, https, register, startAgentTestServer, type AgentTestServer, type JsonResponse, type TestListen, type TestLog } from './agents/test-support.ts';
export { startProxyEnv, USERS, type ProxyEnv } from './proxy/test-support.ts';
export { seedNodes, type SeededNode, type SeedNodesOptions } from './agents/seed-nodes.ts';
export { ensureComponentCertificates } from './cluster-pki/component-certs.ts';
export { planObject } from './kinds/plan.ts';
export { RESOURCES } from './kinds/resources.ts';
