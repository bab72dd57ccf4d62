/**
 * The Dongli sample data set: an original, synthetic district and its loading into an empty database.
 *
 * <p>The generator ({@link cn.dongli.carbonmap.sample.DistrictGenerator}) makes all seven CarbonMap layers from a seed
 * and a scale, for the sample data set, tests and benchmarks; {@link cn.dongli.carbonmap.sample.DistrictSummary}
 * measures the plan's indicators on what it makes and {@link cn.dongli.carbonmap.sample.SampleDataWriter} writes the
 * committed {@code gisdata/} files. Nothing is copied from real boundary files, which carry no open licence: the
 * district is designed here, placed roughly where the real one is. The generator uses only the JDK, JTS and the
 * {@code geom} packages — no Spring. Shapes are designed in the district's equal-area plane and stored as CGCS2000
 * longitude/latitude on the 7-decimal grid; the coverages (streets, land cover) are noded on that grid, so they stay
 * valid coverages in the files.
 *
 * <p>{@code SampleDataLoader} loads the files packed into the jar into an empty database on first start, through the
 * same importer and validation as any upload.
 */
package cn.dongli.carbonmap.sample;
