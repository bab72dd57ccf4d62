package cn.dongli.carbonmap.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
import cn.dongli.carbonmap.geom.UnitPartition;
import cn.dongli.carbonmap.geom.ZonalAreas;
import cn.dongli.carbonmap.layer.AttributeFilter;
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
    private final Map<String, Double> carbonPerM3;
    private final Grid grid;
    private final GridCut landCoverBlueGreen;
    private final GridCut plotsAll;
    private final GridCut plotsForest;
    private final GridCut parksBlueGreen;
    private final GridCut farmlandBlueGreen;
    private final GridCut farmlandAccepted;
    /** Every source, indexed by the {@code SOURCE_*} constants (a feature's {@link Prepared#sources} mask). */
    private final GridCut[] sources;
    private final Theme blueGreen;
    private final Theme forest;
    private final Theme farmland;

    private final Map<Long, Feature> zones = new HashMap<>();
    private final Map<Long, Feature> streets = new HashMap<>();
    private final Map<Long, Plot> plots = new HashMap<>();
    private final Map<Long, Roof> roofs = new HashMap<>();
    private List<Unit> units = List.of();
    private UnitPartition partition;
    private ZonalAreas blueGreenAreas;
    private ZonalAreas forestAreas;
    private ZonalAreas farmlandAreas;
    private STRtree unitIndex = new STRtree();
    /** Grows whenever the units are rebuilt (what depends on the partition must then be rebuilt too). */
    private long unitsVersion;

    static final int SOURCE_LAND_COVER_BLUE_GREEN = 0;
    static final int SOURCE_PLOTS_ALL = 1;
    static final int SOURCE_PLOTS_FOREST = 2;
    static final int SOURCE_PARKS_BLUE_GREEN = 3;
    static final int SOURCE_FARMLAND_BLUE_GREEN = 4;
    static final int SOURCE_FARMLAND_ACCEPTED = 5;

    /** A unit and its running figures (areas come from the partition and the zonal areas). */
    private static final class Unit {
        final UnitRef ref;
        final String zoneType;
        final Geometry lonLat;
        final PreparedGeometry preparedLonLat;
        double stock;
        double carbon;
        int pvEligible;
        int pvInstalled;
        double pvArea;
        double roofArea;

        Unit(UnitRef ref, String zoneType, Geometry lonLat) {
            this.ref = ref;
            this.zoneType = zoneType;
            this.lonLat = lonLat;
            this.preparedLonLat = PreparedGeometryFactory.prepare(lonLat);
        }
    }

    /** A forest plot: what it needs for stock and carbon, and what stock it added to which unit. */
    record Plot(Geometry planar, double area, double stock, double carbonPerM3, int[] units, double[] added) {
    }

    /** An eligible rooftop: its point-on-surface, PV state, and the units it counts in. */
    record Roof(Point point, boolean installed, double pvArea, double roofArea, int[] units) {
    }

    IndicatorModel(MetricsDefinitions defs, Map<String, Double> carbonPerM3, Envelope planarExtent, long areaPolygons,
                   double districtArea) {
        this.defs = defs;
        this.carbonPerM3 = Map.copyOf(carbonPerM3);
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
        this.sources = new GridCut[] {landCoverBlueGreen, plotsAll, plotsForest, parksBlueGreen, farmlandBlueGreen,
                farmlandAccepted};
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
        return build(defs, Map.of(), layers);
    }

    /** {@link #build(MetricsDefinitions, Map)} with carbon parameters (t C per m³ by species). */
    static IndicatorModel build(MetricsDefinitions defs, Map<String, Double> carbonPerM3,
                                Map<String, List<Feature>> layers) {
        long areaPolygons = AREA_LAYERS.stream().mapToLong(l -> layers.getOrDefault(l, List.of()).size()).sum();
        IndicatorModel model = start(defs, carbonPerM3, layers.getOrDefault(LayerCatalog.STREETS, List.of()),
                layers.getOrDefault(LayerCatalog.ZONES, List.of()), areaPolygons);
        for (Map.Entry<String, List<Feature>> e : layers.entrySet()) {
            if (!e.getKey().equals(LayerCatalog.STREETS) && !e.getKey().equals(LayerCatalog.ZONES)) {
                model.putAll(e.getValue());
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
    static IndicatorModel start(MetricsDefinitions defs, Map<String, Double> carbonPerM3, List<Feature> streets,
                                List<Feature> zones, long areaPolygons) {
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
        IndicatorModel model = new IndicatorModel(defs, carbonPerM3, extent, areaPolygons, districtArea);
        streets.forEach(model::put);
        zones.forEach(model::put);
        model.rebuildUnits();
        return model;
    }

    /**
     * The features of a layer the model needs: the others are not read when the model is built (an edit that makes a
     * feature count, such as a rooftop becoming new, is still applied as it comes).
     */
    static List<AttributeFilter> needed(MetricsDefinitions defs, String layer) {
        return switch (layer) {
            case LayerCatalog.LAND_COVER -> List.of(AttributeFilter.in("class", defs.blueGreenLandCover()));
            case LayerCatalog.PARKS -> List.of(AttributeFilter.in("status", defs.blueGreenParkStatuses()));
            case LayerCatalog.FARMLAND -> {
                if (defs.blueGreenFarmlandStatuses().isEmpty()) {
                    yield List.of();
                }
                List<String> statuses = new ArrayList<>(defs.blueGreenFarmlandStatuses());
                statuses.addAll(defs.farmlandStatuses());
                yield List.of(AttributeFilter.in("status", statuses));
            }
            case LayerCatalog.PV_ROOFTOPS -> List.of(AttributeFilter.atLeast("built_year", defs.pvNewFromYear()),
                    AttributeFilter.in("building_use", defs.pvBuildingUses()));
            default -> List.of();
        };
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

    /**
     * What putting one feature changes, worked out without touching the model (projection, cutting along the grid,
     * shares of units), so that many features can be prepared in parallel and then applied one by one.
     *
     * @param cut the feature cut along the grid, or null if it goes into no source
     * @param sources the sources it goes into, a bit per {@code SOURCE_*} index (the sources of its layer it does not
     *                go into must not hold it)
     * @param plot for a forest plot: its stock and carbon per unit
     * @param roof for an eligible rooftop: the units it counts in (null: it is not eligible)
     */
    record Prepared(Feature feature, GridCut.Cut cut, int sources, Plot plot, Roof roof) {
    }

    /** The sources a layer's features may go into, as a mask of {@code SOURCE_*} bits. */
    static int sourcesOf(String layer) {
        return switch (layer) {
            case LayerCatalog.LAND_COVER -> 1 << SOURCE_LAND_COVER_BLUE_GREEN;
            case LayerCatalog.FOREST_PLOTS -> 1 << SOURCE_PLOTS_ALL | 1 << SOURCE_PLOTS_FOREST;
            case LayerCatalog.PARKS -> 1 << SOURCE_PARKS_BLUE_GREEN;
            case LayerCatalog.FARMLAND -> 1 << SOURCE_FARMLAND_BLUE_GREEN | 1 << SOURCE_FARMLAND_ACCEPTED;
            default -> 0;
        };
    }

    /** Adds or replaces a feature of any layer. Units are rebuilt separately ({@link #rebuildUnits}). */
    void put(Feature f) {
        apply(prepare(f));
    }

    /** Adds or replaces many features: prepared in parallel, applied in order. */
    void putAll(List<Feature> features) {
        features.parallelStream().map(this::prepare).toList().forEach(this::apply);
    }

    /**
     * What a feature adds to the model, without changing it: thread-safe while the model is not changed.
     *
     * @throws IllegalStateException if the feature's polygon cannot be overlaid
     */
    Prepared prepare(Feature f) {
        try {
            Map<String, Object> a = f.attributes();
            return switch (f.layer()) {
                case LayerCatalog.LAND_COVER -> defs.blueGreenLandCover().contains(a.get("class"))
                        ? new Prepared(f, cutOf(f), 1 << SOURCE_LAND_COVER_BLUE_GREEN, null, null)
                        : new Prepared(f, null, 0, null, null);
                case LayerCatalog.PARKS -> defs.blueGreenParkStatuses().contains(a.get("status"))
                        ? new Prepared(f, cutOf(f), 1 << SOURCE_PARKS_BLUE_GREEN, null, null)
                        : new Prepared(f, null, 0, null, null);
                case LayerCatalog.FARMLAND -> {
                    Object status = a.get("status");
                    List<String> bg = defs.blueGreenFarmlandStatuses();
                    int in = (bg.isEmpty() || bg.contains(status) ? 1 << SOURCE_FARMLAND_BLUE_GREEN : 0)
                            | (defs.farmlandStatuses().contains(status) ? 1 << SOURCE_FARMLAND_ACCEPTED : 0);
                    yield new Prepared(f, in == 0 ? null : cutOf(f), in, null, null);
                }
                case LayerCatalog.FOREST_PLOTS -> {
                    Geometry planar = PLANE.project(f.geometry());
                    Object canopy = a.get("canopy_closure");
                    int in = 1 << SOURCE_PLOTS_ALL | (canopy instanceof Number n
                            && n.doubleValue() >= defs.forestCanopyMin() ? 1 << SOURCE_PLOTS_FOREST : 0);
                    yield new Prepared(f, landCoverBlueGreen.cut(planar), in, placePlot(planar,
                            number(a.get("stock_m3")), carbonPerM3(a.get("species"))), null);
                }
                case LayerCatalog.PV_ROOFTOPS -> new Prepared(f, null, 0, null, roof(f));
                default -> new Prepared(f, null, 0, null, null);
            };
        } catch (RuntimeException e) {
            throw new IllegalStateException("layer " + f.layer() + " feature " + f.id() + " cannot be overlaid: "
                    + e.getMessage(), e);
        }
    }

    private GridCut.Cut cutOf(Feature f) {
        // every source shares the grid, so one cut serves them all
        return landCoverBlueGreen.cut(PLANE.project(f.geometry()));
    }

    private void apply(Prepared p) {
        Feature f = p.feature();
        long id = f.id();
        switch (f.layer()) {
            case LayerCatalog.ZONES -> zones.put(id, f);
            case LayerCatalog.STREETS -> streets.put(id, f);
            case LayerCatalog.FOREST_PLOTS -> {
                removePlot(id);
                putInSources(p);
                plots.put(id, p.plot());
                addStock(p.plot(), +1);
            }
            case LayerCatalog.PV_ROOFTOPS -> {
                removeRoof(id);
                if (p.roof() != null) {
                    roofs.put(id, p.roof());
                    addRoof(p.roof(), +1);
                }
            }
            default -> putInSources(p);
        }
    }

    private void putInSources(Prepared p) {
        distribute(p, (i, id, cut) -> sources[i].put(id, cut), (i, id) -> sources[i].remove(id));
    }

    /** Puts a feature's pieces into the {@code SOURCE_*}-th source (of the model, or of a scenario's variant). */
    interface Put {
        void put(int source, long id, GridCut.Cut cut);
    }

    /** Takes a feature out of the {@code SOURCE_*}-th source. */
    interface Remove {
        void remove(int source, long id);
    }

    /** Puts a prepared feature into the sources of its layer it goes into, and takes it out of the others. */
    static void distribute(Prepared p, Put put, Remove remove) {
        int layerSources = sourcesOf(p.feature().layer());
        for (int i = 0; (layerSources >> i) != 0; i++) {
            if ((layerSources & 1 << i) != 0) {
                if ((p.sources() & 1 << i) != 0) {
                    put.put(i, p.feature().id(), p.cut());
                } else {
                    remove.remove(i, p.feature().id());
                }
            }
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

    private double carbonPerM3(Object species) {
        Double f = carbonPerM3.get(String.valueOf(species));
        return f != null ? f : carbonPerM3.getOrDefault("other", 0.0);
    }

    /** A plot's share of each unit's stock, without changing the units. */
    private Plot placePlot(Geometry planar, double stock, double carbonFactor) {
        double area = planar.getArea();
        List<Integer> hit = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        if (stock != 0 && area > 0) {
            for (Object o : unitIndex.query(planar.getEnvelopeInternal())) {
                int u = (Integer) o;
                PreparedGeometry prepared = partition.prepared(u);
                double share;
                if (coversAllCells(u, planar)) {
                    share = 1;
                } else if (prepared.covers(planar)) {
                    share = 1;
                } else if (prepared.intersects(planar)) {
                    share = Overlays.intersection(planar, partition.unit(u)).getArea() / area;
                } else {
                    continue;
                }
                hit.add(u);
                added.add(stock * share);
            }
        }
        return new Plot(planar, area, stock, carbonFactor, hit.stream().mapToInt(Integer::intValue).toArray(),
                added.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Whether the unit covers every grid cell the polygon's envelope touches (then it covers the polygon). */
    private boolean coversAllCells(int u, Geometry planar) {
        for (int cell : grid.cells(planar.getEnvelopeInternal())) {
            if (!partition.coversCell(u, cell)) {
                return false;
            }
        }
        return true;
    }

    private void addStock(Plot plot, int sign) {
        for (int i = 0; i < plot.units().length; i++) {
            Unit unit = units.get(plot.units()[i]);
            unit.stock += sign * plot.added()[i];
            unit.carbon += sign * plot.added()[i] * plot.carbonPerM3();
        }
    }

    private void removePlot(long id) {
        Plot old = plots.remove(id);
        plotsAll.remove(id);
        plotsForest.remove(id);
        if (old != null) {
            addStock(old, -1);
        }
    }

    /** An eligible rooftop and the units it counts in, or null if it is not eligible. */
    private Roof roof(Feature f) {
        Map<String, Object> a = f.attributes();
        Object year = a.get("built_year");
        boolean eligible = year instanceof Number n && n.intValue() >= defs.pvNewFromYear()
                && defs.pvBuildingUses().contains(a.get("building_use"));
        if (!eligible) {
            return null;
        }
        // point-on-surface of the stored longitude/latitude polygon, as PostGIS's ST_PointOnSurface takes it
        Coordinate c = InteriorPointArea.getInteriorPoint(f.geometry());
        Point point = f.geometry().getFactory().createPoint(c);
        return placeRoof(new Roof(point, Boolean.TRUE.equals(a.get("pv_installed")), number(a.get("pv_area_m2")),
                number(a.get("roof_area_m2")), new int[0]));
    }

    /** The units a rooftop's point lies in, without changing the units. */
    private Roof placeRoof(Roof roof) {
        Envelope env = PLANE.project(roof.point()).getEnvelopeInternal();
        List<Integer> hit = new ArrayList<>();
        for (Object o : unitIndex.query(env)) {
            int u = (Integer) o;
            if (units.get(u).preparedLonLat.covers(roof.point())) {
                hit.add(u);
            }
        }
        return new Roof(roof.point(), roof.installed(), roof.pvArea(), roof.roofArea(),
                hit.stream().mapToInt(Integer::intValue).toArray());
    }

    private void addRoof(Roof roof, int sign) {
        for (int u : roof.units()) {
            Unit unit = units.get(u);
            unit.pvEligible += sign;
            unit.pvInstalled += roof.installed() ? sign : 0;
            unit.pvArea += sign * roof.pvArea();
            unit.roofArea += sign * roof.roofArea();
        }
    }

    private void removeRoof(long id) {
        Roof old = roofs.remove(id);
        if (old != null) {
            addRoof(old, -1);
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
        List<Geometry> planar = sources.parallelStream().map(src -> {
            Geometry g = PLANE.project(src.lonLat());
            if (!grid.covers(g.getEnvelopeInternal())) {
                throw new IllegalStateException("unit " + src.ref().code() + " lies outside the engine's grid");
            }
            return g;
        }).toList();
        List<Unit> built = sources.stream().map(src -> new Unit(src.ref(), src.zoneType(), src.lonLat())).toList();
        UnitPartition cut = new UnitPartition(grid, planar);
        STRtree index = new STRtree();
        for (int i = 0; i < built.size(); i++) {
            index.insert(planar.get(i).getEnvelopeInternal(), i);
        }
        index.build();
        this.units = built;
        this.partition = cut;
        this.blueGreenAreas = new ZonalAreas(cut, blueGreen);
        this.forestAreas = new ZonalAreas(cut, forest);
        this.farmlandAreas = new ZonalAreas(cut, farmland);
        this.unitIndex = index;
        this.unitsVersion++;
        for (Map.Entry<Long, Plot> e : plots.entrySet()) {
            e.setValue(placePlot(e.getValue().planar(), e.getValue().stock(), e.getValue().carbonPerM3()));
            addStock(e.getValue(), +1);
        }
        for (Map.Entry<Long, Roof> e : roofs.entrySet()) {
            e.setValue(placeRoof(e.getValue()));
            addRoof(e.getValue(), +1);
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

    /**
     * The running values of every unit, indexed like the units: the areas of the themes (computing what changed
     * since the last call, cells in parallel), stock, carbon and the rooftops.
     */
    record Values(double[] blueGreen, double[] forest, double[] farmland, double[] stock, double[] carbon,
                  int[] pvEligible, int[] pvInstalled, double[] pvArea, double[] roofArea) {

        Values copy() {
            return new Values(blueGreen.clone(), forest.clone(), farmland.clone(), stock.clone(), carbon.clone(),
                    pvEligible.clone(), pvInstalled.clone(), pvArea.clone(), roofArea.clone());
        }

        /** Adds (sign +1) or takes away (-1) what a forest plot adds to the units' stock and carbon. */
        void add(Plot plot, int sign) {
            for (int i = 0; i < plot.units().length; i++) {
                stock[plot.units()[i]] += sign * plot.added()[i];
                carbon[plot.units()[i]] += sign * plot.added()[i] * plot.carbonPerM3();
            }
        }

        /** Adds (sign +1) or takes away (-1) an eligible rooftop. */
        void add(Roof roof, int sign) {
            for (int u : roof.units()) {
                pvEligible[u] += sign;
                pvInstalled[u] += roof.installed() ? sign : 0;
                pvArea[u] += sign * roof.pvArea();
                roofArea[u] += sign * roof.roofArea();
            }
        }
    }

    /** The running values of every unit (see {@link Values}). */
    Values values() {
        int n = units.size();
        Values v = new Values(blueGreenAreas.areas(), forestAreas.areas(), farmlandAreas.areas(), new double[n],
                new double[n], new int[n], new int[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            v.stock()[i] = u.stock;
            v.carbon()[i] = u.carbon;
            v.pvEligible()[i] = u.pvEligible;
            v.pvInstalled()[i] = u.pvInstalled;
            v.pvArea()[i] = u.pvArea;
            v.roofArea()[i] = u.roofArea;
        }
        return v;
    }

    /** The figures of every unit, computing what changed since the last call (cells in parallel). */
    List<UnitMetrics> compute(int currentYear) {
        return figures(values(), currentYear);
    }

    /**
     * The figures of every unit from their values, each target's status judged for a year (the current one, or a
     * scenario's).
     */
    List<UnitMetrics> figures(Values v, int year) {
        List<UnitMetrics> out = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            out.add(figures(units.get(i), i, partition.area(i), v, year));
        }
        return out;
    }

    private UnitMetrics figures(Unit u, int i, double area, Values v, int year) {
        double bg = v.blueGreen()[i];
        double fo = v.forest()[i];
        double fa = v.farmland()[i];
        double stock = Math.max(0, v.stock()[i]);
        double carbon = Math.max(0, v.carbon()[i]);
        int eligible = v.pvEligible()[i];
        int installed = v.pvInstalled()[i];
        Envelope e = u.lonLat.getEnvelopeInternal();
        UnitMetrics partial = new UnitMetrics(u.ref.kind(), u.ref.code(), u.ref.name(), u.zoneType,
                new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()}, area, bg, share(bg, area), fo,
                share(fo, area), stock, carbon, carbon * 44 / 12, eligible, installed, share(installed, eligible),
                share(v.pvArea()[i], v.roofArea()[i]), fa, fa / MetricsDefinitions.M2_PER_MU, List.of());
        List<UnitMetrics.TargetStatus> targets = new ArrayList<>();
        for (PlanTarget t : defs.targets()) {
            if (t.appliesTo(u.ref)) {
                targets.add(status(t, partial, v.pvArea()[i], v.roofArea()[i], year));
            }
        }
        return new UnitMetrics(partial.unit(), partial.code(), partial.name(), partial.zoneType(), partial.bbox(),
                partial.areaM2(), partial.blueGreenM2(), partial.blueGreenShare(), partial.forestM2(),
                partial.forestCover(), partial.forestStockM3(), partial.carbonT(), partial.co2T(), partial.pvEligible(),
                partial.pvInstalled(),
                partial.pvCountShare(), partial.pvAreaShare(), partial.farmlandM2(), partial.farmlandMu(), targets);
    }

    /**
     * Where a unit stands against a target in a year: met when reached; on track when the target is not yet due in
     * that year and the value reaches the on-track share of it; behind otherwise.
     */
    private UnitMetrics.TargetStatus status(PlanTarget t, UnitMetrics m, double pvArea, double roofArea, int year) {
        Double value = value(m, t.indicator());
        String status;
        if (value == null) {
            status = "behind";
        } else if (value >= t.target()) {
            status = "met";
        } else if (year < t.year() && value >= defs.onTrackShare() * t.target()) {
            status = "on_track";
        } else {
            status = "behind";
        }
        return new UnitMetrics.TargetStatus(t.indicator(), Map.of("zh", t.titleZh(), "en", t.titleEn()), t.target(),
                t.year(), value, value == null || t.target() == 0 ? null : value / t.target(), status, t.office(),
                gap(t, m, pvArea, roofArea));
    }

    /**
     * What is missing to reach a target, or by how much it is exceeded, in the quantity a planner acts on: m² of
     * blue-green space, forest or farmland (a share of the unit's area, or 亩 of farmland, as area), m³ of stock,
     * rooftops with PV, m² of PV; null when the unit has nothing to measure the share against.
     */
    static UnitMetrics.Gap gap(PlanTarget t, UnitMetrics m, double pvArea, double roofArea) {
        double have;
        double need;
        String unit = "m2";
        switch (t.indicator()) {
            case "blueGreenShare", "forestCover" -> {
                if (m.areaM2() <= 0) {
                    return null;
                }
                have = t.indicator().equals("forestCover") ? m.forestM2() : m.blueGreenM2();
                need = t.target() * m.areaM2();
            }
            case "pvCountShare" -> {
                if (m.pvEligible() == 0) {
                    return null;
                }
                double needed = t.target() * m.pvEligible();
                // whole roofs: the fewest more that reach the share, the most that could go without losing it
                return new UnitMetrics.Gap("roofs", Math.max(0, Math.ceil(needed - m.pvInstalled() - 1e-9)),
                        Math.max(0, Math.floor(m.pvInstalled() - needed + 1e-9)));
            }
            case "pvAreaShare" -> {
                if (roofArea <= 0) {
                    return null;
                }
                have = pvArea;
                need = t.target() * roofArea;
            }
            case "farmlandMu" -> {
                have = m.farmlandM2();
                need = t.target() * MetricsDefinitions.M2_PER_MU;
            }
            case "forestStockM3" -> {
                have = m.forestStockM3();
                need = t.target();
                unit = "m3";
            }
            case "carbonT", "co2T" -> {
                have = value(m, t.indicator());
                need = t.target();
                unit = "t";
            }
            default -> {
                have = value(m, t.indicator());
                need = t.target();
            }
        }
        return new UnitMetrics.Gap(unit, Math.max(0, need - have), Math.max(0, have - need));
    }

    static Double value(UnitMetrics m, String indicator) {
        return switch (indicator) {
            case "blueGreenShare" -> m.blueGreenShare();
            case "forestCover" -> m.forestCover();
            case "forestStockM3" -> m.forestStockM3();
            case "carbonT" -> m.carbonT();
            case "co2T" -> m.co2T();
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

    /** The units with their longitude/latitude polygons. */
    List<MetricsEngine.UnitShape> unitShapes() {
        return units.stream().map(u -> new MetricsEngine.UnitShape(u.ref, u.lonLat)).toList();
    }

    // --- candidate sites -------------------------------------------------------------------------------------------

    /** The index of a unit, or -1 if the model has no unit of that kind and code. */
    int unitIndex(String kind, String code) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).ref.kind().equals(kind) && units.get(i).ref.code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    UnitPartition partition() {
        return partition;
    }

    /** A longitude/latitude polygon cut along the grid (thread-safe). */
    GridCut.Cut cut(Geometry lonLat) {
        return landCoverBlueGreen.cut(PLANE.project(lonLat));
    }

    /**
     * What counts in a cell, live or in a scenario's variant: the parts of the themes and the pieces of the sources
     * named (polygons that may overlap each other: each is taken away). May run in parallel for different cells.
     */
    List<Geometry> counted(java.util.Set<Counted> what, ModelVariant variant, int cell) {
        List<Geometry> out = new ArrayList<>();
        for (Counted c : what) {
            switch (c) {
                case BLUE_GREEN -> out.addAll(variant == null ? blueGreen.parts(cell)
                        : variant.blueGreenTheme().parts(cell));
                case FOREST -> out.addAll(variant == null ? forest.parts(cell) : variant.forestTheme().parts(cell));
                case FOREST_PLOTS -> out.addAll(pieces(variant, SOURCE_PLOTS_ALL, cell));
                case FARMLAND -> {
                    out.addAll(pieces(variant, SOURCE_FARMLAND_BLUE_GREEN, cell));
                    out.addAll(pieces(variant, SOURCE_FARMLAND_ACCEPTED, cell));
                }
                case FARMLAND_BUILT -> out.addAll(pieces(variant, SOURCE_FARMLAND_ACCEPTED, cell));
            }
        }
        return out;
    }

    /** A source's pieces in a cell, one per feature (a candidate is overlaid only with those near it). */
    private java.util.Collection<Geometry> pieces(ModelVariant variant, int source, int cell) {
        return (variant == null ? sources[source] : variant.source(source)).piecesIn(cell);
    }

    // --- what a variant reads (ModelVariant) ---------------------------------------------------------------------

    /** The sources, indexed by the {@code SOURCE_*} constants. */
    GridCut source(int i) {
        return sources[i];
    }

    int sourceCount() {
        return sources.length;
    }

    Theme blueGreen() {
        return blueGreen;
    }

    Theme forest() {
        return forest;
    }

    Theme farmland() {
        return farmland;
    }

    ZonalAreas blueGreenAreas() {
        return blueGreenAreas;
    }

    ZonalAreas forestAreas() {
        return forestAreas;
    }

    ZonalAreas farmlandAreas() {
        return farmlandAreas;
    }

    /** A forest plot's share of the units' stock, or null if the model has no plot of that id. */
    Plot plot(long id) {
        return plots.get(id);
    }

    /** An eligible rooftop, or null if the model has no eligible rooftop of that id. */
    Roof roof(long id) {
        return roofs.get(id);
    }

    /** Grows whenever the units are rebuilt. */
    long unitsVersion() {
        return unitsVersion;
    }

    /** Counts for the benchmark and logs. */
    Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("units", units.size());
        m.put("cells", grid.cellCount());
        m.put("faces", partition == null ? 0 : partition.faceCount());
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
