package dev.gkeinference.stacks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gkeinference.stacks.config.BackendConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of the backend section: each message names the key, the bad value and what is allowed. */
class BackendConfigTest {
    private static final List<String> STACKS = List.of("global", "cluster-europe-west4");

    @Test
    void theDefaultAndWellFormedBackendsAreValid() {
        assertEquals(List.of(), BackendConfig.DEFAULT.problems("inference", STACKS));
        assertEquals(List.of(), new BackendConfig("gcs", "acme-tf-state", "a/b", null, null, null, null)
                .problems("inference", STACKS));
        assertEquals(List.of(), new BackendConfig("cloud", null, null, "acme", "p", null, "x-{stack}")
                .problems("inference", STACKS));
    }

    @Test
    void failsOnAnUnknownType() {
        assertEquals(List.of("backend.type: 's3' is not a backend: allowed are local, gcs, cloud"),
                new BackendConfig("s3", null, null, null, null, null, null).problems("inference", STACKS));
    }

    @Test
    void failsOnKeysOfAnotherBackendType() {
        assertEquals(List.of("backend.organization: not used by backend type 'gcs'; its keys are bucket, prefix"),
                new BackendConfig("gcs", "acme-tf-state", null, "acme", null, null, null).problems("inference", STACKS));
        assertEquals(List.of("backend.bucket: not used by backend type 'local' (it takes no settings)"),
                new BackendConfig(null, "acme-tf-state", null, null, null, null, null).problems("inference", STACKS));
    }

    @Test
    void failsOnAMissingBucketOrABadPrefix() {
        assertEquals(List.of("backend.bucket: missing is not a bucket name: use 3-63 lower-case letters, digits, '-',"
                        + " '_' or '.', starting and ending with a letter or digit, without '..' and not starting"
                        + " with 'goog'; the gcs backend needs an existing bucket",
                        "backend.prefix: '/state/' is not a path prefix (segments of letters, digits, '.', '_' or '-'"
                                + " separated by '/', no leading or trailing '/')"),
                new BackendConfig("gcs", null, "/state/", null, null, null, null).problems("inference", STACKS));
    }

    @Test
    void failsWhenWorkspacesWouldCollideOrBeInvalid() {
        assertEquals(List.of("backend.workspaces: 'prod' must contain {stack} so that every stack gets its own"
                        + " workspace (e.g. 'inference-{stack}')"),
                new BackendConfig("cloud", null, null, "acme", null, null, "prod").problems("inference", STACKS));
        assertEquals(List.of("backend.workspaces: 'prod/{stack}' gives workspace 'prod/global' for stack 'global',"
                        + " which is not a workspace name (1-90 letters, digits, '_' or '-')",
                        "backend.workspaces: 'prod/{stack}' gives workspace 'prod/cluster-europe-west4' for stack"
                                + " 'cluster-europe-west4', which is not a workspace name (1-90 letters, digits, '_' or '-')"),
                new BackendConfig("cloud", null, null, "acme", null, null, "prod/{stack}").problems("inference", STACKS));
        assertEquals(1, new BackendConfig("cloud", null, null, null, null, null, null)
                .problems("inference", STACKS).size(), "organization is required");
    }
}
