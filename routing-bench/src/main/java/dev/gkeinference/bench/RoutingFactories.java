package dev.gkeinference.bench;

import dev.gkeinference.bench.gateway.BaselineRouting;
import dev.gkeinference.bench.gateway.Endpoint;
import dev.gkeinference.bench.gateway.ExtProcRouting;
import dev.gkeinference.bench.gateway.RoutingSession;
import dev.gkeinference.bench.gateway.RoutingSessionFactory;
import dev.gkeinference.bench.upstream.PickerProcess;
import dev.gkeinference.bench.upstream.PluginProcess;
import dev.gkeinference.bench.upstream.UpstreamEpp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds the routing for a {@link PickerSpec} against a set of endpoints. */
final class RoutingFactories {
    private static final Duration EXT_PROC_MESSAGE_TIMEOUT = Duration.ofSeconds(30);

    /** Where the external pickers come from and where their logs go. */
    record Externals(Path pluginJar, Path upstreamBinary, Path logDir) {
    }

    private RoutingFactories() {
    }

    static RoutingSessionFactory start(PickerSpec spec, List<String> endpoints, double timeScale, long seed,
                                       Externals externals) throws IOException {
        List<Endpoint> parsed = endpoints.stream().map(Endpoint::parse).toList();
        return switch (spec.kind()) {
            case RANDOM -> new BaselineRouting(BaselineRouting.Policy.RANDOM, parsed, seed);
            case ROUND_ROBIN -> new BaselineRouting(BaselineRouting.Policy.ROUND_ROBIN, parsed, seed);
            case LEAST_OUTSTANDING -> new BaselineRouting(BaselineRouting.Policy.LEAST_OUTSTANDING, parsed, seed);
            case PLUGIN -> external(spec.name(), PluginProcess.start(spec.name(), externals.pluginJar(),
                    spec.config(), endpoints, timeScale, externals.logDir()), null);
            case UPSTREAM -> {
                UpstreamEpp epp = UpstreamEpp.start(spec.name(), externals.upstreamBinary(), spec.config(), endpoints,
                        timeScale, externals.logDir());
                yield external(spec.name(), epp.process(), epp);
            }
        };
    }

    /** ext_proc routing to a picker process; closing it stops the process (and what it needs, {@code owner}). */
    private static ExternalPicker external(String name, PickerProcess process, AutoCloseable owner) {
        return new ExternalPicker(name, process, owner);
    }

    /** Routing through a picker process, whose CPU time the cost measurement reads. */
    static final class ExternalPicker implements RoutingSessionFactory {
        private final String name;
        private final PickerProcess process;
        private final AutoCloseable owner;
        private final ExtProcRouting extProc;

        ExternalPicker(String name, PickerProcess process, AutoCloseable owner) {
            this.name = name;
            this.process = process;
            this.owner = owner;
            this.extProc = new ExtProcRouting(name, process.grpcPort(), EXT_PROC_MESSAGE_TIMEOUT);
        }

        Duration cpuTime() {
            return process.cpuTime();
        }

        @Override
        public RoutingSession open() {
            return extProc.open();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            extProc.close();
            try {
                if (owner != null) {
                    owner.close();
                } else {
                    process.close();
                }
            } catch (Exception e) {
                process.close();
            }
        }
    }
}
