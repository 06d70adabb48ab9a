package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.network.InferenceNetworkProps;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What every region shares: the VPC with each region's address plan, and the model-weights bucket.
 *
 * @param network   the VPC
 * @param bucket    the model-weights bucket, created here or existing
 * @param pickerJar with the bundled endpoint picker, the routing-plugin jar uploaded to the bucket
 */
public record GlobalPlan(InferenceNetworkProps network, BucketPlan bucket, Optional<Path> pickerJar) {
}
