package cn.dongli.carbonmap.survey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.geom.Overlays;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.metrics.MetricsEngine.UnitShape;

/**
 * What changed in the forest between two surveys: the forest gained and lost (plots with canopy closure at or above
 * the forest threshold; overlaps counted once), per unit, and the plots whose stock or canopy closure moved beyond a
 * threshold (matched by plot code).
 */
final class SeasonChange {

    /** Forest gained and lost in a unit, m² on the ellipsoid. */
    record UnitChange(UnitShape unit, double gainedM2, double lostM2) {
    }

    /** A plot whose figures moved. */
    record PlotChange(String plotCode, Double stockFrom, Double stockTo, Double canopyFrom, Double canopyTo) {
    }

    /** The change: polygons (longitude/latitude) and figures. */
    record Result(Geometry gained, Geometry lost, List<UnitChange> units, List<PlotChange> plots) {
    }

    private SeasonChange() {
    }

    /**
     * @param stockThreshold relative change of stock that is reported (0.1 = 10 %)
     * @param canopyThreshold absolute change of canopy closure that is reported
     */
    static Result compute(List<Feature> from, List<Feature> to, double canopyMin, List<UnitShape> units,
                          double stockThreshold, double canopyThreshold) {
        Geometry forestFrom = forest(from, canopyMin);
        Geometry forestTo = forest(to, canopyMin);
        Geometry gained = Overlays.difference(forestTo, forestFrom);
        Geometry lost = Overlays.difference(forestFrom, forestTo);
        List<UnitChange> perUnit = new ArrayList<>();
        for (UnitShape u : units) {
            perUnit.add(new UnitChange(u, area(gained, u.geometry()), area(lost, u.geometry())));
        }
        Map<String, Feature> before = new HashMap<>();
        for (Feature f : from) {
            before.put(code(f), f);
        }
        List<PlotChange> plots = new ArrayList<>();
        for (Feature f : to) {
            Feature b = before.get(code(f));
            Double s0 = b == null ? null : number(b.attributes().get("stock_m3"));
            Double s1 = number(f.attributes().get("stock_m3"));
            Double c0 = b == null ? null : number(b.attributes().get("canopy_closure"));
            Double c1 = number(f.attributes().get("canopy_closure"));
            boolean stockMoved = s0 != null && s1 != null && Math.abs(s1 - s0) > stockThreshold * Math.max(s0, 1e-9);
            boolean canopyMoved = c0 != null && c1 != null && Math.abs(c1 - c0) > canopyThreshold;
            if (b == null || stockMoved || canopyMoved) {
                plots.add(new PlotChange(code(f), s0, s1, c0, c1));
            }
        }
        return new Result(gained, lost, perUnit, plots);
    }

    private static String code(Feature f) {
        return Objects.toString(f.attributes().get("plot_code"), "#" + f.id());
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static Geometry forest(List<Feature> plots, double canopyMin) {
        List<Geometry> parts = new ArrayList<>();
        for (Feature f : plots) {
            if (f.attributes().get("canopy_closure") instanceof Number n && n.doubleValue() >= canopyMin) {
                parts.add(f.geometry());
            }
        }
        return Overlays.coverageUnion(parts, Geometries.STORAGE);
    }

    private static double area(Geometry g, Geometry unit) {
        if (g.isEmpty()) {
            return 0;
        }
        PreparedGeometry p = PreparedGeometryFactory.prepare(unit);
        if (p.covers(g)) {
            return EqualAreaProjection.DONGLI.area(g);
        }
        Geometry inside = Overlays.intersection(g, unit);
        return inside.isEmpty() ? 0 : EqualAreaProjection.DONGLI.area(inside);
    }
}
