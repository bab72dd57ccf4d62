package cn.dongli.carbonmap.sample;

/**
 * @param loadSample whether an empty database receives the sample data set on start
 */
public record SampleSettings(boolean loadSample) {
}
