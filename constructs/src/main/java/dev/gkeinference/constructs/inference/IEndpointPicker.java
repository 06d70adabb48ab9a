package dev.gkeinference.constructs.inference;

import software.constructs.IConstruct;

/**
 * An endpoint picker an {@link InferencePool} can name: the Kubernetes Service of an ext_proc server, in the pool's
 * namespace ({@code endpointPickerRef} has no namespace). {@link EndpointPicker} is one deployed here;
 * {@link EndpointPicker#fromServiceName} names one run outside this deployment.
 */
public interface IEndpointPicker extends IConstruct {
    /** The picker's Service, a DNS label. */
    String serviceName();

    /** The Service port of the picker's ext_proc gRPC, 1-65535. */
    int extProcPort();
}
