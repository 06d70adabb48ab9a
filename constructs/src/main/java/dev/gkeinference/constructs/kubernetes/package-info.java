/**
 * Kubernetes objects as {@code kubernetes_manifest} resources, exactly as written: {@link
 * dev.gkeinference.constructs.kubernetes.KubernetesObject} and thin wrappers that name their intent (namespace,
 * service account, namespace-scoped RBAC, DRANET claim template, CRD install). A stack holding these objects must be
 * planned after the cluster, and the CRDs of its custom kinds, exist.
 */
package dev.gkeinference.constructs.kubernetes;
