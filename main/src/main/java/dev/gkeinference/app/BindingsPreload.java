package dev.gkeinference.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.jsii.JsiiEngine;

/**
 * Loads the provider bindings into the jsii kernel in the background. Loading them is most of a synthesis (node
 * requires every one of the google provider's 1,470 modules: about 2 s, the kubernetes provider another 1 s), and
 * the kernel is a separate node process: it can do that while the JVM reads and resolves the config. Only the
 * command-line process starts it, before anything else; in-process callers (tests) load the bindings when the first
 * construct needs them, so a rejected config never starts the kernel.
 */
final class BindingsPreload {
    private static CompletableFuture<Void> loading;

    private BindingsPreload() {
    }

    /** Starts loading the bindings; call once, first thing in the process. */
    static synchronized void start() {
        loading = CompletableFuture.runAsync(() -> {
            JsiiEngine engine = JsiiEngine.getInstance();
            engine.loadModule(com.hashicorp.cdktf.providers.google.$Module.class);
            engine.loadModule(com.hashicorp.cdktf.providers.kubernetes.$Module.class);
        });
    }

    /** Waits until the bindings are loaded, if loading was started; rethrows what failed while loading them. */
    static synchronized void awaitIfStarted() {
        if (loading == null) {
            return;
        }
        try {
            loading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the cdktf bindings", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
