package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.locationtech.jts.geom.Geometry;

/**
 * The smallest set of candidates, chosen greedily, whose areas together reach an amount: at every step the candidate
 * that adds the most beyond those already chosen (where candidates overlap, the common part counts once). Greedy
 * choice is not always the smallest set possible (that problem is NP-hard), but each step is the best one available
 * and the set is never more than a small factor off; planners read it as "the largest sites first".
 *
 * <p>Lazy evaluation: a candidate's gain can only shrink as others are chosen, so a candidate whose fresh gain still
 * beats every other's last known gain is the best one without recomputing the rest. Candidates of one group (e.g.
 * parcels of one layer that refuses overlaps) are known not to overlap one another: their gains are not overlaid
 * with each other, only with the chosen candidates of other groups.
 */
public final class GreedyCoverOp {

    /** Amounts within this (m²) of the need count as reaching it (rounding of sums). */
    private static final double EPSILON_M2 = 1e-6;

    /**
     * A chosen candidate.
     *
     * @param index its index in the list given
     * @param gain what it adds beyond the candidates chosen before it
     */
    public record Choice(int index, double gain) {
    }

    private GreedyCoverOp() {
    }

    /**
     * Chooses candidates until their gains reach {@code need} or nothing more can be gained.
     *
     * @param candidates what each candidate adds, cell by cell ({@link AddedAreaOp.Added})
     * @param need the amount to reach (m²); 0 or less chooses nothing
     * @return the choices in the order made
     */
    public static List<Choice> cover(List<AddedAreaOp.Added> candidates, double need) {
        return cover(candidates, new int[candidates.size()], need, false);
    }

    /**
     * {@link #cover(List, double)} for candidates in groups whose members do not overlap one another.
     *
     * @param groups each candidate's group
     */
    public static List<Choice> cover(List<AddedAreaOp.Added> candidates, int[] groups, double need) {
        return cover(candidates, groups, need, true);
    }

    private static List<Choice> cover(List<AddedAreaOp.Added> candidates, int[] groups, double need,
                                      boolean disjointGroups) {
        List<Choice> chosen = new ArrayList<>();
        if (need <= 0) {
            return chosen;
        }
        record Bound(int index, double gain) {
        }
        PriorityQueue<Bound> queue = new PriorityQueue<>((a, b) -> a.gain() != b.gain()
                ? Double.compare(b.gain(), a.gain()) : Integer.compare(a.index(), b.index()));
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).area() > 0) {
                queue.add(new Bound(i, candidates.get(i).area()));
            }
        }
        Map<Integer, List<Taken>> taken = new HashMap<>();
        double total = 0;
        while (!queue.isEmpty() && total < need - EPSILON_M2) {
            Bound top = queue.poll();
            AddedAreaOp.Added c = candidates.get(top.index());
            double gain = gain(c, disjointGroups ? groups[top.index()] : -1, taken);
            Bound next = queue.peek();
            if (next != null && gain < next.gain() - EPSILON_M2) {
                if (gain > 0) {
                    queue.add(new Bound(top.index(), gain));
                }
                continue;
            }
            if (gain <= 0) {
                continue;
            }
            chosen.add(new Choice(top.index(), gain));
            total += gain;
            for (AddedAreaOp.Piece p : c.pieces()) {
                taken.computeIfAbsent(p.cell(), k -> new ArrayList<>()).add(new Taken(groups[top.index()],
                        p.geometry()));
            }
        }
        return chosen;
    }

    private record Taken(int group, Geometry geometry) {
    }

    /** What a candidate adds beyond the chosen pieces (those of its own group skipped when {@code group} ≥ 0). */
    private static double gain(AddedAreaOp.Added c, int group, Map<Integer, List<Taken>> taken) {
        double gain = 0;
        for (AddedAreaOp.Piece p : c.pieces()) {
            List<Geometry> there = new ArrayList<>();
            for (Taken t : taken.getOrDefault(p.cell(), List.of())) {
                if (group < 0 || t.group() != group) {
                    there.add(t.geometry());
                }
            }
            gain += there.isEmpty() ? p.geometry().getArea() : AddedAreaOp.less(p.geometry(), there).getArea();
        }
        return gain;
    }
}
