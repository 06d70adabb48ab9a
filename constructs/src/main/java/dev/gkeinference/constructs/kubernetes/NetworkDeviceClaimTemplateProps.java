package dev.gkeinference.constructs.kubernetes;

import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of a {@link NetworkDeviceClaimTemplate}. The builder is generated
 * ({@code NetworkDeviceClaimTemplatePropsBuilder}).
 *
 * @param name            template name. Default: {@value #DEFAULT_NAME}
 * @param namespace       namespace of the template and of the pods that use it
 * @param requestName     name of the device request. Default: {@value #DEFAULT_REQUEST_NAME}
 * @param deviceClassName device class. Default: {@code netdev.google.com} (non-RDMA NICs of TPU hosts)
 * @param count           claim exactly this many devices ({@code allocationMode: ExactCount}). Default: null,
 *                        every matching device on the node ({@code allocationMode: All})
 */
@Value.Builder
public record NetworkDeviceClaimTemplateProps(@Nullable String name, String namespace, @Nullable String requestName,
        @Nullable String deviceClassName, @Nullable Integer count) {
    public static final String DEFAULT_NAME = "all-netdev";
    public static final String DEFAULT_REQUEST_NAME = "req-netdev";

    public NetworkDeviceClaimTemplateProps {
        name = Objects.requireNonNullElse(name, DEFAULT_NAME);
        Objects.requireNonNull(namespace, "namespace");
        requestName = Objects.requireNonNullElse(requestName, DEFAULT_REQUEST_NAME);
        deviceClassName = Objects.requireNonNullElse(deviceClassName, NetworkDeviceClaimTemplate.NETDEV_DEVICE_CLASS);
        if (count != null && count < 1) {
            throw new IllegalArgumentException("invalid device count " + count + ": use 1 or more, or leave it"
                    + " unset to claim all devices");
        }
    }

    public static NetworkDeviceClaimTemplatePropsBuilder builder() {
        return new NetworkDeviceClaimTemplatePropsBuilder();
    }
}
