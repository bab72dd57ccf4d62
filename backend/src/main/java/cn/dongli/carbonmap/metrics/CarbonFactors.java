package cn.dongli.carbonmap.metrics;

import java.util.Map;

/**
 * How much carbon a cubic metre of stock holds, per species: {@code wood density × BEF × (1 + root-to-shoot ratio) ×
 * carbon fraction} (t C per m³, the volume-expansion method of IPCC 2006 Vol. 4 ch. 4). Supplied by the survey
 * feature from its editable parameter table.
 */
public interface CarbonFactors {

    /** Tonnes of carbon per m³ of stock, by species code; the entry {@code other} serves species without one. */
    Map<String, Double> tonnesCarbonPerM3();

    /** Grows whenever the parameters change, so that figures computed with older ones are dropped. */
    long version();

    /** No parameters: carbon is not computed (0). */
    CarbonFactors NONE = new CarbonFactors() {
        @Override
        public Map<String, Double> tonnesCarbonPerM3() {
            return Map.of();
        }

        @Override
        public long version() {
            return 0;
        }
    };
}
