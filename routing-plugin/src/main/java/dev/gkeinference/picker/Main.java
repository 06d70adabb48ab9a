package dev.gkeinference.picker;

import dev.gkeinference.picker.cli.FlagParser;
import dev.gkeinference.picker.cli.Flags;
import dev.gkeinference.picker.cli.UsageException;
import dev.gkeinference.picker.config.ConfigLoader;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Entry point: parses flags, starts the picker ({@link PickerAssembly}), serves until SIGTERM, then drains. Exit
 * codes: 2 for a bad command line or config (usage on stderr), 1 when it cannot start, 143 after SIGTERM.
 */
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(picker), "graceful-shutdown"));
            System.err.printf("routing-plugin: ext_proc on :%d (%s), health on :%d, metrics on :%d/metrics%n",
                    picker.grpcPort(), flags.serving().secure() ? "TLS" : "plaintext", picker.healthPort(),
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

    /** On SIGTERM. Straight to stderr: java.util.logging shuts down in a shutdown hook of its own. */
    private static void drain(RunningPicker picker) {
        System.err.printf("routing-plugin: INFO: draining: readiness NOT_SERVING, every stream served for %d ms, then"
                + " until the open ones end%n", picker.drainTimeout().toMillis());
        picker.drainAndClose();
        System.err.println("routing-plugin: INFO: drained: the last stream ended");
    }

    /**
     * Starts a picker from command-line flags (the same as {@link #main}); port flags accept 0 for a free port.
     *
     * @throws UsageException                bad flags
     * @throws ConfigLoader.ConfigException  bad --config-file or --config-text
     * @throws StartupException              a port cannot be bound, certificates unusable, …
     */
    public static RunningPicker start(String... args) {
        return start(FlagParser.parse(args));
    }

    static RunningPicker start(Flags flags) {
        configureLogging(flags.verbose());
        try {
            return PickerAssembly.start(flags);
        } catch (UsageException | StartupException | ConfigLoader.ConfigException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** Something that binds a port. */
    interface Listener<T> {
        T start() throws IOException;
    }

    /** Binds, or fails with a message naming the port's flag. */
    static <T> T listen(String flag, int port, Listener<T> listener) {
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

    /** The Kubernetes client logs through slf4j-simple; quiet unless --verbose (an explicit -D setting wins). */
    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("java.util.logging.SimpleFormatter.format", "routing-plugin: %4$s: %5$s%6$s%n");
        // InferenceObjective is v1alpha2 upstream: the client's warning about it on every start is noise.
        setIfAbsent("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
        // Replicas racing for the Lease conflict by design; the elector logs each conflict with a stack trace.
        setIfAbsent("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector",
                verbose ? "debug" : "error");
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
