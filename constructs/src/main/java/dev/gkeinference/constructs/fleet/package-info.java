/**
 * Fleet-level features of a multi-cluster Inference Gateway: multi-cluster service discovery and multi-cluster
 * ingress (with the config cluster's membership), and the IAM their controllers need. Memberships themselves come
 * from the clusters' {@code fleet} blocks; nothing here creates one.
 */
package dev.gkeinference.constructs.fleet;
