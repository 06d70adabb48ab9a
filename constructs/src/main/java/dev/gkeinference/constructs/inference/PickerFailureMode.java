package dev.gkeinference.constructs.inference;

/** What the gateway does when the endpoint picker does not answer ({@code endpointPickerRef.failureMode}). */
public enum PickerFailureMode {
    /** Route to any ready endpoint of the pool: requests keep flowing, without load-aware picking. */
    FAIL_OPEN("FailOpen"),
    /** Reject the request (the API's default). */
    FAIL_CLOSE("FailClose");

    private final String value;

    PickerFailureMode(String value) {
        this.value = value;
    }

    /** The value as written in the manifest. */
    public String value() {
        return value;
    }

    /** The mode for a manifest value, for configuration files. */
    public static PickerFailureMode fromValue(String value) {
        for (PickerFailureMode mode : values()) {
            if (mode.value.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException((value == null ? "missing" : "'" + value + "'") + " is not a failure mode:"
                + " allowed are FailOpen, FailClose");
    }
}
