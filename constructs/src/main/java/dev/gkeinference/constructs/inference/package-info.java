/**
 * What serves the model in one cluster: the vLLM TPU server with its DRANET claim and Cloud Storage FUSE weights
 * (and their file cache), the load-balancer metric export, the exported InferencePool and its endpoint picker, and
 * InferenceObjectives (with their CRD: llm-d-router v0.10.0's {@code llm-d.ai}, or the legacy one of Gateway API
 * Inference Extension v1.5.0, both bundled).
 */
package dev.gkeinference.constructs.inference;
