package dev.gkeinference.bench.drill;

import dev.gkeinference.bench.gateway.Endpoint;

import java.util.List;

/** A region's backends as a global load balancer sees them, in order of locality preference. */
public record Region(String name, List<Endpoint> endpoints) {
}
