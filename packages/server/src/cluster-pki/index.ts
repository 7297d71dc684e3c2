export { CLUSTER_CAS, deleteClusterCa, ensureClusterCa, getClusterCaRecord, issueClusterCert } from './cluster-ca.ts';
export type { ClusterCa, ClusterCaSpec } from './cluster-ca.ts';
export { createClusterClientCerts, DROVER_CLIENT_CN, DROVER_CLIENT_ORG } from './client-certs.ts';
export type { ClusterClientCert, ClusterClientCerts, ClusterClientCertsOptions } from './client-certs.ts';
export {
  CLUSTER_CERTS,
  certificateDigest,
  deleteComponentCertificates,
  ensureComponentCertificates,
  previewComponentCertificates,
  readComponentCertificateFiles,
  uniqueCertificateSpecs,
} from './component-certs.ts';
export type { ComponentCertificates, ComponentCertSpec } from './component-certs.ts';
