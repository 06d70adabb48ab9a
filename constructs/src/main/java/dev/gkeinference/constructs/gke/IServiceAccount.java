package dev.gkeinference.constructs.gke;

import software.constructs.IConstruct;

/**
 * A Google service account: a {@link NodeServiceAccount} created here, or an existing one
 * ({@link NodeServiceAccount#fromEmail}).
 */
public interface IServiceAccount extends IConstruct {
    /** Its email; for an account created here, a token that also orders dependants after it. */
    String email();

    /** The IAM member, {@code serviceAccount:<email>}. */
    default String member() {
        return "serviceAccount:" + email();
    }
}
