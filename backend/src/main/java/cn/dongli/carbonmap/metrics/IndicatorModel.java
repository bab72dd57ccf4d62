package cn.dongli.carbonmap.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.Grid;
import cn.dongli.carbonmap.geom.GridCut;
import cn.dongli.carbonmap.geom.Overlays;
import cn.dongli.carbonmap.geom.Theme;
import cn.dongli.carbonmap.geom.UnitCells;
import cn.dongli.carbonmap.geom.ZonalAreaOp;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * The engine's in-memory model of the layers: the area layers cut along a grid of the equal-area plane into themes
 * (blue-green, forest, accepted farmland), the units with their cells, and per forest plot and rooftop what it adds to
 * each unit. Built from all features once, then kept current feature by feature.
 *
 * <p>Not thread-safe; {@link MetricsEngine} serialises access.
 */
final class IndicatorModel {

    private static final GeometryFactory PLANAR = new GeometryFactory(new PrecisionModel(), 0);
    private static final EqualAreaProjection PLANE = EqualAreaProjection.DONGLI;

    private final MetricsDefinitions defs;
    private final Grid grid;
    private final GridCut landCoverBlueGreen;
    private final GridCut plotsAll;
    private final GridCut plotsForest;
    private final GridCut parksBlueGreen;
    private final GridCut farmlandBlueGreen;
    private final GridCut farmlandAccepted;
    private final Theme blueGreen;
    private final Theme forest;
    private final Theme farmland;

    private final Map<Long, Feature> zones = new HashMap<>();
    private final Map<Long, Feature> streets = new HashMap<>();
    private final Map<Long, Plot> plots = new HashMap<>();
    private final Map<Long, Roof> roofs = new HashMap<>();
    private List<Unit> units = List.of();
    private STRtree unitIndex = new STRtree();

    /** A unit and its running figures. */
    private static final class Unit {
        final UnitRef ref;
        final String zoneType;
        final Geometry lonLat;
        final PreparedGeometry preparedLonLat;
        final UnitCells cells;
        final ZonalAreaOp blueGreen;
        final ZonalAreaOp forest;
        final ZonalAreaOp farmland;
        double stock;
        int pvEligible;
        int pvInstalled;
        double pvArea;
        double roofArea;

        Unit(UnitRef ref, String zoneType, Geometry lonLat, UnitCells cells, Theme bg, Theme fo, Theme fa) {
            this.ref = ref;
            this.zoneType = zoneType;
            this.lonLat = lonLat;
            this.preparedLonLat = PreparedGeometryFactory.prepare(lonLat);
            this.cells = cells;
            this.blueGreen = new ZonalAreaOp(cells, bg);
            this.forest = new ZonalAreaOp(cells, fo);
            this.farmland = new ZonalAreaOp(cells, fa);
        }
    }

    /** A forest plot: what it needs for stock, and what it added to which unit. */
    private record Plot(Geometry planar, double area, double stock, int[] units, double[] added) {
    }

    /** An eligible rooftop: its point-on-surface, PV state, and the units it counts in. */
    private record Roof(Point point, boolean installed, double pvArea, double roofArea, int[] units) {
    }

    IndicatorModel(MetricsDefinitions defs, Envelope planarExtent, long areaPolygons, double districtArea) {
        this.defs = defs;
        double cell = Grid.cellSizeFor(districtArea, areaPolygons, defs.piecesPerCell());
        Envelope extent = new Envelope(planarExtent);
        extent.expandBy(cell);
        this.grid = new Grid(extent, cell);
        this.landCoverBlueGreen = new GridCut(grid, PLANAR);
        this.plotsAll = new GridCut(grid, PLANAR);
        this.plotsForest = new GridCut(grid, PLANAR);
        this.parksBlueGreen = new GridCut(grid, PLANAR);
        this.farmlandBlueGreen = new GridCut(grid, PLANAR);
        this.farmlandAccepted = new GridCut(grid, PLANAR);
        List<GridCut> bg = new ArrayList<>(List.of(landCoverBlueGreen, parksBlueGreen, farmlandBlueGreen));
        if (defs.blueGreenForestPlots()) {
            bg.add(plotsAll);
        }
        this.blueGreen = new Theme(grid, bg, PLANAR);
        this.forest = new Theme(grid, List.of(plotsForest), PLANAR);
        this.farmland = new Theme(grid, List.of(farmlandAccepted), PLANAR);
    }

    private static final java.util.Set<String> AREA_LAYERS = java.util.Set.of(LayerCatalog.LAND_COVER,
            LayerCatalog.FOREST_PLOTS, LayerCatalog.PARKS, LayerCatalog.FARMLAND);

    /**
     * Builds the model from every feature of every layer: the grid is sized to the units' extent and the density of
     * the area layers, the units are cut along it, then every other feature is put.
     */
    static IndicatorModel build(MetricsDefinitions defs, Map<String, List<Feature>> layers) {
        long areaPolygons = AREA_LAYERS.stream().mapToLong(l -> layers.getOrDefault(l, List.of()).size()).sum();
        IndicatorModel model = start(defs, layers.getOrDefault(LayerCatalog.STREETS, List.of()),
                layers.getOrDefault(LayerCatalog.ZONES, List.of()), areaPolygons);
        for (Map.Entry<String, List<Feature>> e : layers.entrySet()) {
            if (!e.getKey().equals(LayerCatalog.STREETS) && !e.getKey().equals(LayerCatalog.ZONES)) {
                e.getValue().forEach(model::put);
            }
        }
        return model;
    }

    /**
     * Starts a model from the units alone; the features of the other layers are then {@link #put} one by one, so
     * that they can be streamed from the store without holding them all.
     *
     * @param areaPolygons how many features the area layers hold (sets the grid's cell size)
     */
    static IndicatorModel start(MetricsDefinitions defs, List<Feature> streets, List<Feature> zones, long areaPolygons) {
        Envelope extent = new Envelope();
        double districtArea = 0;
        for (Feature f : streets) {
            Geometry planar = PLANE.project(f.geometry());
            extent.expandToInclude(planar.getEnvelopeInternal());
            districtArea += planar.getArea();
        }
        for (Feature f : zones) {
            extent.expandToInclude(PLANE.project(f.geometry()).getEnvelopeInternal());
        }
        if (extent.isNull()) {
            extent = PLANE.project(cn.dongli.carbonmap.geom.Geometries.STORAGE.toGeometry(
                    new Envelope(117.2, 117.6, 38.95, 39.3))).getEnvelopeInternal();
        }
        if (districtArea == 0) {
            districtArea = extent.getArea();
        }
        IndicatorModel model = new IndicatorModel(defs, extent, areaPolygons, districtArea);
        streets.forEach(model::put);
        zones.forEach(model::put);
        model.rebuildUnits();
        return model;
    }

    /** The layers whose features are cut into themes (their count sets the grid's cell size). */
    static java.util.Set<String> areaLayers() {
        return AREA_LAYERS;
    }

    /** The grid's cell size, metres. */
    double cellSize() {
        return grid.cellSize();
    }

    /** Whether the grid covers a longitude/latitude envelope (else the model must be rebuilt). */
    boolean covers(Geometry lonLat) {
        return grid.covers(PLANE.project(lonLat).getEnvelopeInternal());
    }

    // --- features -------------------------------------------------------------------------------------------------

    /** Adds or replaces a feature of any layer. Units are rebuilt separately ({@link #rebuildUnits}). */
    void put(Feature f) {
        try {
            switch (f.layer()) {
                case LayerCatalog.ZONES -> zones.put(f.id(), f);
                case LayerCatalog.STREETS -> streets.put(f.id(), f);
                case LayerCatalog.LAND_COVER -> cut(landCoverBlueGreen, f, defs.blueGreenLandCover().contains(f.attributes().get("class")));
                case LayerCatalog.PARKS -> cut(parksBlueGreen, f, defs.blueGreenParkStatuses().contains(f.attributes().get("status")));
                case LayerCatalog.FARMLAND -> {
                    Object status = f.attributes().get("status");
                    List<String> bgStatuses = defs.blueGreenFarmlandStatuses();
                    Geometry planar = PLANE.project(f.geometry());
                    cutPlanar(farmlandBlueGreen, f.id(), planar, bgStatuses.isEmpty() || bgStatuses.contains(status));
                    cutPlanar(farmlandAccepted, f.id(), planar, defs.farmlandStatuses().contains(status));
                }
                case LayerCatalog.FOREST_PLOTS -> putPlot(f);
                case LayerCatalog.PV_ROOFTOPS -> putRoof(f);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("layer " + f.layer() + " feature " + f.id() + " cannot be overlaid: "
                    + e.getMessage(), e);
        }
    }

    /** Removes a feature of any layer. */
    void remove(String layer, long id) {
        switch (layer) {
            case LayerCatalog.ZONES -> zones.remove(id);
            case LayerCatalog.STREETS -> streets.remove(id);
            case LayerCatalog.LAND_COVER -> landCoverBlueGreen.remove(id);
            case LayerCatalog.PARKS -> parksBlueGreen.remove(id);
            case LayerCatalog.FARMLAND -> {
                farmlandBlueGreen.remove(id);
                farmlandAccepted.remove(id);
            }
            case LayerCatalog.FOREST_PLOTS -> removePlot(id);
            case LayerCatalog.PV_ROOFTOPS -> removeRoof(id);
            default -> {
            }
        }
    }

    private void cut(GridCut cut, Feature f, boolean member) {
        if (member) {
            cut.put(f.id(), PLANE.project(f.geometry()));
        } else {
            cut.remove(f.id());
        }
    }

    private static void cutPlanar(GridCut cut, long id, Geometry planar, boolean member) {
        if (member) {
            cut.put(id, planar);
        } else {
            cut.remove(id);
        }
    }

    private void putPlot(Feature f) {
        removePlot(f.id());
        Geometry planar = PLANE.project(f.geometry());
        plotsAll.put(f.id(), planar);
        Object canopy = f.attributes().get("canopy_closure");
        cutPlanar(plotsForest, f.id(), planar, canopy instanceof Number n && n.doubleValue() >= defs.forestCanopyMin());
        Object stock = f.attributes().get("stock_m3");
        double s = stock instanceof Number n ? n.doubleValue() : 0;
        Plot plot = placePlot(planar, s);
        plots.put(f.id(), plot);
    }

    private Plot placePlot(Geometry planar, double stock) {
        double area = planar.getArea();
        List<Integer> hit = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        if (stock != 0 && area > 0) {
            for (Object o : unitIndex.query(planar.getEnvelopeInternal())) {
                int u = (Integer) o;
                Unit unit = units.get(u);
                PreparedGeometry prepared = unit.cells.prepared();
                double share;
                if (prepared.covers(planar)) {
                    share = 1;
                } else if (prepared.intersects(planar)) {
                    share = Overlays.intersection(planar, unit.cells.geometry()).getArea() / area;
                } else {
                    continue;
                }
                unit.stock += stock * share;
                hit.add(u);
                added.add(stock * share);
            }
        }
        return new Plot(planar, area, stock, hit.stream().mapToInt(Integer::intValue).toArray(),
                added.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private void removePlot(long id) {
        Plot old = plots.remove(id);
        plotsAll.remove(id);
        plotsForest.remove(id);
        if (old != null) {
            for (int i = 0; i < old.units().length; i++) {
                units.get(old.units()[i]).stock -= old.added()[i];
            }
        }
    }

    private void putRoof(Feature f) {
        removeRoof(f.id());
        Map<String, Object> a = f.attributes();
        Object year = a.get("built_year");
        boolean eligible = year instanceof Number n && n.intValue() >= defs.pvNewFromYear()
                && defs.pvBuildingUses().contains(a.get("building_use"));
        if (!eligible) {
            return;
        }
        // point-on-surface of the stored longitude/latitude polygon, as PostGIS's ST_PointOnSurface takes it
        Coordinate c = InteriorPointArea.getInteriorPoint(f.geometry());
        Point point = f.geometry().getFactory().createPoint(c);
        Roof roof = new Roof(point, Boolean.TRUE.equals(a.get("pv_installed")), number(a.get("pv_area_m2")),
                number(a.get("roof_area_m2")), new int[0]);
        roofs.put(f.id(), placeRoof(roof));
    }

    private Roof placeRoof(Roof roof) {
        Envelope env = PLANE.project(roof.point()).getEnvelopeInternal();
        List<Integer> hit = new ArrayList<>();
        for (Object o : unitIndex.query(env)) {
            int u = (Integer) o;
            Unit unit = units.get(u);
            if (unit.preparedLonLat.covers(roof.point())) {
                hit.add(u);
                unit.pvEligible++;
                unit.pvInstalled += roof.installed() ? 1 : 0;
                unit.pvArea += roof.pvArea();
                unit.roofArea += roof.roofArea();
            }
        }
        return new Roof(roof.point(), roof.installed(), roof.pvArea(), roof.roofArea(),
                hit.stream().mapToInt(Integer::intValue).toArray());
    }

    private void removeRoof(long id) {
        Roof old = roofs.remove(id);
        if (old == null) {
            return;
        }
        for (int u : old.units()) {
            Unit unit = units.get(u);
            unit.pvEligible--;
            unit.pvInstalled -= old.installed() ? 1 : 0;
            unit.pvArea -= old.pvArea();
            unit.roofArea -= old.roofArea();
        }
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    // --- units ----------------------------------------------------------------------------------------------------

    /**
     * Rebuilds the units from the zones and streets held, then places every plot and rooftop in them again.
     *
     * @throws IllegalStateException if a unit lies outside the grid (the model must then be built anew)
     */
    void rebuildUnits() {
        List<UnitSource> sources = unitSources();
        List<Unit> built = sources.parallelStream().map(s -> {
            Geometry planar = PLANE.project(s.lonLat());
            if (!grid.covers(planar.getEnvelopeInternal())) {
                throw new IllegalStateException("unit " + s.ref().code() + " lies outside the engine's grid");
            }
            return new Unit(s.ref(), s.zoneType(), s.lonLat(), new UnitCells(grid, planar), blueGreen, forest,
                    farmland);
        }).toList();
        STRtree index = new STRtree();
        for (int i = 0; i < built.size(); i++) {
            index.insert(built.get(i).cells.geometry().getEnvelopeInternal(), i);
        }
        index.build();
        this.units = built;
        this.unitIndex = index;
        for (Map.Entry<Long, Plot> e : plots.entrySet()) {
            e.setValue(placePlot(e.getValue().planar(), e.getValue().stock()));
        }
        for (Map.Entry<Long, Roof> e : roofs.entrySet()) {
            e.setValue(placeRoof(e.getValue()));
        }
    }

    private record UnitSource(UnitRef ref, String zoneType, Geometry lonLat) {
    }

    private List<UnitSource> unitSources() {
        List<UnitSource> out = new ArrayList<>();
        List<Feature> zoneList = zones.values().stream()
                .sorted(Comparator.comparing((Feature f) -> String.valueOf(f.attributes().get("code")))
                        .thenComparing(Feature::id)).toList();
        for (Feature z : zoneList) {
            out.add(new UnitSource(new UnitRef("zone", String.valueOf(z.attributes().get("code")),
                    String.valueOf(z.attributes().get("name"))), (String) z.attributes().get("zone_type"), z.geometry()));
        }
        List<Geometry> barrier = new ArrayList<>();
        Map<Integer, List<Geometry>> levels = new LinkedHashMap<>();
        for (Feature z : zoneList) {
            if ("control_level".equals(z.attributes().get("zone_type")) && z.attributes().get("level") instanceof Integer l) {
                barrier.add(z.geometry());
                levels.computeIfAbsent(l, k -> new ArrayList<>()).add(z.geometry());
            }
        }
        String[] levelNames = {"", "一级管控区", "二级管控区", "三级管控区"};
        levels.keySet().stream().sorted().forEach(l -> out.add(new UnitSource(
                new UnitRef("level", "L" + l, l < levelNames.length ? levelNames[l] : l + "级管控区"), "control_level",
                unionLonLat(levels.get(l)))));
        if (!barrier.isEmpty()) {
            out.add(new UnitSource(new UnitRef("barrier", "barrier", "生态屏障区"), null, unionLonLat(barrier)));
        }
        List<Feature> streetList = streets.values().stream()
                .sorted(Comparator.comparing((Feature f) -> String.valueOf(f.attributes().get("code")))
                        .thenComparing(Feature::id)).toList();
        for (Feature s : streetList) {
            out.add(new UnitSource(new UnitRef("street", String.valueOf(s.attributes().get("code")),
                    String.valueOf(s.attributes().get("name"))), null, s.geometry()));
        }
        if (!streetList.isEmpty()) {
            out.add(new UnitSource(new UnitRef("district", "district", "东丽区"), null,
                    unionLonLat(streetList.stream().map(f -> (Geometry) f.geometry()).toList())));
        }
        return out;
    }

    private static Geometry unionLonLat(List<Geometry> parts) {
        return Overlays.union(new ArrayList<>(parts), parts.get(0).getFactory());
    }

    // --- figures --------------------------------------------------------------------------------------------------

    /** The figures of every unit, computing what changed since the last call (cells in parallel). */
    List<UnitMetrics> compute(int currentYear) {
        // warm the theme unions of every used cell in parallel: the per-unit overlays below then only read them
        int[] used = units.stream().flatMapToInt(u -> IntStream.of(u.cells.cells())).distinct().toArray();
        IntStream.of(used).parallel().forEach(cell -> {
            blueGreen.union(cell);
            forest.union(cell);
            farmland.union(cell);
        });
        double[][] areas = new double[units.size()][];
        IntStream.range(0, units.size()).parallel().forEach(i -> {
            Unit u = units.get(i);
            areas[i] = new double[] {u.blueGreen.area(), u.forest.area(), u.farmland.area()};
        });
        List<UnitMetrics> out = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            out.add(figures(units.get(i), areas[i], currentYear));
        }
        return out;
    }

    private UnitMetrics figures(Unit u, double[] areas, int currentYear) {
        double area = u.cells.area();
        double bg = areas[0];
        double fo = areas[1];
        double fa = areas[2];
        Envelope e = u.lonLat.getEnvelopeInternal();
        UnitMetrics partial = new UnitMetrics(u.ref.kind(), u.ref.code(), u.ref.name(), u.zoneType,
                new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()}, area, bg, share(bg, area), fo,
                share(fo, area), Math.max(0, u.stock), u.pvEligible, u.pvInstalled,
                share(u.pvInstalled, u.pvEligible), share(u.pvArea, u.roofArea), fa, fa / MetricsDefinitions.M2_PER_MU,
                List.of());
        List<UnitMetrics.TargetStatus> targets = new ArrayList<>();
        for (PlanTarget t : defs.targets()) {
            if (t.appliesTo(u.ref)) {
                targets.add(status(t, value(partial, t.indicator()), currentYear));
            }
        }
        return new UnitMetrics(partial.unit(), partial.code(), partial.name(), partial.zoneType(), partial.bbox(),
                partial.areaM2(), partial.blueGreenM2(), partial.blueGreenShare(), partial.forestM2(),
                partial.forestCover(), partial.forestStockM3(), partial.pvEligible(), partial.pvInstalled(),
                partial.pvCountShare(), partial.pvAreaShare(), partial.farmlandM2(), partial.farmlandMu(), targets);
    }

    private UnitMetrics.TargetStatus status(PlanTarget t, Double value, int currentYear) {
        String status;
        if (value == null) {
            status = "behind";
        } else if (value >= t.target()) {
            status = "met";
        } else if (currentYear < t.year() && value >= defs.onTrackShare() * t.target()) {
            status = "on_track";
        } else {
            status = "behind";
        }
        return new UnitMetrics.TargetStatus(t.indicator(), Map.of("zh", t.titleZh(), "en", t.titleEn()), t.target(),
                t.year(), value, value == null || t.target() == 0 ? null : value / t.target(), status, t.office());
    }

    static Double value(UnitMetrics m, String indicator) {
        return switch (indicator) {
            case "blueGreenShare" -> m.blueGreenShare();
            case "forestCover" -> m.forestCover();
            case "forestStockM3" -> m.forestStockM3();
            case "pvCountShare" -> m.pvCountShare();
            case "pvAreaShare" -> m.pvAreaShare();
            case "farmlandMu" -> m.farmlandMu();
            case "farmlandM2" -> m.farmlandM2();
            case "blueGreenM2" -> m.blueGreenM2();
            case "forestM2" -> m.forestM2();
            default -> throw new IllegalArgumentException("unknown indicator " + indicator);
        };
    }

    private static Double share(double part, double whole) {
        return whole > 0 ? Math.min(1.0, Math.max(0.0, part / whole)) : null;
    }

    /** Counts for the benchmark and logs. */
    Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("units", units.size());
        m.put("cells", grid.cellCount());
        m.put("landCoverBlueGreen", landCoverBlueGreen.size());
        m.put("forestPlots", plots.size());
        m.put("eligibleRooftops", roofs.size());
        return m;
    }

    @Override
    public String toString() {
        return "IndicatorModel" + sizes() + " cell " + Objects.toString(grid.cellSize()) + " m";
    }
}
