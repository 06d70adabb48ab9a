/**
 * Kubernetes objects as {@code kubernetes_manifest} resources, exactly as built from the typed model (fabric8's, and
 * classes generated from the bundled CRDs): {@link dev.gkeinference.constructs.kubernetes.KubernetesObject}, the one
 * serializer {@link dev.gkeinference.constructs.kubernetes.ManifestMapper}, and thin wrappers that name their intent
 * (namespace, service account, namespace-scoped RBAC, DRANET claim template, CRD install). A stack holding these objects must be
 * planned after the cluster, and the CRDs of its custom kinds, exist.
 */
package dev.gkeinference.constructs.kubernetes;
