package dev.gkeinference.constructs.network;

/**
 * A VPC that clusters and subnets go into: one {@link InferenceNetwork} creates, or an existing one imported with
 * {@link InferenceNetwork#fromNetworkName}.
 */
public interface INetwork {
    String project();

    /** {@code projects/P/global/networks/N}, for a cluster's or subnet's {@code network}. */
    String networkId();

    String networkName();
}
