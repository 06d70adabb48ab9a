package dev.gkeinference.constructs.kubernetes;

import java.util.Objects;

/**
 * Properties of a {@link NetworkDeviceClaimTemplate}.
 *
 * @param name            template name. Default: {@code all-netdev}
 * @param namespace       namespace of the template and of the pods that use it
 * @param requestName     name of the device request. Default: {@code req-netdev}
 * @param deviceClassName device class. Default: {@code netdev.google.com} (non-RDMA NICs of TPU hosts)
 * @param count           claim exactly this many devices ({@code allocationMode: ExactCount}). Default: null,
 *                        every matching device on the node ({@code allocationMode: All})
 */
public record NetworkDeviceClaimTemplateProps(String name, String namespace, String requestName,
        String deviceClassName, Integer count) {

    public NetworkDeviceClaimTemplateProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(requestName, "requestName");
        Objects.requireNonNull(deviceClassName, "deviceClassName");
        if (count != null && count < 1) {
            throw new IllegalArgumentException("invalid device count " + count + ": use 1 or more, or leave it"
                    + " unset to claim all devices");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link NetworkDeviceClaimTemplateProps}. */
    public static final class Builder {
        private String name = "all-netdev";
        private String namespace;
        private String requestName = "req-netdev";
        private String deviceClassName = NetworkDeviceClaimTemplate.NETDEV_DEVICE_CLASS;
        private Integer count;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder requestName(String requestName) {
            this.requestName = requestName;
            return this;
        }

        public Builder deviceClassName(String deviceClassName) {
            this.deviceClassName = deviceClassName;
            return this;
        }

        public Builder count(Integer count) {
            this.count = count;
            return this;
        }

        public NetworkDeviceClaimTemplateProps build() {
            return new NetworkDeviceClaimTemplateProps(name, namespace, requestName, deviceClassName, count);
        }
    }
}
