package dev.gkeinference.stacks.config;

import java.util.List;

/**
 * The model served in every region.
 *
 * @param name         the model name clients send (vLLM {@code --served-model-name})
 * @param weightsPath  folder of the weights inside the bucket, mounted read-only through Cloud Storage FUSE
 * @param servingArgs  extra vLLM arguments, e.g. {@code --max-model-len=8192}. Default: none
 */
public record ModelConfig(String name, String weightsPath, List<String> servingArgs) {
}
