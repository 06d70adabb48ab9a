/**
 * The multi-cluster Inference Gateway on the fleet's config cluster: a cross-region internal Gateway, the HTTPRoute
 * to the GCPInferencePoolImport GKE creates from the exported pools, and the import's health check and backend
 * policy.
 */
package dev.gkeinference.constructs.gateway;
