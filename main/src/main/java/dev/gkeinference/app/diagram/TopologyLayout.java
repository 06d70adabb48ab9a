package dev.gkeinference.app.diagram;

import dev.gkeinference.app.diagram.Drawing.Box;
import dev.gkeinference.app.diagram.Drawing.Connector;
import dev.gkeinference.app.diagram.Drawing.Label;
import dev.gkeinference.app.diagram.Drawing.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a {@link Topology}: the gateway on top, one column per region (address, cluster, TPU pool), shared
 * resources at the bottom. Fixed sizes and text cut to fit, so the picture depends on the config alone.
 */
public final class TopologyLayout {
    static final int MARGIN = 24;
    static final int COLUMN = 320;
    static final int GAP = 24;
    static final int MIN_WIDTH = 640;
    static final int GATEWAY_Y = 52;
    static final int REGION_Y = 150;
    static final int GLOBAL_Y = 484;
    static final int GLOBAL_HEIGHT = 110;
    static final int HEIGHT = 640;
    /** Average glyph width per pixel of font size (DejaVu Sans-like fonts), a little generous so text fits. */
    private static final double CHAR_WIDTH = 0.56;
    private static final double BOLD_CHAR_WIDTH = 0.63;

    static final String GATEWAY_FILL = "#e8f0fe";
    static final String GATEWAY_STROKE = "#1a73e8";
    static final String REGION_FILL = "#f1f3f4";
    static final String REGION_STROKE = "#5f6368";
    static final String ADDRESS_FILL = "#f3e8fd";
    static final String ADDRESS_STROKE = "#9334e6";
    static final String CLUSTER_FILL = "#e6f4ea";
    static final String CLUSTER_STROKE = "#188038";
    static final String TPU_FILL = "#fef7e0";
    static final String TPU_STROKE = "#e37400";
    static final String GLOBAL_FILL = "#fce8e6";
    static final String GLOBAL_STROKE = "#c5221f";
    static final String TEXT = "#202124";
    static final String MUTED = "#5f6368";

    private final List<Shape> shapes = new ArrayList<>();

    private TopologyLayout() {
    }

    public static Drawing layout(Topology topology) {
        return new TopologyLayout().draw(topology);
    }

    static int width(int regions) {
        return Math.max(MIN_WIDTH, 2 * MARGIN + regions * COLUMN + Math.max(0, regions - 1) * GAP);
    }

    static int columnX(int index) {
        return MARGIN + index * (COLUMN + GAP);
    }

    private Drawing draw(Topology t) {
        int width = width(t.regions().size());
        text(MARGIN, 32, t.deploymentName() + " · " + t.regions().size() + " regions · " + t.totalChips()
                + " TPU v6e chips", 16, true, false, TEXT, width - 2 * MARGIN);
        gateway(t, width);
        for (int i = 0; i < t.regions().size(); i++) {
            region(t.regions().get(i), columnX(i));
        }
        shared(t, width);
        text(MARGIN, HEIGHT - 16, "solid: gateway address per region · dashed: weights via Cloud Storage FUSE",
                11, false, false, MUTED, width - 2 * MARGIN);
        return new Drawing(width, HEIGHT, shapes);
    }

    private void gateway(Topology t, int width) {
        int w = width - 2 * MARGIN;
        shapes.add(new Box(MARGIN, GATEWAY_Y, w, 64, GATEWAY_FILL, GATEWAY_STROKE, false));
        text(width / 2, GATEWAY_Y + 26, "Inference Gateway " + t.gateway().name(), 14, true, true, TEXT, w - 24);
        text(width / 2, GATEWAY_Y + 48, t.gateway().gatewayClass() + " · config cluster "
                + t.gateway().configClusterName(), 12, false, true, MUTED, w - 24);
    }

    private void region(Topology.Region r, int x) {
        int inner = COLUMN - 32;
        int center = x + COLUMN / 2;
        shapes.add(new Box(x, REGION_Y, COLUMN, 306, REGION_FILL, REGION_STROKE, false));
        text(x + 16, REGION_Y + 24, "region " + r.region(), 14, true, false, TEXT, inner);

        shapes.add(new Box(x + 16, REGION_Y + 38, inner, 34, ADDRESS_FILL, ADDRESS_STROKE, false));
        text(center, REGION_Y + 60, "VIP: " + r.address(), 12, false, true, TEXT, inner - 16);
        shapes.add(new Connector(center, GATEWAY_Y + 64, center, REGION_Y + 38, GATEWAY_STROKE, false));

        shapes.add(new Box(x + 16, REGION_Y + 86, inner, 204, CLUSTER_FILL, CLUSTER_STROKE, false));
        text(x + 28, REGION_Y + 108, "cluster " + r.clusterName(), 13, true, false, TEXT, inner - 24);
        text(x + 28, REGION_Y + 128, r.configCluster() ? "GKE Standard · config cluster"
                : "GKE Standard · Dataplane V2", 12, false, false, MUTED, inner - 24);

        Topology.TpuPool pool = r.tpu();
        int poolX = x + 32;
        int poolW = COLUMN - 64;
        shapes.add(new Box(poolX, REGION_Y + 144, poolW, 130, TPU_FILL, TPU_STROKE, false));
        text(poolX + 12, REGION_Y + 166, "TPU v6e pool · DRANET", 13, true, false, TEXT, poolW - 24);
        text(poolX + 12, REGION_Y + 188, pool.machineType() + " · topology " + pool.topology(), 12, false, false,
                TEXT, poolW - 24);
        text(poolX + 12, REGION_Y + 208, pool.nodes() + (pool.nodes() == 1 ? " node · " : " nodes · ")
                + pool.chips() + " chips", 12, true, false, TEXT, poolW - 24);
        text(poolX + 12, REGION_Y + 228, "zone " + pool.zone(), 12, false, false, MUTED, poolW - 24);
        text(poolX + 12, REGION_Y + 248, "capacity " + pool.capacity(), 12, false, false, MUTED, poolW - 24);
        shapes.add(new Connector(center, GLOBAL_Y, center, REGION_Y + 274, GLOBAL_STROKE, true));
    }

    private void shared(Topology t, int width) {
        int w = width - 2 * MARGIN;
        Topology.Shared s = t.shared();
        shapes.add(new Box(MARGIN, GLOBAL_Y, w, GLOBAL_HEIGHT, GLOBAL_FILL, GLOBAL_STROKE, false));
        text(MARGIN + 16, GLOBAL_Y + 24, "global · project " + t.project(), 14, true, false, TEXT, w - 32);
        text(MARGIN + 16, GLOBAL_Y + 46, "VPC " + s.network() + " · per region a node subnet and a proxy-only"
                + " subnet", 12, false, false, TEXT, w - 32);
        text(MARGIN + 16, GLOBAL_Y + 68, "bucket gs://" + s.bucket() + " (" + s.bucketLocation() + ")", 12, false,
                false, TEXT, w - 32);
        text(MARGIN + 16, GLOBAL_Y + 90, "model " + s.model() + (s.weightsPath().isEmpty() ? ""
                : " · weights at /" + s.weightsPath()), 12, false, false, TEXT, w - 32);
    }

    private void text(int x, int y, String text, int size, boolean bold, boolean centered, String color,
                      int maxWidth) {
        shapes.add(new Label(x, y, fit(text, maxWidth, size, bold), size, bold, centered, color));
    }

    /** Cuts text that would overflow {@code maxWidth} pixels, marking the cut with an ellipsis. */
    static String fit(String text, int maxWidth, int size, boolean bold) {
        int maxChars = (int) (maxWidth / (size * (bold ? BOLD_CHAR_WIDTH : CHAR_WIDTH)));
        return text.length() <= maxChars ? text : text.substring(0, Math.max(1, maxChars - 1)) + "…";
    }
}
