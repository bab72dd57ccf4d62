package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GreedyCoverOpTest {

    private static final WKTReader WKT = new WKTReader(Geometries.PLANAR);

    private static AddedAreaOp.Added candidate(String wkt) throws ParseException {
        var g = WKT.read(wkt);
        return new AddedAreaOp.Added(List.of(new AddedAreaOp.Piece(0, g)), g.getArea());
    }

    @Test
    void theLargestComesFirstAndAnOverlapOfTwoCandidatesCountsOnce() throws ParseException {
        // 100 m², 80 m² overlapping the first by 40 m², 60 m² apart
        List<AddedAreaOp.Added> c = List.of(candidate("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"),
                candidate("POLYGON((6 0, 14 0, 14 10, 6 10, 6 0))"), candidate("POLYGON((20 0, 26 0, 26 10, 20 10, 20 0))"));
        List<GreedyCoverOp.Choice> chosen = GreedyCoverOp.cover(c, 150);
        // after the first, the second adds only 40 m²: the third (60 m²) is the better second choice
        assertThat(chosen).extracting(GreedyCoverOp.Choice::index).containsExactly(0, 2);
        assertThat(chosen.get(1).gain()).isCloseTo(60, within(1e-9));
        List<GreedyCoverOp.Choice> all = GreedyCoverOp.cover(c, 1000);
        assertThat(all.stream().mapToDouble(GreedyCoverOp.Choice::gain).sum()).isCloseTo(200, within(1e-9));
    }

    @Test
    void nothingIsChosenWhenNothingIsMissing() throws ParseException {
        assertThat(GreedyCoverOp.cover(List.of(candidate("POLYGON((0 0, 1 0, 1 1, 0 0))")), 0)).isEmpty();
    }

    @Test
    void candidatesOfOneGroupAreNotOverlaidWithEachOtherButWithOtherGroups() throws ParseException {
        List<AddedAreaOp.Added> c = List.of(candidate("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"),
                candidate("POLYGON((6 0, 14 0, 14 10, 6 10, 6 0))"));
        assertThat(GreedyCoverOp.cover(c, new int[] {1, 2}, 1000).get(1).gain()).isCloseTo(40, within(1e-9));
        assertThat(GreedyCoverOp.cover(c, new int[] {1, 1}, 1000).get(1).gain()).isCloseTo(80, within(1e-9));
    }
}
