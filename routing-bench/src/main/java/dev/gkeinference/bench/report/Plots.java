package dev.gkeinference.bench.report;

import dev.gkeinference.bench.load.StageResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** PNG line charts of one metric against offered QPS, one line per picker. */
final class Plots {
    /** Fixed colours per picker so every chart reads the same way; others cycle through the spare ones. */
    private static final Map<String, Color> COLORS = Map.of("random", new Color(0x9e9e9e), "round-robin",
            new Color(0x1f77b4), "least-outstanding", new Color(0xff7f0e), "upstream-default", new Color(0x2ca02c),
            "ours", new Color(0xd62728));
    private static final Color[] SPARE = {new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf)};

    private Plots() {
    }

    static void write(Path png, String title, String yLabel, boolean logY, List<StageResult> stages,
                      ToDoubleFunction<StageResult> metric) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, XYSeries> byPicker = new LinkedHashMap<>();
        for (StageResult s : stages) {
            double y = metric.applyAsDouble(s);
            if (Double.isFinite(y) && (!logY || y > 0)) {
                byPicker.computeIfAbsent(s.picker(), XYSeries::new).add(s.qps(), y);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byPicker.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "offered load (requests/s, simulated)", yLabel,
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        if (logY) {
            LogAxis axis = new LogAxis(yLabel + " (log scale)");
            axis.setSmallestValue(1);
            axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
            plot.setRangeAxis(axis);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String picker = (String) data.getSeriesKey(i);
            renderer.setSeriesPaint(i, COLORS.getOrDefault(picker, SPARE[i % SPARE.length]));
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 540);
    }
}
