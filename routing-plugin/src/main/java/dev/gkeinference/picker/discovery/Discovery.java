package dev.gkeinference.picker.discovery;

/** Keeps the endpoint registry (and the objectives' priorities) in step with where the pool's endpoints are. */
public interface Discovery extends AutoCloseable {

    void start();

    @Override
    void close();
}
