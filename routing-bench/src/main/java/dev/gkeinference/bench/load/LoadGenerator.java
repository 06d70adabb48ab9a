package dev.gkeinference.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop client: sends each arrival at its scheduled (scaled) time whether or not earlier requests finished,
 * streams every response, and records per-token timings. Requests still unanswered at the deadline count as errors.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String model;
    private final double timeScale;
    private final Duration requestTimeout;

    /**
     * @param timeScale      real seconds per simulated second, applied to the schedule
     * @param requestTimeout real time a request may take in total, first token included
     */
    public LoadGenerator(String model, double timeScale, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.model = model;
        this.timeScale = timeScale;
        this.requestTimeout = requestTimeout;
    }

    /** Runs one stage against {@code baseUrl} and waits (bounded) for every request to finish. */
    public List<RequestOutcome> run(String baseUrl, List<Arrivals.Arrival> schedule) {
        long start = System.nanoTime();
        List<CompletableFuture<RequestOutcome>> inFlight = new ArrayList<>(schedule.size());
        for (Arrivals.Arrival a : schedule) {
            long due = start + (long) (a.atSeconds() * timeScale * 1e9);
            parkUntil(due);
            inFlight.add(send(baseUrl, a.prompt(), System.nanoTime() - start));
        }
        long deadline = System.nanoTime() + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        List<RequestOutcome> outcomes = new ArrayList<>(inFlight.size());
        for (CompletableFuture<RequestOutcome> f : inFlight) {
            outcomes.add(awaitUntil(f, deadline));
        }
        return outcomes;
    }

    /**
     * Sends one-token requests until one is answered 200 or {@code within} passes: the routing is ready once a
     * request has gone all the way through it. Returns whether one succeeded.
     */
    public boolean probe(String baseUrl, Duration within) {
        Prompt ping = new Prompt(false, "", "ping", 1, 1, -1);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/completions"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(ping))).build();
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // not ready yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return false;
    }

    private CompletableFuture<RequestOutcome> send(String baseUrl, Prompt prompt, long sentAt) {
        long sentNanos = System.nanoTime();
        SseTimingSubscriber timing = new SseTimingSubscriber(sentNanos);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + (prompt.chat() ? "/v1/chat/completions"
                        : "/v1/completions")))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(prompt)))
                .build();
        return client.sendAsync(request, info -> info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.fromSubscriber(timing, s -> (String) null)
                        : HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8))
                .handle((response, failure) -> outcome(response, failure, timing, sentAt, sentNanos, prompt));
    }

    private static RequestOutcome outcome(HttpResponse<String> response, Throwable failure,
                                          SseTimingSubscriber timing, long sentAt, long sentNanos, Prompt prompt) {
        long e2e = System.nanoTime() - sentNanos;
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new RequestOutcome(sentAt, 0, cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    timing.tokenNanos(), e2e, null, prompt.promptTokens());
        }
        String served = response.headers().firstValue("x-gateway-destination-endpoint-served").orElse(null);
        String error = null;
        if (response.statusCode() != 200) {
            error = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        } else if (!timing.sawDone()) {
            error = "stream ended before [DONE]";
        } else if (timing.tokenNanos().length != prompt.outputTokens()) {
            error = "expected " + prompt.outputTokens() + " tokens, got " + timing.tokenNanos().length;
        }
        return new RequestOutcome(sentAt, response.statusCode(), error, timing.tokenNanos(), e2e, served,
                prompt.promptTokens());
    }

    private byte[] body(Prompt prompt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        if (prompt.chat()) {
            ArrayNode messages = root.putArray("messages");
            messages.addObject().put("role", "system").put("content", prompt.system());
            for (int i = 0; i < prompt.history().size(); i++) {
                messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant")
                        .put("content", prompt.history().get(i));
            }
            messages.addObject().put("role", "user").put("content", prompt.user());
        } else {
            root.put("prompt", prompt.system() + prompt.user());
        }
        root.put("max_tokens", prompt.outputTokens());
        root.put("ignore_eos", true);
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestOutcome awaitUntil(CompletableFuture<RequestOutcome> f, long deadlineNanos) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            return new RequestOutcome(-1, 0, "no response before the stage deadline", new long[0], -1, null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RequestOutcome(-1, 0, "interrupted", new long[0], -1, null, 0);
        } catch (java.util.concurrent.ExecutionException e) {
            return new RequestOutcome(-1, 0, String.valueOf(e.getCause()), new long[0], -1, null, 0);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads are daemons and idle out.
    }
}
