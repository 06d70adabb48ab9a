package dev.gkeinference.picker.ops;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Who may read the picker's {@code /metrics} ({@code --metrics-endpoint-auth}, on by default), decided as the
 * upstream picker's metrics server does: the bearer token is checked with a TokenReview, and its user must be
 * allowed {@code get} on the non-resource URL {@code /metrics} (a SubjectAccessReview), e.g. through a ClusterRole
 * with {@code nonResourceURLs: ["/metrics"], verbs: ["get"]}. Decisions are cached per token for a short while, so a
 * scraper costs the API server two requests per minute, not two per scrape.
 */
public final class MetricsAuth {

    private static final long ALLOWED_TTL_NANOS = 60_000_000_000L;
    private static final long DENIED_TTL_NANOS = 10_000_000_000L;
    private static final int MAX_CACHED = 1024;
    private static final Logger LOG = Logger.getLogger(MetricsAuth.class.getName());

    private final KubernetesClient client;
    private final Map<String, Verdict> cache = new ConcurrentHashMap<>();

    /** An HTTP status (200, 401, 403, 500) and what to say with it. */
    public record Verdict(int httpStatus, String message, long expiresAtNanos) {
    }

    public MetricsAuth(KubernetesClient client) {
        this.client = client;
    }

    /** The verdict for a request's {@code Authorization} header value (null when absent) on {@code path}. */
    public Verdict check(String authorization, String path) {
        String token = bearerToken(authorization);
        if (token == null) {
            return new Verdict(401, "a bearer token is required", 0);
        }
        long now = System.nanoTime();
        String key = path + " " + token;
        Verdict cached = cache.get(key);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached;
        }
        Verdict fresh = review(token, path, now);
        if (fresh.httpStatus() != 500) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, fresh);
        }
        return fresh;
    }

    private Verdict review(String token, String path, long now) {
        try {
            TokenReview review = client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
                    .withNewSpec().withToken(token).endSpec().build());
            if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
                return new Verdict(401, "the token is not valid", now + DENIED_TTL_NANOS);
            }
            UserInfo user = review.getStatus().getUser();
            SubjectAccessReview access = client.authorization().v1().subjectAccessReview().create(
                    new SubjectAccessReviewBuilder().withNewSpec()
                            .withUser(user.getUsername()).withUid(user.getUid()).withGroups(user.getGroups())
                            .withExtra(user.getExtra())
                            .withNewNonResourceAttributes().withPath(path).withVerb("get").endNonResourceAttributes()
                            .endSpec().build());
            if (access.getStatus() == null || !Boolean.TRUE.equals(access.getStatus().getAllowed())) {
                return new Verdict(403, user.getUsername() + " may not get " + path, now + DENIED_TTL_NANOS);
            }
            return new Verdict(200, "", now + ALLOWED_TTL_NANOS);
        } catch (KubernetesClientException e) {
            LOG.warning(() -> "cannot check a metrics scraper's token with the Kubernetes API: " + e.getMessage());
            return new Verdict(500, "cannot check the token with the Kubernetes API", 0);
        }
    }

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() < 8 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
