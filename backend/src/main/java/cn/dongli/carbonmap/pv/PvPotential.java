package cn.dongli.carbonmap.pv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.metrics.Assumptions;
import cn.dongli.carbonmap.metrics.MetricsDefinitions;
import cn.dongli.carbonmap.metrics.PlanTarget;
import cn.dongli.carbonmap.metrics.UnitRef;

/**
 * Rooftop PV potential (屋顶光伏潜力) per unit: for every rooftop its usable area (roof area × the usable share of
 * its building use), the capacity modules there would have (× kWp per m²), their annual yield (× kWh per kWp) and the
 * CO₂ that yield avoids (× the grid's factor); installed capacity as recorded ({@code pv_capacity_kwp}) or, where
 * none is recorded, by the same model from the PV area (or the usable area). Per unit: the eligible rooftops of the
 * PV target (new public-institution and factory roofs), what they have and could have, the fewest of them (largest
 * first) that reach the target by count and by area, and the same for every rooftop.
 */
@Component
class PvPotential {

    private final RoofRegister register;
    private final PvParameters parameters;
    private final MetricsDefinitions defs;

    PvPotential(RoofRegister register, PvParameters parameters, MetricsDefinitions defs) {
        this.register = register;
        this.parameters = parameters;
        this.defs = defs;
    }

    /** The target share of eligible rooftops with PV (the plan's pvCountShare target; 50 %). */
    double target() {
        return defs.targets().stream().filter(t -> t.indicator().equals("pvCountShare")).mapToDouble(PlanTarget::target)
                .findFirst().orElse(0.5);
    }

    /** What one rooftop has and could have under the parameters. */
    record RoofFigures(RoofRegister.Roof roof, boolean eligible, double usableM2, Double installedKwp,
                       String kwpSource, double potentialKwp, double kwhPerKwp, double tPerMwh) {

        double potentialKwh() {
            return potentialKwp * kwhPerKwp;
        }

        double potentialCo2T() {
            return potentialKwh() / 1000 * tPerMwh;
        }
    }

    /**
     * Whether a unit reaches the target by adding roofs, largest usable area first.
     *
     * @param roofs how many more rooftops (all of those without PV when not reachable)
     * @param addedKwp their capacity
     * @param reachable whether that many reach the target
     */
    record ToTarget(int roofs, double addedKwp, boolean reachable) {
    }

    /** Sums over a set of rooftops. */
    record Totals(int roofs, int installedRoofs, int withoutPv, double installedKwp, double recordedKwp,
                  double modelledKwp, double potentialKwp, double pvAreaM2, double roofAreaM2) {
    }

    /** A unit's row. */
    record Row(UnitRef unit, Totals eligible, Totals all, ToTarget byCount, ToTarget byArea, double kwhPerKwp,
               double tPerMwh) {
    }

    /** The answer: the parameters used and a row per unit of the kinds asked. */
    record Answer(List<PvParameters.Parameter> parameters, PvParameters.Values values, List<Row> rows,
                  Row district) {
    }

    /**
     * The rows of the units of some kinds, live or with a scenario's rooftop drafts applied.
     *
     * @param kinds the unit kinds to answer (zone, level, barrier, street, district)
     * @param assumptions a scenario's assumptions, or null
     */
    Answer potential(List<String> kinds, Assumptions assumptions) {
        List<PvParameters.Parameter> params = parameters.all();
        PvParameters.Values v = parameters.values();
        RoofRegister.Snapshot s = register.snapshot();
        List<RoofFigures> figures = figures(roofs(s, assumptions), v);
        int n = s.units().size();
        List<List<RoofFigures>> byUnit = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byUnit.add(new ArrayList<>());
        }
        for (RoofFigures f : figures) {
            for (int u : f.roof().units()) {
                byUnit.get(u).add(f);
            }
        }
        List<Row> rows = new ArrayList<>();
        Row district = null;
        for (int i = 0; i < n; i++) {
            UnitRef ref = s.units().get(i);
            boolean asked = kinds.contains(ref.kind());
            if (asked || ref.kind().equals("district")) {
                Row row = row(ref, byUnit.get(i), v);
                if (asked) {
                    rows.add(row);
                }
                if (ref.kind().equals("district")) {
                    district = row;
                }
            }
        }
        return new Answer(params, v, rows, district);
    }

    /**
     * A unit's rooftops without PV, largest usable area first, with the ones that reach the target marked, by count
     * and by area (both sets are the first eligible rooftops of this order).
     *
     * @param everyRoof every rooftop (else the eligible ones only)
     * @return the unit, its rooftops ranked, and how many of the first eligible ones reach the target by count and by
     *         area
     * @throws ProblemException 404 when there is no such unit
     */
    Ranking ranking(String kind, String code, boolean everyRoof, Assumptions assumptions) {
        PvParameters.Values v = parameters.values();
        RoofRegister.Snapshot s = register.snapshot();
        int u = -1;
        for (int i = 0; i < s.units().size(); i++) {
            if (s.units().get(i).kind().equals(kind) && s.units().get(i).code().equals(code)) {
                u = i;
            }
        }
        if (u < 0) {
            throw ProblemException.notFound("unknown-unit", "there is no unit " + kind + " '" + code + "'");
        }
        int unit = u;
        List<RoofFigures> in = figures(roofs(s, assumptions), v).stream()
                .filter(f -> Arrays.stream(f.roof().units()).anyMatch(x -> x == unit)).toList();
        Row row = row(s.units().get(u), in, v);
        List<RoofFigures> ranked = in.stream().filter(f -> !f.roof().installed() && (everyRoof || f.eligible()))
                .sorted(BY_USABLE).toList();
        return new Ranking(s.units().get(u), row, ranked, row.byCount().roofs(), row.byArea().roofs());
    }

    /**
     * A unit's rooftops ranked; the first {@code targetRoofs} eligible ones reach the count target, the first
     * {@code targetRoofsByArea} the area target (or are all there are, when it cannot be reached).
     */
    record Ranking(UnitRef unit, Row row, List<RoofFigures> roofs, int targetRoofs, int targetRoofsByArea) {
    }

    private static final Comparator<RoofFigures> BY_USABLE = Comparator.comparingDouble((RoofFigures f) -> -f.usableM2())
            .thenComparingLong(f -> f.roof().id());

    /** The rooftops, with a scenario's drafts of rooftops in place of the live ones they change. */
    private Collection<RoofRegister.Roof> roofs(RoofRegister.Snapshot s, Assumptions assumptions) {
        if (assumptions == null) {
            return s.roofs().values();
        }
        List<Assumptions.Draft> drafts = assumptions.drafts(LayerCatalog.PV_ROOFTOPS);
        if (drafts.isEmpty()) {
            return s.roofs().values();
        }
        Map<Long, RoofRegister.Roof> all = new HashMap<>(s.roofs());
        for (Assumptions.Draft d : drafts) {
            if (d.liveId() != null) {
                RoofRegister.Roof live = all.get(d.liveId());
                // a draft whose live rooftop changed or went since is in conflict: the live rooftop stays
                if (live == null || d.liveVersion() == null || live.version() != d.liveVersion()) {
                    continue;
                }
                all.remove(d.liveId());
                if (d.feature() != null) {
                    all.put(d.liveId(), withId(register.roof(d.feature()), d.liveId()));
                }
            } else if (d.feature() != null) {
                all.put(-d.id(), withId(register.roof(d.feature()), -d.id()));
            }
        }
        return all.values();
    }

    private static RoofRegister.Roof withId(RoofRegister.Roof r, long id) {
        return new RoofRegister.Roof(id, r.version(), r.use(), r.builtYear(), r.roofAreaM2(), r.installed(),
                r.pvAreaM2(), r.kwp(), r.lon(), r.lat(), r.units());
    }

    private List<RoofFigures> figures(Collection<RoofRegister.Roof> roofs, PvParameters.Values v) {
        List<RoofFigures> out = new ArrayList<>(roofs.size());
        for (RoofRegister.Roof r : roofs) {
            boolean eligible = r.builtYear() >= defs.pvNewFromYear() && defs.pvBuildingUses().contains(r.use());
            double usable = r.roofAreaM2() * v.usable(r.use());
            Double installed = null;
            String source = null;
            if (r.installed()) {
                if (!Double.isNaN(r.kwp()) && r.kwp() > 0) {
                    installed = r.kwp();
                    source = "recorded";
                } else {
                    double area = !Double.isNaN(r.pvAreaM2()) && r.pvAreaM2() > 0 ? r.pvAreaM2() : usable;
                    installed = area * v.kwpPerM2();
                    source = "modelled";
                }
            }
            double potential = r.installed() ? 0 : usable * v.kwpPerM2();
            out.add(new RoofFigures(r, eligible, usable, installed, source, potential, v.kwhPerKwp(), v.tPerMwh()));
        }
        return out;
    }

    private Row row(UnitRef ref, List<RoofFigures> roofs, PvParameters.Values v) {
        List<RoofFigures> eligible = roofs.stream().filter(RoofFigures::eligible).toList();
        Totals e = totals(eligible);
        List<RoofFigures> open = eligible.stream().filter(f -> !f.roof().installed()).sorted(BY_USABLE).toList();
        double target = target();
        // by count: the fewest more rooftops that bring the share to the target
        int need = e.roofs() == 0 ? 0 : (int) Math.max(0, Math.ceil(target * e.roofs() - e.installedRoofs() - 1e-9));
        int take = Math.min(need, open.size());
        double kwp = 0;
        for (int i = 0; i < take; i++) {
            kwp += open.get(i).potentialKwp();
        }
        ToTarget byCount = new ToTarget(take, kwp, need <= open.size());
        // by area: PV area over roof area, each added rooftop bringing its usable area
        double pv = e.pvAreaM2();
        double goal = target * e.roofAreaM2();
        int added = 0;
        double addedKwp = 0;
        for (RoofFigures f : open) {
            if (pv >= goal - 1e-9) {
                break;
            }
            pv += f.usableM2();
            addedKwp += f.potentialKwp();
            added++;
        }
        ToTarget byArea = new ToTarget(added, addedKwp, pv >= goal - 1e-9);
        return new Row(ref, e, totals(roofs), byCount, byArea, v.kwhPerKwp(), v.tPerMwh());
    }

    private static Totals totals(List<RoofFigures> roofs) {
        int installedRoofs = 0;
        double installed = 0;
        double recorded = 0;
        double modelled = 0;
        double potential = 0;
        double pvArea = 0;
        double roofArea = 0;
        for (RoofFigures f : roofs) {
            if (f.roof().installed()) {
                installedRoofs++;
                installed += f.installedKwp();
                if ("recorded".equals(f.kwpSource())) {
                    recorded += f.installedKwp();
                } else {
                    modelled += f.installedKwp();
                }
            }
            potential += f.potentialKwp();
            pvArea += Double.isNaN(f.roof().pvAreaM2()) ? 0 : f.roof().pvAreaM2();
            roofArea += f.roof().roofAreaM2();
        }
        return new Totals(roofs.size(), installedRoofs, roofs.size() - installedRoofs, installed, recorded, modelled,
                potential, pvArea, roofArea);
    }
}
