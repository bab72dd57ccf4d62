package cn.dongli.carbonmap.pv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.layer.LayerChange;
import cn.dongli.carbonmap.metrics.MetricsEngine;
import cn.dongli.carbonmap.metrics.UnitRef;

/**
 * Every rooftop in a compact form (use, year, areas, PV, the units its point-on-surface lies in, as the indicator
 * engine places it), kept current by following the store's change log: a rooftop edit is applied on the next answer,
 * a zone or street edit places every rooftop again. Thread-safe.
 */
@Component
class RoofRegister {

    /**
     * A rooftop.
     *
     * @param id its id (negative: a scenario's new draft)
     * @param version its version
     * @param use building use
     * @param builtYear year built
     * @param roofAreaM2 roof area
     * @param installed whether it has PV
     * @param pvAreaM2 the PV area recorded, or NaN
     * @param kwp the capacity recorded, or NaN
     * @param lon its point-on-surface
     * @param lat its point-on-surface
     * @param units the indices of the units it lies in
     */
    record Roof(long id, int version, String use, int builtYear, double roofAreaM2, boolean installed,
                double pvAreaM2, double kwp, double lon, double lat, int[] units) {
    }

    /** The units and every rooftop, as of one moment. */
    record Snapshot(List<UnitRef> units, Map<Long, Roof> roofs) {
    }

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final MetricsEngine engine;

    private Map<String, Long> applied;
    private List<UnitRef> units;
    private List<PreparedGeometry> unitShapes;
    private STRtree index;
    private Map<Long, Roof> roofs;

    RoofRegister(FeatureStore store, LayerCatalog catalog, MetricsEngine engine) {
        this.store = store;
        this.catalog = catalog;
        this.engine = engine;
    }

    /** The rooftops and units now (after every committed write). */
    synchronized Snapshot snapshot() {
        Layer layer = catalog.get(LayerCatalog.PV_ROOFTOPS);
        List<Layer> followed = List.of(layer, catalog.get(LayerCatalog.ZONES), catalog.get(LayerCatalog.STREETS));
        Map<String, Long> now = store.lastChanges(followed);
        if (roofs == null || !now.get(LayerCatalog.ZONES).equals(applied.get(LayerCatalog.ZONES))
                || !now.get(LayerCatalog.STREETS).equals(applied.get(LayerCatalog.STREETS))) {
            reload(layer, now);
        } else if (!now.get(LayerCatalog.PV_ROOFTOPS).equals(applied.get(LayerCatalog.PV_ROOFTOPS))) {
            List<LayerChange> changes = store.changesSince(layer, applied.get(LayerCatalog.PV_ROOFTOPS));
            if (changes.stream().anyMatch(c -> c.featureId() == null)) {
                reload(layer, now);
            } else {
                Map<Long, Roof> next = new HashMap<>(roofs);
                for (LayerChange c : changes) {
                    next.remove(c.featureId());
                    if (c.op() != 'D') {
                        store.get(layer, c.featureId()).ifPresent(f -> next.put(f.id(), roof(f)));
                    }
                }
                roofs = Map.copyOf(next);
                applied = Map.copyOf(now);
            }
        }
        return new Snapshot(units, roofs);
    }

    /** A rooftop feature (live or a scenario's) in the register's form, placed in the current units. */
    synchronized Roof roof(Feature f) {
        return place(f);
    }

    private void reload(Layer layer, Map<String, Long> now) {
        List<MetricsEngine.UnitShape> shapes = engine.units();
        STRtree tree = new STRtree();
        List<PreparedGeometry> prepared = new ArrayList<>();
        List<UnitRef> refs = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            refs.add(shapes.get(i).ref());
            prepared.add(PreparedGeometryFactory.prepare(shapes.get(i).geometry()));
            tree.insert(shapes.get(i).geometry().getEnvelopeInternal(), i);
        }
        tree.build();
        this.units = List.copyOf(refs);
        this.unitShapes = prepared;
        this.index = tree;
        Map<Long, Roof> all = new HashMap<>();
        List<Feature> batch = new ArrayList<>(4096);
        store.forEach(layer, f -> {
            batch.add(f);
            if (batch.size() == 4096) {
                placeAll(batch, all);
            }
        });
        placeAll(batch, all);
        this.roofs = Map.copyOf(all);
        this.applied = Map.copyOf(now);
    }

    private void placeAll(List<Feature> batch, Map<Long, Roof> into) {
        batch.parallelStream().map(this::place).toList().forEach(r -> into.put(r.id(), r));
        batch.clear();
    }

    /** {@link #roof} without the lock: a reload places rooftops in parallel while it holds it. */
    private Roof place(Feature f) {
        Map<String, Object> a = f.attributes();
        Coordinate c = InteriorPointArea.getInteriorPoint(f.geometry());
        Point point = Geometries.STORAGE.createPoint(c);
        List<Integer> hit = new ArrayList<>();
        for (Object o : index.query(new Envelope(c))) {
            int u = (Integer) o;
            if (unitShapes.get(u).covers(point)) {
                hit.add(u);
            }
        }
        return new Roof(f.id(), f.version(), String.valueOf(a.get("building_use")),
                a.get("built_year") instanceof Number n ? n.intValue() : 0, number(a.get("roof_area_m2")),
                Boolean.TRUE.equals(a.get("pv_installed")), orNaN(a.get("pv_area_m2")), orNaN(a.get("pv_capacity_kwp")),
                c.x, c.y, hit.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    private static double orNaN(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
