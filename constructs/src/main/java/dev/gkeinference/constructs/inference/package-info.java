/**
 * What serves the model in one cluster: the vLLM TPU server with its DRANET claim and Cloud Storage FUSE weights,
 * the KV-cache metric export, the exported InferencePool and its endpoint picker, and InferenceObjectives (with
 * their CRD, bundled from Gateway API Inference Extension v1.5.0).
 */
package dev.gkeinference.constructs.inference;
