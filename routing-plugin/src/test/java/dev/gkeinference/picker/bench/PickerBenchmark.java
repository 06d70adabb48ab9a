package dev.gkeinference.picker.bench;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.endpoint.Endpoint;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.Scheduler;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.ModelServerMetrics;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark (not a test): scheduling latency per pick at 8/64/256 endpoints, and the ext_proc request-path round
 * trip over gRPC on loopback (request headers sent → last re-streamed body chunk received) at a fixed open-loop
 * rate, plus closed-loop throughput. Each figure is the median over {@code runs} runs. The picker runs as its own
 * process ({@code java -jar}, system property {@code routing.plugin.jar}); the load client shares the machine's cores. System properties: {@code rate4k} (default
 * 1000 req/s), {@code skip220} (true to skip the 220 KB phase), {@code rateMixed} (default 200 req/s) and
 * {@code skipMixed} for the small-beside-large phase,
 * {@code picksOnly} (true to measure scheduling only), {@code picker.jvm.args} (extra JVM flags for the picker process).
 * Run with routing-plugin/bench/run-bench.sh.
 */
public final class PickerBenchmark {

    private static final int PICKS = 50_000;
    private static final int WARMUP_PICKS = 30_000;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        System.out.printf("routing-plugin benchmark: %d runs, medians shown; %d cores; java %s%n", runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println();
        System.out.println("| scenario | p50 | p99 | throughput |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {8, 64, 256}) {
            List<double[]> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                results.add(pickLatency(n));
            }
            System.out.printf("| pick, %d endpoints (tuned defaults, 4 KB prompts) | %s | %s | – |%n", n,
                    micros(median(results, 0)), micros(median(results, 1)));
        }
        if (Boolean.getBoolean("picksOnly")) {
            return;
        }
        List<FakeModelServer> servers = new ArrayList<>();
        StringBuilder endpoints = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            FakeModelServer s = new FakeModelServer(i % 3, 0.1 * i);
            servers.add(s);
            endpoints.append(i == 0 ? "" : ",").append(s.hostPort());
        }
        // The picker runs in its own JVM, as in production, where the client is Envoy (not a JVM sharing its heap).
        Process picker = launchPicker(endpoints.toString());
        try {
            int port = awaitPort(picker);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                    .directExecutor() // like Envoy's client: no hand-off to another thread per message
                    .disableRetry()
                    .flowControlWindow(4 << 20).build();
            Poll.until("picker routes (endpoints scraped)", Duration.ofSeconds(30), () -> routes(channel));
            roundTrips(channel, picker, 4 * 1024, Integer.getInteger("rate4k", 1000), seconds, runs);
            if (!Boolean.getBoolean("skip220")) {
                roundTrips(channel, picker, 220 * 1024, 100, seconds, runs);
            }
            if (!Boolean.getBoolean("skipMixed")) {
                smallBesideLarge(channel, Integer.getInteger("rateMixed", 200), seconds, runs);
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } finally {
            picker.destroy();
            picker.waitFor(20, TimeUnit.SECONDS);
            servers.forEach(FakeModelServer::close);
        }
    }

    private static Process launchPicker(String endpoints) throws java.io.IOException {
        String jar = System.getProperty("routing.plugin.jar", "routing-plugin/target/routing-plugin.jar");
        List<String> command = new ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m", "-Xmx256m"));
        String extra = System.getProperty("picker.jvm.args", "").trim(); // e.g. -Xlog:gc:file=/tmp/picker-gc.log
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar, "--static-endpoints=" + endpoints, "--secure-serving=false",
                "--metrics-endpoint-auth=false", "--drain-timeout=0s",
                "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1"));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static boolean routes(ManagedChannel channel) {
        ByteString body = ExtProcCall.completionBody("m", "ready?");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(ExtProcCall.headers(ExtProcCall.postHeaders(body.size()), false, null))
                    .send(ExtProcCall.body(body, true));
            return call.next().hasRequestHeaders();
        }
    }

    /** Reads the picker's startup line for the ext_proc port, then keeps draining its stderr. */
    private static int awaitPort(Process picker) throws java.io.IOException {
        var err = new java.io.BufferedReader(new java.io.InputStreamReader(picker.getErrorStream(), StandardCharsets.UTF_8));
        java.util.regex.Pattern started = java.util.regex.Pattern.compile("ext_proc on :(\\d+)");
        String line;
        while ((line = err.readLine()) != null) {
            var m = started.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.lines().forEach(System.err::println);
                    } catch (java.io.UncheckedIOException e) {
                        // the JDK closes the pipe when the picker exits
                    }
                }, "picker-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
            System.err.println(line);
        }
        throw new IllegalStateException("picker exited before serving");
    }

    private static void roundTrips(ManagedChannel channel, Process picker, int bodyBytes, int rate, double seconds,
                                   int runs)
            throws Exception {
        ByteString[] bodies = bodies(bodyBytes, 64);
        closedLoop(channel, picker, bodies, 16, 3.0); // warm-up: JIT-compile both sides before measuring
        List<double[]> open = new ArrayList<>();
        List<double[]> closed = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            open.add(openLoop(channel, bodies, rate, seconds));
            closed.add(closedLoop(channel, picker, bodies, 16, seconds));
        }
        String size = bodyBytes >= 1024 * 100 ? "220 KB" : "4 KB";
        System.out.printf("| ext_proc round trip, %s body, open loop %d req/s | %s | %s | %.0f req/s achieved |%n", size,
                rate, millis(median(open, 0)), millis(median(open, 1)), median(open, 2));
        System.out.printf("| ext_proc round trip, %s body, closed loop, 16 concurrent streams | %s | %s | %.0f req/s"
                        + " (picker CPU %.0f µs/request) |%n",
                size, millis(median(closed, 0)), millis(median(closed, 1)), median(closed, 2), median(closed, 3) / 1e3);
    }

    /**
     * Small-request latency while large bodies stream on the same HTTP/2 connection: 4 KB requests at a fixed
     * open-loop rate, alone and then with {@value #LARGE_IN_FLIGHT} 220 KB exchanges kept in flight on the same
     * channel. With stream work on the network event loop, every large body would delay the small ones behind it.
     */
    private static void smallBesideLarge(ManagedChannel channel, int rate, double seconds, int runs) throws Exception {
        ByteString[] small = bodies(4 * 1024, 64);
        ByteString[] large = bodies(220 * 1024, 16);
        List<double[]> alone = new ArrayList<>();
        List<double[]> beside = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            alone.add(openLoop(channel, small, rate, seconds));
            try (LargeLoad load = new LargeLoad(channel, large, LARGE_IN_FLIGHT)) {
                beside.add(openLoop(channel, small, rate, seconds));
                load.check();
            }
        }
        System.out.printf("| ext_proc round trip, 4 KB body, open loop %d req/s, one connection | %s | %s | %.0f req/s |%n",
                rate, millis(median(alone, 0)), millis(median(alone, 1)), median(alone, 2));
        System.out.printf("| same, while %d × 220 KB requests stream on that connection | %s | %s | %.0f req/s |%n",
                LARGE_IN_FLIGHT, millis(median(beside, 0)), millis(median(beside, 1)), median(beside, 2));
    }

    private static final int LARGE_IN_FLIGHT = 4;

    /** Keeps {@code inFlight} large exchanges running back to back on a channel until closed. */
    private static final class LargeLoad implements AutoCloseable {
        private final Semaphore slots;
        private final int inFlight;
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private volatile boolean stop;
        private final Thread driver;

        LargeLoad(ManagedChannel channel, ByteString[] bodies, int inFlight) {
            this.inFlight = inFlight;
            this.slots = new Semaphore(inFlight);
            driver = new Thread(() -> {
                int i = 0;
                while (!stop) {
                    try {
                        slots.acquire();
                    } catch (InterruptedException e) {
                        return;
                    }
                    exchange(channel, bodies[i++ % bodies.length], nanos -> {
                        completed.incrementAndGet();
                        slots.release();
                    }, () -> {
                        failures.incrementAndGet();
                        slots.release();
                    });
                }
            }, "large-load");
            driver.start();
        }

        void check() {
            if (failures.get() > 0 || completed.get() == 0) {
                throw new IllegalStateException("large requests: " + completed.get() + " completed, " + failures.get()
                        + " failed");
            }
        }

        @Override
        public void close() {
            stop = true;
            try {
                driver.join();
                slots.acquire(inFlight);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Picks on a synthetic pool with varied load and 64 shared prompt prefixes; {p50, p99} in ns. */
    private static double[] pickLatency(int endpoints) {
        EndpointRegistry registry = new EndpointRegistry(31250);
        List<Endpoint> list = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            list.add(new Endpoint("10.0." + (i / 250) + "." + (i % 250 + 1), 8000));
        }
        registry.replaceAll(list);
        Random random = new Random(42);
        long now = System.nanoTime();
        for (EndpointState e : registry.endpoints()) {
            e.updateMetrics(new ModelServerMetrics(random.nextInt(8), random.nextInt(16), random.nextDouble() * 0.9,
                    null, 16, 8192), now);
        }
        Scheduler scheduler = new Scheduler(registry, PickerConfig.tunedDefaults(), Duration.ofHours(1));
        InferenceRequest[] requests = new InferenceRequest[256];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new InferenceRequest("m", prompt(4000, i % 64, i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < WARMUP_PICKS; i++) {
            scheduler.schedule(requests[i % requests.length], SubsetHint.NONE, 0);
        }
        long[] samples = new long[PICKS];
        for (int i = 0; i < PICKS; i++) {
            long t0 = System.nanoTime();
            scheduler.schedule(requests[i % requests.length], SubsetHint.NONE, 0);
            samples[i] = System.nanoTime() - t0;
        }
        Arrays.sort(samples);
        return new double[] {samples[PICKS / 2], samples[(int) (PICKS * 0.99)]};
    }

    /** Starts streams at a fixed rate regardless of completions; {p50 ns, p99 ns, achieved req/s}. */
    private static double[] openLoop(ManagedChannel channel, ByteString[] bodies, int rate, double seconds)
            throws InterruptedException {
        int total = (int) (rate * seconds);
        long[] samples = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger failures = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            exchange(channel, bodies[i % bodies.length], nanos -> {
                samples[index] = nanos;
                done.countDown();
            }, () -> {
                failures.incrementAndGet();
                done.countDown();
            });
        }
        if (!done.await(60, TimeUnit.SECONDS) || failures.get() > 0) {
            throw new IllegalStateException("round trips failed: " + failures.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(samples);
        return new double[] {samples[total / 2], samples[(int) (total * 0.99)], total / elapsed};
    }

    /** {@code concurrency} streams back to back for the duration; {p50 ns, p99 ns, req/s}. */
    private static double[] closedLoop(ManagedChannel channel, Process picker, ByteString[] bodies, int concurrency,
                                       double seconds)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long[] samples = new long[2_000_000];
        AtomicInteger count = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        long cpuStart = cpuNanos(picker);
        int i = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            exchange(channel, bodies[i++ % bodies.length], nanos -> {
                int k = count.getAndIncrement();
                if (k < samples.length) {
                    samples[k] = nanos;
                }
                slots.release();
            }, () -> {
                failures.incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = cpuNanos(picker) - cpuStart;
        if (failures.get() > 0) {
            throw new IllegalStateException("round trips failed: " + failures.get());
        }
        int n = Math.min(count.get(), samples.length);
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        return new double[] {s[n / 2], s[(int) (n * 0.99)], n / elapsed, (double) cpu / n};
    }

    /**
     * One request path as Envoy drives it: headers, body in 16 KB chunks (end of stream on the last), then waits for
     * the headers answer and every re-streamed chunk up to end of stream; then closes the stream.
     */
    private static void exchange(ManagedChannel channel, ByteString body, java.util.function.LongConsumer onDone,
                                 Runnable onFail) {
        long t0 = System.nanoTime();
        StreamObserver<ProcessingRequest>[] requests = newArray();
        requests[0] = ExternalProcessorGrpc.newStub(channel).process(new StreamObserver<>() {
            private boolean headersSeen;

            @Override
            public void onNext(ProcessingResponse r) {
                if (r.hasRequestHeaders()) {
                    headersSeen = true;
                } else if (r.hasRequestBody() && headersSeen
                        && r.getRequestBody().getResponse().getBodyMutation().getStreamedResponse().getEndOfStream()) {
                    long took = System.nanoTime() - t0;
                    requests[0].onCompleted();
                    onDone.accept(took);
                } else if (r.hasImmediateResponse()) {
                    onFail.run();
                }
            }

            @Override
            public void onError(Throwable t) {
                onFail.run();
            }

            @Override
            public void onCompleted() {
            }
        });
        requests[0].onNext(ExtProcCall.headers(ExtProcCall.postHeaders(body.size()), false, null));
        for (int off = 0; off < body.size(); off += 16384) {
            int end = Math.min(body.size(), off + 16384);
            requests[0].onNext(ExtProcCall.body(body.substring(off, end), end == body.size()));
        }
    }

    @SuppressWarnings("unchecked")
    private static StreamObserver<ProcessingRequest>[] newArray() {
        return new StreamObserver[1];
    }

    private static ByteString[] bodies(int bytes, int count) {
        ByteString[] out = new ByteString[count];
        for (int i = 0; i < count; i++) {
            String json = "{\"model\":\"m\",\"max_tokens\":64,\"stream\":true,\"prompt\":\"" + prompt(bytes - 64, i % 16, i)
                    + "\"}";
            out[i] = ByteString.copyFromUtf8(json);
        }
        return out;
    }

    /** A prompt of about {@code length} chars: a shared prefix per group (3/4) and a distinct tail. */
    private static String prompt(int length, int group, int unique) {
        StringBuilder sb = new StringBuilder(length + 32);
        String prefix = "Group " + group + " system prompt: answer precisely and cite sources. ";
        while (sb.length() < length * 3 / 4) {
            sb.append(prefix);
        }
        String tail = " question " + unique + " about topic " + (unique * 7919) + ".";
        while (sb.length() < length) {
            sb.append(tail);
        }
        sb.setLength(length);
        return sb.toString();
    }

    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static double median(List<double[]> runs, int column) {
        double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    private static String micros(double nanos) {
        return String.format("%.1f µs", nanos / 1e3);
    }

    private static String millis(double nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }
}
