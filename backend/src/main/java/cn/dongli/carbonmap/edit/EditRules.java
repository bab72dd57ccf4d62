package cn.dongli.carbonmap.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.geom.EditChecks;
import cn.dongli.carbonmap.geom.GeometryProblem;
import cn.dongli.carbonmap.geom.Overlays;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;

/**
 * The rules that look at the other features of the district: a feature may not overlap the layer's other features
 * (where the layer refuses overlaps) and must lie inside the district (the union of the streets). Run under the
 * layer's write lock, so that what they checked is still true when the write commits.
 */
@Component
class EditRules {

    private static final int MAX_NEIGHBOURS = 2000;

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final EditSettings settings;
    private long districtSeq = -1;
    private EditChecks.Area district;

    EditRules(FeatureStore store, LayerCatalog catalog, EditSettings settings) {
        this.store = store;
        this.catalog = catalog;
        this.settings = settings;
    }

    /** The problems of one feature against the stored ones (the features in {@code exclude} are not compared). */
    List<GeometryProblem> problems(Layer layer, FeatureDraft draft, Set<Long> exclude) {
        return problems(layer, draft, exclude, List.of());
    }

    /**
     * The problems of one feature in a view of the layer other than the stored one (a planning scenario's): the
     * stored features but those in {@code exclude}, and {@code others} (under negative ids: minus the draft's id).
     */
    List<GeometryProblem> problems(Layer layer, FeatureDraft draft, Set<Long> exclude, List<Feature> others) {
        List<GeometryProblem> problems = new ArrayList<>();
        GeometryProblem outside = outside(layer, draft.geometry());
        if (outside != null) {
            problems.add(outside);
        }
        if (layer.editing().overlap() != Layer.Overlap.ALLOW) {
            Map<Long, Geometry> candidates = new LinkedHashMap<>();
            Map<Long, String> labels = new HashMap<>();
            for (Feature f : store.findIntersecting(layer, draft.geometry(), MAX_NEIGHBOURS)) {
                if (!exclude.contains(f.id()) && sameGroup(layer, f.attributes(), draft.attributes())) {
                    candidates.put(f.id(), f.geometry());
                    labels.put(f.id(), label(layer, f.id(), f.attributes()));
                }
            }
            Envelope env = draft.geometry().getEnvelopeInternal();
            for (Feature f : others) {
                if (f.geometry().getEnvelopeInternal().intersects(env)
                        && sameGroup(layer, f.attributes(), draft.attributes())) {
                    candidates.put(f.id(), f.geometry());
                    // drafts come under negative ids (-draft id): named as the scenario's drafts
                    labels.put(f.id(), label(layer, -f.id(), f.attributes()).replaceFirst("^feature", "draft"));
                }
            }
            problems.addAll(EditChecks.overlaps(draft.geometry(), candidates, labels, settings.tolerance()));
        }
        return problems;
    }

    /**
     * The problems of an import, by index: each feature against the district, the others of the import and (when
     * appending) the stored features.
     */
    Map<Integer, List<GeometryProblem>> batchProblems(Layer layer, List<FeatureDraft> drafts, boolean replace) {
        Map<Integer, List<GeometryProblem>> out = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            GeometryProblem outside = outside(layer, drafts.get(i).geometry());
            if (outside != null) {
                out.computeIfAbsent(i, k -> new ArrayList<>()).add(outside);
            }
        }
        if (layer.editing().overlap() == Layer.Overlap.ALLOW || drafts.isEmpty()) {
            return out;
        }
        STRtree index = new STRtree();
        Envelope all = new Envelope();
        for (int i = 0; i < drafts.size(); i++) {
            Envelope e = drafts.get(i).geometry().getEnvelopeInternal();
            index.insert(e, i);
            all.expandToInclude(e);
        }
        List<Feature> stored = new ArrayList<>();
        if (!replace) {
            store.forEach(layer, f -> {
                if (f.geometry().getEnvelopeInternal().intersects(all)) {
                    stored.add(f);
                }
            });
        }
        STRtree storedIndex = new STRtree();
        for (Feature f : stored) {
            storedIndex.insert(f.geometry().getEnvelopeInternal(), f);
        }
        for (int i = 0; i < drafts.size(); i++) {
            FeatureDraft d = drafts.get(i);
            Map<Long, Geometry> candidates = new LinkedHashMap<>();
            Map<Long, String> labels = new HashMap<>();
            for (Object o : index.query(d.geometry().getEnvelopeInternal())) {
                int j = (Integer) o;
                if (j > i && sameGroup(layer, drafts.get(j).attributes(), d.attributes())) {
                    // negative keys: other features of the same import, by index
                    candidates.put(-1L - j, drafts.get(j).geometry());
                    labels.put(-1L - j, "feature " + j + " of this import");
                }
            }
            for (Object o : storedIndex.query(d.geometry().getEnvelopeInternal())) {
                Feature f = (Feature) o;
                if (sameGroup(layer, f.attributes(), d.attributes())) {
                    candidates.put(f.id(), f.geometry());
                    labels.put(f.id(), label(layer, f.id(), f.attributes()));
                }
            }
            List<GeometryProblem> overlaps = EditChecks.overlaps(d.geometry(), candidates, labels,
                    settings.tolerance());
            if (!overlaps.isEmpty()) {
                out.computeIfAbsent(i, k -> new ArrayList<>()).addAll(overlaps);
            }
        }
        return out;
    }

    private static boolean sameGroup(Layer layer, Map<String, Object> a, Map<String, Object> b) {
        return layer.editing().overlap() != Layer.Overlap.REFUSE_SAME_ZONE_TYPE
                || Objects.equals(a.get("zone_type"), b.get("zone_type"));
    }

    private static String label(Layer layer, long id, Map<String, Object> attributes) {
        for (String key : List.of("plot_code", "code", "name", "project")) {
            if (attributes.get(key) != null) {
                return "feature " + id + " (" + attributes.get(key) + ")";
            }
        }
        return "feature " + id + " of " + layer.name();
    }

    private GeometryProblem outside(Layer layer, Geometry g) {
        if (layer.name().equals(LayerCatalog.STREETS)) {
            return null;
        }
        EditChecks.Area d = district();
        return d == null ? null : EditChecks.outside(g, d, settings.tolerance());
    }

    /** The district: the union of the streets, recomputed when anything was written since. */
    private synchronized EditChecks.Area district() {
        long seq = store.lastChange(catalog.get(LayerCatalog.STREETS));
        if (seq != districtSeq) {
            List<Geometry> streets = new ArrayList<>();
            store.forEach(catalog.get(LayerCatalog.STREETS), f -> streets.add(f.geometry()));
            district = streets.isEmpty() ? null
                    : EditChecks.Area.of(Overlays.union(streets, streets.get(0).getFactory()));
            districtSeq = seq;
        }
        return district;
    }
}
