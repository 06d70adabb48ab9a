package dev.gkeinference.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.jsii.JsiiEngine;

/**
 * Loads the provider bindings into the jsii kernel in the background. Loading them is most of a synthesis (node
 * requires every one of the google provider's 1,470 modules: about 2 s, the kubernetes provider another 1 s), and
 * the kernel is a separate node process: it can do that while the JVM reads and validates the config.
 */
final class BindingsPreload {
    private final CompletableFuture<Void> loading;

    private BindingsPreload(CompletableFuture<Void> loading) {
        this.loading = loading;
    }

    static BindingsPreload start() {
        return new BindingsPreload(CompletableFuture.runAsync(() -> {
            JsiiEngine engine = JsiiEngine.getInstance();
            engine.loadModule(com.hashicorp.cdktf.providers.google.$Module.class);
            engine.loadModule(com.hashicorp.cdktf.providers.kubernetes.$Module.class);
        }));
    }

    /** Waits until the bindings are loaded; rethrows what failed while loading them. */
    void await() {
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
