package dev.gkeinference.app.diagram;

import java.util.List;

/**
 * The topology as a Mermaid flowchart, for pull-request comments and Markdown that renders Mermaid (GitHub does).
 * Node ids are derived from region names, so the text is stable for a given config.
 */
public final class MermaidWriter {

    private MermaidWriter() {
    }

    public static String write(Topology t) {
        StringBuilder m = new StringBuilder("flowchart TB\n");
        m.append("  gateway[\"Inference Gateway ").append(t.gateway().name()).append("<br/>")
                .append(t.gateway().gatewayClass()).append("<br/>on ").append(t.gateway().configClusterName())
                .append("\"]\n");
        for (Topology.Region r : t.regions()) {
            String id = id(r.region());
            Topology.TpuPool pool = r.tpu();
            m.append("  subgraph ").append(id).append("[\"region ").append(r.region()).append("\"]\n");
            m.append("    ").append(id).append("_address([\"gateway address: ").append(r.address()).append("\"])\n");
            m.append("    ").append(id).append("_cluster[\"GKE cluster ").append(r.clusterName())
                    .append(r.configCluster() ? "<br/>config cluster" : "").append("\"]\n");
            m.append("    ").append(id).append("_tpu[[\"TPU v6e ").append(pool.machineType()).append(" ")
                    .append(pool.topology()).append("<br/>").append(pool.nodes())
                    .append(pool.nodes() == 1 ? " node, " : " nodes, ").append(pool.chips()).append(" chips<br/>")
                    .append(pool.zone()).append(", ").append(pool.capacity()).append("\"]]\n");
            m.append("    ").append(id).append("_cluster --- ").append(id).append("_tpu\n");
            m.append("  end\n");
        }
        Topology.Shared s = t.shared();
        m.append("  bucket[(\"gs://").append(s.bucket()).append(" (").append(s.bucketLocation()).append(")<br/>")
                .append(s.model()).append("\")]\n");
        m.append("  vpc{{\"VPC ").append(s.network()).append("\"}}\n");
        List<String> ids = t.regions().stream().map(r -> id(r.region())).toList();
        ids.forEach(id -> m.append("  gateway --> ").append(id).append("_address\n"));
        ids.forEach(id -> m.append("  ").append(id).append("_address --> ").append(id).append("_cluster\n"));
        ids.forEach(id -> m.append("  bucket -. FUSE .-> ").append(id).append("_tpu\n"));
        ids.forEach(id -> m.append("  vpc --- ").append(id).append("_cluster\n"));
        return m.toString();
    }

    /** Mermaid ids: letters, digits and underscores. */
    private static String id(String region) {
        return region.replaceAll("[^A-Za-z0-9]", "_");
    }
}
