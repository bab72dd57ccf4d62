package cn.dongli.carbonmap.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.dongli.carbonmap.geom.io.GeoJsonWriter;

/**
 * Writes the Dongli sample data set: one GeoJSON FeatureCollection per layer ({@code <layer>.geojson}, RFC 7946,
 * CGCS2000 longitude/latitude, 7 decimals, UTF-8), the forest plots of each past survey season
 * ({@code forest_plots.<season>.geojson}) with the list of seasons ({@code seasons.json}), and a {@code README.md} that
 * says what the data is and what it adds up to.
 *
 * <p>Usage: {@code SampleDataWriter [directory] [--seed=N] [--scale=S]}; by default the directory is {@code gisdata},
 * the seed {@link DistrictGenerator#DEFAULT_SEED} and the scale {@link DistrictGenerator#SAMPLE_SCALE}.
 */
public final class SampleDataWriter {

    /** The command that regenerates the committed sample, run from the repository root. */
    public static final String COMMAND = "mvn -q -pl backend compile org.codehaus.mojo:exec-maven-plugin:3.6.4:exec"
            + " -Dexec.executable=java \"-Dexec.args=-cp %classpath cn.dongli.carbonmap.sample.SampleDataWriter"
            + " ../gisdata\"";

    private SampleDataWriter() {
    }

    /**
     * Generates and writes the sample data set.
     *
     * @param args the output directory (relative paths are resolved against the working directory), and optionally
     *             {@code --seed=N} and {@code --scale=S}
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("gisdata");
        long seed = DistrictGenerator.DEFAULT_SEED;
        double scale = DistrictGenerator.SAMPLE_SCALE;
        for (String arg : args) {
            if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring(7));
            } else if (arg.startsWith("--scale=")) {
                scale = Double.parseDouble(arg.substring(8));
            } else {
                dir = Path.of(arg);
            }
        }
        long start = System.nanoTime();
        SyntheticDistrict district = DistrictGenerator.generate(seed, scale);
        double seconds = (System.nanoTime() - start) / 1e9;
        write(district, dir);
        System.out.printf(Locale.ROOT, "wrote %s (seed %d, scale %s, generated in %.1f s): %s%n",
                dir.toAbsolutePath().normalize(), seed, scale, seconds, counts(district));
    }

    /**
     * Writes a data set into a directory (created if needed): the seven layer files, the survey seasons and the
     * README.
     *
     * @throws IOException if a file cannot be written
     */
    public static void write(SyntheticDistrict district, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String layer : SyntheticDistrict.LAYERS) {
            writeFeatures(district.features(layer), dir.resolve(layer + ".geojson"));
        }
        List<SampleSeasons.Season> seasons = SampleSeasons.of(district);
        for (SampleSeasons.Season season : seasons) {
            if (season.closed()) {
                writeFeatures(season.plots(), dir.resolve(season.file()));
            }
        }
        Files.writeString(dir.resolve(SEASONS_FILE), seasonsJson(seasons), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), readme(district, DistrictSummary.of(district), seasons),
                StandardCharsets.UTF_8);
    }

    /** The list of the sample's survey seasons, read by the loader. */
    static final String SEASONS_FILE = "seasons.json";

    private static void writeFeatures(List<GeneratedFeature> features, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            GeoJsonWriter writer = new GeoJsonWriter(out, 7);
            writer.startCollection();
            for (GeneratedFeature f : features) {
                writer.feature(null, f.geometry(), f.attributes(), null);
            }
            writer.endCollection(null);
            writer.close();
        }
    }

    /** {@code {"seasons": [{code, name, surveyDate, state, file}]}}, oldest first (codes and names need no escaping). */
    static String seasonsJson(List<SampleSeasons.Season> seasons) {
        StringBuilder sb = new StringBuilder("{\"seasons\": [\n");
        for (int i = 0; i < seasons.size(); i++) {
            SampleSeasons.Season s = seasons.get(i);
            sb.append(String.format(Locale.ROOT, "  {\"code\": \"%s\", \"name\": \"%s\", \"surveyDate\": \"%s\","
                    + " \"state\": \"%s\"%s}%s%n", s.code(), s.name(), s.surveyDate(), s.closed() ? "closed" : "open",
                    s.closed() ? ", \"file\": \"" + s.file() + "\"" : "", i + 1 < seasons.size() ? "," : ""));
        }
        return sb.append("]}\n").toString();
    }

    private static String counts(SyntheticDistrict d) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<GeneratedFeature>> e : d.layers().entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().size());
        }
        return sb.toString();
    }

    /** The README of a written data set. */
    static String readme(SyntheticDistrict d, DistrictSummary s, List<SampleSeasons.Season> seasons) {
        Map<String, Integer> c = s.counts();
        double pvShare = s.newPvInstalled() / (double) Math.max(1, s.newPvEligible());
        String text = """
                # Dongli sample data set (synthetic)

                The sample data set bundled with CarbonMap (packaged under `sample/` in the backend jar, for loading
                into an empty database when `carbonmap.load-sample` is on): the seven layers of a **synthetic Dongli
                District (东丽区), Tianjin**, one GeoJSON FeatureCollection per layer.

                **Nothing here is real geodata.** The real boundaries of the district and its streets carry no open
                licence, so they are not used. The outline, streets, control zones, rivers, roads, land cover, forest
                plots, parks, farmland projects and rooftops are an original design of the CarbonMap project, placed
                roughly where the real features are (the city edge in the west, the Hai River along the south, the
                Jinzhong River in the north, Dongli Lake in the north-east, the ecological barrier as a band through
                the centre and east) and drawn from a seeded generator. Street names and statistics codes, the names
                of the barrier's structure (一廊两芯两环六片区), of the five parks and of the two 2023 farmland projects
                are the real ones from the district's carbon-peak plan; all shapes, areas and other names are invented.
                Use it for demonstrations, tests and benchmarks, never as a map of Dongli.

                ## Files

                | File | Layer | Features |
                |---|---|---:|
                | `zones.geojson` | 管控区 and structure: 3 control levels (GL-1..3), 6 functional areas (PQ-01..06), corridor, 2 cores, 2 rings | %d |
                | `streets.geojson` | the ten 街道 with their 12-digit statistics codes | %d |
                | `land_cover.geojson` | land-cover coverage (10 classes; about 10 %% carry a GB/T 21010 `source_code`) | %d |
                | `forest_plots.geojson` | forest inventory plots (林地小班) | %d |
                | `parks.geojson` | parks and green spaces | %d |
                | `farmland.geojson` | high-standard farmland projects (高标准农田) | %d |
                | `pv_rooftops.geojson` | rooftops and their PV | %d |

                Coordinates are CGCS2000 longitude/latitude (EPSG:4490, which CarbonMap treats as equal to WGS 84 /
                RFC 7946 at this accuracy), rounded to 7 decimals; exterior rings are counter-clockwise. Properties are
                the attributes of the layer catalogue under their catalogue names; optional attributes that are empty
                are left out. Streets and land cover are each a valid polygonal coverage of the district (no gaps, no
                overlaps, shared edges vertex for vertex); forest plots, farmland projects and rooftops do not overlap
                among themselves; parks may overlap land cover and forest plots.

                ## Totals

                Areas are ground areas on the CGCS2000 ellipsoid (CarbonMap's equal-area projection).

                | Indicator | Sample | Plan target (2025) | |
                |---|---:|---:|---|
                | District area | %.1f km² | | |
                | Ecological barrier (levels 1–3) | %.1f km² (%.1f %% of the district) | | |
                | Level-1 zone (一级管控区) | %.1f km² (%.1f %% of the barrier) | | |
                | Blue-green share of the barrier, land cover alone | %.1f %% | | |
                | Blue-green share of level 1, land cover alone | %.1f %% | | |
                | Blue-green share of the barrier, with forest plots, built parks, farmland | %.1f %% | 65 %% | %s |
                | Blue-green share of level 1, with forest plots, built parks, farmland | %.1f %% | 85 %% | %s |
                | Forest plot area | %,.0f ha | | |
                | Forest cover of level 1 (plots with canopy closure ≥ 0.2) | %.1f %% | 27.5 %% | %s |
                | Forest stock in the barrier (in the whole district: %,.0f m³) | %,.0f m³ | ≥ 60,000 m³ | %s |
                | Accepted high-standard farmland | %,.0f 亩 | 27,000 亩 | %s |
                | New (built ≥ 2022) public-institution and factory roofs with PV | %d of %d (%.1f %%) | 50 %% | %s |
                | All roofs with PV | %,d roofs, %,.0f kWp | | |

                The indicators are measured as CarbonMap's indicator engine measures them by default
                (`carbonmap.metrics.*`): blue-green space is the land-cover classes forest, cropland, orchard,
                grassland, water, wetland and park_green, plus every forest plot, built parks and farmland projects of
                any status; forest is a plot with canopy closure ≥ 0.2; the stock target is taken over the barrier.

                Farmland projects: %s. Parks: %s. The plan's 2023 projects are there:
                金桥街2023年新建高标准农田项目 (800 亩) and 华明街赤土村高标准农田提升改造项目 (3,430 亩).

                ## How it is generated

                `cn.dongli.carbonmap.sample.DistrictGenerator.generate(seed, scale)` (seed %d, scale %s here). The
                fixed geography — outline, rivers, lakes, trunk roads, streets (warped Voronoi cells of invented
                seeds), the barrier band and its levels and areas — does not depend on seed or scale. Parks and
                farmland depend on the seed only. The land cover is a jittered lattice of about 20,000 × scale
                cells, cut along the outline, water, roads, parks and farmland in one snap-rounded arrangement on the
                7-decimal grid, with classes drawn from location-dependent weights and smooth noise. Forest plots
                (about 4,500 × scale) split forest and grassland cells, allotted by area so that the forest area and
                stock do not depend on the scale; rooftops (about 36,000 × scale) sit in slots of built cells. Scale 1
                gives about 20,000 land-cover polygons, 4,500 plots and 36,000 roofs.

                ## Regenerating

                From the repository root:

                ```
                %s
                ```

                `exec:exec` runs the writer in its own JVM with `backend/` as working directory, hence `../gisdata`.
                Options after the directory: `--seed=N`, `--scale=S` (e.g. `... ../gisdata --scale=1"`). The same
                seed and scale give the same files.
                """;
        text = String.format(Locale.ROOT, text,
                c.get(SyntheticDistrict.ZONES), c.get(SyntheticDistrict.STREETS), c.get(SyntheticDistrict.LAND_COVER),
                c.get(SyntheticDistrict.FOREST_PLOTS), c.get(SyntheticDistrict.PARKS), c.get(SyntheticDistrict.FARMLAND),
                c.get(SyntheticDistrict.PV_ROOFTOPS),
                s.districtKm2(), s.barrierKm2(), 100 * s.barrierKm2() / s.districtKm2(), s.level1Km2(),
                100 * s.level1Km2() / s.barrierKm2(), 100 * s.blueGreenBarrier(), 100 * s.blueGreenLevel1(),
                100 * s.blueGreenBarrierAllLayers(), met(s.blueGreenBarrierAllLayers() >= 0.65),
                100 * s.blueGreenLevel1AllLayers(), met(s.blueGreenLevel1AllLayers() >= 0.85), s.forestAreaHa(),
                100 * s.forestCoverLevel1(), met(s.forestCoverLevel1() >= 0.275), s.forestStockM3(),
                s.forestStockBarrierM3(), met(s.forestStockBarrierM3() >= 60_000), s.acceptedFarmlandMu(),
                met(s.acceptedFarmlandMu() >= 27_000),
                s.newPvInstalled(), s.newPvEligible(), 100 * pvShare, met(pvShare >= 0.5), s.pvInstalled(),
                s.pvCapacityKwp(), statuses(s.farmlandByStatus()), statuses(s.parksByStatus()), d.seed(),
                d.scale(), COMMAND);
        return text.replace("## How it is generated", seasonsSection(d, seasons) + "## How it is generated");
    }

    /** The README's section on the survey seasons. */
    private static String seasonsSection(SyntheticDistrict d, List<SampleSeasons.Season> seasons) {
        StringBuilder rows = new StringBuilder();
        for (SampleSeasons.Season s : seasons) {
            List<GeneratedFeature> plots = s.closed() ? s.plots() : d.features(SyntheticDistrict.FOREST_PLOTS);
            double stock = plots.stream().mapToDouble(f -> ((Number) f.attributes().get("stock_m3")).doubleValue())
                    .sum();
            long sparse = plots.stream().filter(f -> ((Number) f.attributes().get("canopy_closure")).doubleValue()
                    < 0.2).count();
            rows.append(String.format(Locale.ROOT, "| `%s` %s | %s | %s | %s | %d | %d | %,.0f m³ |%n", s.code(),
                    s.name(), s.surveyDate(), s.closed() ? "closed" : "open", s.closed() ? "`" + s.file() + "`"
                            : "the live `forest_plots` layer", plots.size(), sparse, stock));
        }
        return String.format(Locale.ROOT, """
                ## Survey seasons

                `seasons.json` lists the survey seasons (调查季) loaded with the data: two past autumn surveys of the
                forest plots, closed (frozen), and the current one, open, whose working copy is the live layer.

                | Season | Survey date | State | Plots from | Plots | Sparse (< 0.2) | Stock |
                |---|---|---|---|---:|---:|---:|
                %s
                The past plots are today's worked out backwards (`SampleSeasons`): the same shapes and plot codes, a
                year less growth per season (young stands up to about a tenth of their stock a year, older ones a few
                per cent), a canopy up to 0.02 more open. Plots planted in 2023 are not in the 2023 survey (forest
                gained); about half of the older plots that are sparse today were forest in 2023 with more stock and
                were thinned or damaged before 2024 (forest lost); a few young stands closed their canopy by more than
                0.1. Season indicators, the time series and the 2023 → 2024 change are thus non-empty from the first
                start.

                """, rows);
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    private static String statuses(Map<String, Integer> byStatus) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : byStatus.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
        }
        return sb.toString();
    }
}
