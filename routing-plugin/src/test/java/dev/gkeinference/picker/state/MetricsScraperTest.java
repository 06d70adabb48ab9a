package dev.gkeinference.picker.state;

import dev.gkeinference.picker.endpoint.Endpoint;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scraping real HTTP servers on loopback. */
class MetricsScraperTest {

    private static final long STALENESS = Duration.ofMillis(300).toNanos();

    @Test
    void scrapesEveryIntervalSizesThePrefixLruAndGoesStaleWhenTheServerStops() throws Exception {
        FakeModelServer server = new FakeModelServer(4, 0.5);
        EndpointRegistry registry = new EndpointRegistry(31250);
        registry.replaceAll(List.of(Endpoint.parse(server.hostPort())));
        EndpointState state = registry.endpoints().get(0);
        try (MetricsScraper scraper = new MetricsScraper(registry, Duration.ofMillis(20), MetricsEndpoint.DEFAULT, true)) {
            scraper.start();
            Poll.until("first scrape", () -> state.isFresh(System.nanoTime(), STALENESS));
            assertEquals(4.0, state.metrics().waiting());
            assertEquals(0.5, state.metrics().kvCacheUsage());
            assertEquals(1024, state.prefixBlocks().capacity(), "LRU sized from vllm:cache_config_info");

            server.setMetrics(9, 0.75);
            Poll.until("new values picked up", () -> state.metrics().waiting() == 9.0);
            int before = server.scrapes();
            Poll.until("scraped repeatedly", () -> server.scrapes() >= before + 3);

            server.close();
            Poll.until("stale after the server went away", () -> !state.isFresh(System.nanoTime(), STALENESS));
        }
    }

    @Test
    void anEndpointAnsweringErrorsNeverBecomesFresh() throws Exception {
        try (FakeModelServer server = new FakeModelServer(3, 0.3)) {
            server.setStatus(500);
            EndpointRegistry registry = new EndpointRegistry(10);
            registry.replaceAll(List.of(Endpoint.parse(server.hostPort())));
            EndpointState state = registry.endpoints().get(0);
            try (MetricsScraper scraper = new MetricsScraper(registry, Duration.ofMillis(20), MetricsEndpoint.DEFAULT, true)) {
                scraper.start();
                Poll.until("scraped several times", () -> server.scrapes() >= 3);
                assertEquals(false, state.isFresh(System.nanoTime(), STALENESS));
                server.setStatus(200);
                Poll.until("fresh once the server answers 200", () -> state.isFresh(System.nanoTime(), STALENESS));
                assertEquals(3.0, state.metrics().waiting());
            }
        }
    }

    @Test
    void httpsMetricsAtAnotherPortAndPathAreScrapedWithTheDefaultInsecureSkipVerify() throws Exception {
        try (FakeModelServer server = FakeModelServer.https("127.0.0.1", "/vllm/metrics", 6, 0.25)) {
            EndpointRegistry registry = new EndpointRegistry(10);
            // The endpoint's own port is the serving port; its metrics live on another port and path.
            registry.replaceAll(List.of(new Endpoint("127.0.0.1", 8000)));
            EndpointState state = registry.endpoints().get(0);
            MetricsEndpoint target = new MetricsEndpoint("https", server.port(), "/vllm/metrics", true);
            try (MetricsScraper scraper = new MetricsScraper(registry, Duration.ofMillis(20), target, true)) {
                scraper.start();
                Poll.until("scraped over https", () -> state.isFresh(System.nanoTime(), STALENESS));
                assertEquals(6.0, state.metrics().waiting());
                assertEquals(0.25, state.metrics().kvCacheUsage());
            }
        }
    }

    @Test
    void httpsWithVerificationRejectsAnUntrustedCertificate() throws Exception {
        try (FakeModelServer server = FakeModelServer.https("127.0.0.1", "/metrics", 6, 0.25)) {
            EndpointRegistry registry = new EndpointRegistry(10);
            registry.replaceAll(List.of(Endpoint.parse(server.hostPort())));
            EndpointState state = registry.endpoints().get(0);
            MetricsEndpoint verifying = new MetricsEndpoint("https", 0, "/metrics", false);
            try (MetricsScraper scraper = new MetricsScraper(registry, Duration.ofMillis(20), verifying, true)) {
                scraper.start();
                Thread.sleep(500);
                assertEquals(false, state.isFresh(System.nanoTime(), STALENESS), "a self-signed certificate is not trusted");
                assertEquals(0, server.scrapes(), "no request got past the TLS handshake");
            }
        }
    }
}
