package dev.gkeinference.picker;

import dev.gkeinference.picker.cli.FlagParser;
import dev.gkeinference.picker.cli.Flags;
import dev.gkeinference.picker.cli.UsageException;
import dev.gkeinference.picker.config.ConfigLoader;
import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.discovery.Discovery;
import dev.gkeinference.picker.discovery.KubernetesDiscovery;
import dev.gkeinference.picker.discovery.Objectives;
import dev.gkeinference.picker.discovery.StaticDiscovery;
import dev.gkeinference.picker.ops.ExtProcWorkers;
import dev.gkeinference.picker.ops.Health;
import dev.gkeinference.picker.ops.MetricsHttpServer;
import dev.gkeinference.picker.ops.PickerMetrics;
import dev.gkeinference.picker.ops.Tls;
import dev.gkeinference.picker.protocol.ExtProcService;
import dev.gkeinference.picker.protocol.PickerContext;
import dev.gkeinference.picker.scheduling.Scheduler;
import dev.gkeinference.picker.state.EndpointRegistry;
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

/** Entry point: parses flags, wires discovery → state → scheduler → ext_proc server, and serves until stopped. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("--verbose=true");
        configureLogging(verbose);
        try {
            Flags flags = FlagParser.parse(args);
            if (flags.help()) {
                System.out.print(FlagParser.USAGE);
                return;
            }
            RunningPicker picker = start(flags);
            Runtime.getRuntime().addShutdownHook(new Thread(picker::close, "graceful-shutdown"));
            System.err.printf("routing-plugin: ext_proc on :%d (%s), health on :%d, metrics on :%d/metrics%n",
                    picker.grpcPort(), flags.secureServing() ? "TLS" : "plaintext", picker.healthPort(),
                    picker.metricsPort());
            picker.awaitTermination();
        } catch (UsageException | ConfigLoader.ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(FlagParser.USAGE);
            System.exit(2);
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            if (verbose) {
                e.getCause().printStackTrace();
            }
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a picker from command-line flags (the same as {@link #main}); port flags accept 0 for a free port.
     *
     * @throws UsageException                bad flags
     * @throws ConfigLoader.ConfigException  bad --config-file
     * @throws StartupException              a port cannot be bound, certificates unusable, …
     */
    public static RunningPicker start(String... args) {
        Flags flags = FlagParser.parse(args);
        return start(flags);
    }

    static RunningPicker start(Flags flags) {
        configureLogging(flags.verbose());
        PickerConfig config = flags.configFile() == null ? PickerConfig.tunedDefaults()
                : ConfigLoader.load(flags.configFile());
        EndpointRegistry registry = new EndpointRegistry(config.prefix().lruCapacityPerServer());
        Objectives objectives = new Objectives();
        Scheduler scheduler = new Scheduler(registry, config, flags.metricsStalenessThreshold());
        PickerMetrics metrics = new PickerMetrics(registry, flags.metricsStalenessThreshold().toNanos(),
                scheduler::degraded);
        Health health = new Health();
        registry.addListener(() -> health.setReady(registry.synced()));

        List<AutoCloseable> started = new ArrayList<>();
        try {
            Server healthServer = listen("--grpc-health-port", flags.grpcHealthPort(), () -> NettyServerBuilder
                    .forAddress(address(flags, flags.grpcHealthPort())).addService(health.service()).build().start());
            started.add(healthServer::shutdownNow);
            ExtProcWorkers workers = new ExtProcWorkers();
            started.add(workers);
            Server extProc = extProcServer(flags, config,
                    new PickerContext(scheduler, registry, objectives, metrics, config.request().maxBodyBytes(), true),
                    health, workers);
            started.add(extProc::shutdownNow);
            MetricsHttpServer metricsServer = listen("--metrics-port", flags.metricsPort(),
                    () -> new MetricsHttpServer(address(flags, flags.metricsPort()), metrics.registry()));
            started.add(metricsServer);
            MetricsScraper scraper = new MetricsScraper(registry, flags.refreshMetricsInterval(), config.prefix().autoTune());
            started.add(scraper);
            Discovery discovery = discovery(flags, registry, objectives);
            started.add(discovery);
            discovery.start();
            scraper.start();
            return new RunningPicker(extProc, workers, healthServer, metricsServer, health, discovery, scraper,
                    registry, scheduler);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            closeAll(started);
            if (e instanceof UsageException || e instanceof StartupException) {
                throw (RuntimeException) e;
            }
            throw new StartupException(describe(e), e);
        }
    }

    private static Server extProcServer(Flags flags, PickerConfig config, PickerContext context, Health health,
                                        ExtProcWorkers workers) throws IOException, GeneralSecurityException {
        int maxMessage = (int) Math.min(Integer.MAX_VALUE, config.request().maxBodyBytes() + (1 << 20));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address(flags, flags.grpcPort()))
                .addService(new ExtProcService(context))
                .addService(health.service()) // the gateway may health-check the ext_proc port itself
                .executor(workers.executor())
                .maxInboundMessageSize(maxMessage)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
        if (flags.secureServing()) {
            builder.sslContext(Tls.serverContext(flags.certPath()));
        }
        return listen("--grpc-port", flags.grpcPort(), () -> builder.build().start());
    }

    /** Something that binds a port. */
    private interface Listener<T> {
        T start() throws IOException;
    }

    private static <T> T listen(String flag, int port, Listener<T> listener) {
        try {
            return listener.start();
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new StartupException("cannot listen on port " + port + " (" + flag + "): " + root.getMessage(), e);
        }
    }

    private static Discovery discovery(Flags flags, EndpointRegistry registry, Objectives objectives) throws IOException {
        if (!flags.kubernetesMode()) {
            return new StaticDiscovery(flags.staticEndpoints(), registry);
        }
        return new KubernetesDiscovery(kubernetesClient(flags), flags.poolNamespace(), flags.poolName(), registry,
                objectives);
    }

    private static KubernetesClient kubernetesClient(Flags flags) throws IOException {
        Config config = flags.kubeconfig() != null
                ? Config.fromKubeconfig(Files.readString(flags.kubeconfig()))
                : new ConfigBuilder().build();
        // Plain HTTP streaming watches: no WebSocket upgrade needed through proxies or API front ends.
        config.setOnlyHttpWatches(true);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static InetSocketAddress address(Flags flags, int port) {
        return new InetSocketAddress(flags.bindAddress(), port);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort while failing to start
            }
        }
    }

    /** The Kubernetes client logs through slf4j-simple; quiet unless --verbose (an explicit -D setting wins). */
    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("java.util.logging.SimpleFormatter.format", "routing-plugin: %4$s: %5$s%6$s%n");
        // InferenceObjective is v1alpha2 upstream: the client's warning about it on every start is noise.
        setIfAbsent("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The picker could not start for a reason outside the command line. */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
