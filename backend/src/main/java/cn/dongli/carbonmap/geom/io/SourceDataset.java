package cn.dongli.carbonmap.geom.io;

import java.util.List;

import cn.dongli.carbonmap.geom.Crs;

/**
 * The features of one file, in its own CRS.
 *
 * @param features the features in file order
 * @param crs the CRS the file declares, or {@code null} when it declares none
 * @param format a short name of the file format, e.g. {@code GeoJSON}
 */
public record SourceDataset(List<SourceFeature> features, Crs.Code crs, String format) {
}
