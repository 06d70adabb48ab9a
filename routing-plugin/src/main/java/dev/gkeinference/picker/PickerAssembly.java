package dev.gkeinference.picker;

import dev.gkeinference.picker.cli.Flags;
import dev.gkeinference.picker.config.ConfigLoader;
import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.discovery.Discovery;
import dev.gkeinference.picker.discovery.KubernetesDiscovery;
import dev.gkeinference.picker.discovery.Objectives;
import dev.gkeinference.picker.discovery.StaticDiscovery;
import dev.gkeinference.picker.ops.ExtProcWorkers;
import dev.gkeinference.picker.ops.Health;
import dev.gkeinference.picker.ops.Leadership;
import dev.gkeinference.picker.ops.MetricsAuth;
import dev.gkeinference.picker.ops.MetricsHttpServer;
import dev.gkeinference.picker.ops.PickerMetrics;
import dev.gkeinference.picker.ops.Tls;
import dev.gkeinference.picker.protocol.ExtProcService;
import dev.gkeinference.picker.protocol.PickerContext;
import dev.gkeinference.picker.scheduling.Scheduler;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.MetricsEndpoint;
import dev.gkeinference.picker.state.MetricsScraper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Wires a picker from its flags: discovery → state → scheduler → ext_proc server, with health, metrics and HA. */
final class PickerAssembly {

    private static final Logger LOG = Logger.getLogger(PickerAssembly.class.getName());

    private final Flags flags;
    /** Started parts, closed in reverse order if a later part fails to start. */
    private final List<AutoCloseable> started = new ArrayList<>();

    private PickerAssembly(Flags flags) {
        this.flags = flags;
    }

    static RunningPicker start(Flags flags) throws IOException, GeneralSecurityException {
        PickerAssembly assembly = new PickerAssembly(flags);
        try {
            return assembly.start();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            assembly.closeStarted();
            throw e;
        }
    }

    private RunningPicker start() throws IOException, GeneralSecurityException {
        flags.ignored().forEach(name -> LOG.info(() -> "flag --" + name
                + " is accepted for the upstream picker's manifests but not implemented here; ignored"));
        PickerConfig config = config();
        EndpointRegistry registry = new EndpointRegistry(config.prefix().lruCapacityPerServer());
        Objectives objectives = new Objectives();
        Scheduler scheduler = new Scheduler(registry, config, flags.scraping().stalenessThreshold());
        PickerMetrics metrics = new PickerMetrics(registry, flags.scraping().stalenessThreshold().toNanos(),
                scheduler::degraded);
        Health health = new Health(flags.leaderElection());
        registry.addListener(() -> health.setSynced(registry.synced()));
        KubernetesClient kubernetes = needsKubernetes() ? started(kubernetesClient()) : null;

        Server healthServer = Main.listen("--grpc-health-port", flags.ports().grpcHealth(), () -> NettyServerBuilder
                .forAddress(address(flags.ports().grpcHealth())).addService(health.service()).build().start());
        started.add(healthServer::shutdownNow);
        ExtProcWorkers workers = started(new ExtProcWorkers());
        Server extProc = extProcServer(config, new PickerContext(scheduler, registry, objectives, metrics,
                config.request().maxBodyBytes(), flags.serving().subsetHints(), workers.executor()), health);
        started.add(extProc::shutdownNow);
        MetricsHttpServer metricsServer = started(Main.listen("--metrics-port", flags.ports().metrics(), () -> new MetricsHttpServer(
                address(flags.ports().metrics()), metrics.registry(),
                flags.metricsEndpointAuth() ? new MetricsAuth(kubernetes) : null)));
        Flags.Scraping s = flags.scraping();
        MetricsScraper scraper = started(new MetricsScraper(registry, s.refreshInterval(),
                new MetricsEndpoint(s.scheme(), s.port(), s.path(), s.insecureSkipVerify()), config.prefix().autoTune()));
        Discovery discovery = started(flags.endpoints().kubernetes()
                ? new KubernetesDiscovery(kubernetes, flags.endpoints(), registry, objectives)
                : new StaticDiscovery(flags.endpoints().statics(), registry));
        Leadership leadership = flags.leaderElection()
                ? started(new Leadership(kubernetes, flags.endpoints().namespace(), flags.endpoints().poolName(),
                        health::setLeader))
                : null;
        discovery.start();
        scraper.start();
        if (leadership != null) {
            leadership.start();
        }
        // After the ext_proc server: what serves its streams, then what feeds them, then the API client.
        List<AutoCloseable> afterStreams = new ArrayList<>(List.of(workers, healthServer::shutdownNow, metricsServer,
                scraper, discovery));
        if (kubernetes != null) {
            afterStreams.add(kubernetes);
        }
        return new RunningPicker(extProc, health, leadership, flags.serving().drainTimeout(), healthServer.getPort(),
                metricsServer.port(), registry, scheduler, afterStreams);
    }

    private PickerConfig config() {
        if (flags.configFile() != null) {
            return ConfigLoader.load(flags.configFile());
        }
        if (flags.configText() != null) {
            return ConfigLoader.parse(flags.configText(), "--config-text");
        }
        return PickerConfig.tunedDefaults();
    }

    private boolean needsKubernetes() {
        return flags.endpoints().kubernetes() || flags.metricsEndpointAuth() || flags.leaderElection();
    }

    private Server extProcServer(PickerConfig config, PickerContext context, Health health)
            throws IOException, GeneralSecurityException {
        long receive = flags.serving().maxReceiveBytes();
        int maxMessage = (int) Math.min(Integer.MAX_VALUE,
                receive > 0 ? receive : config.request().maxBodyBytes() + (1 << 20));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address(flags.ports().grpc()))
                .addService(new ExtProcService(context))
                .addService(health.service()) // the gateway may health-check the ext_proc port itself
                .directExecutor() // each stream hands its expensive work to the workers itself (StreamWork)
                .maxInboundMessageSize(maxMessage)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
        if (flags.serving().secure()) {
            builder.sslContext(Tls.serverContext(flags.serving().certPath()));
        }
        return Main.listen("--grpc-port", flags.ports().grpc(), () -> builder.build().start());
    }

    private KubernetesClient kubernetesClient() throws IOException {
        Config config = flags.kubeconfig() != null
                ? Config.fromKubeconfig(Files.readString(flags.kubeconfig()))
                : new ConfigBuilder().build();
        // Plain HTTP streaming watches: no WebSocket upgrade needed through proxies or API front ends.
        config.setOnlyHttpWatches(true);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private InetSocketAddress address(int port) {
        return new InetSocketAddress(flags.bindAddress(), port);
    }

    private <T extends AutoCloseable> T started(T part) {
        started.add(part);
        return part;
    }

    private void closeStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort while failing to start
            }
        }
    }
}
