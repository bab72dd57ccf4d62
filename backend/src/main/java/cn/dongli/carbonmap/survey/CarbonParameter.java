package cn.dongli.carbonmap.survey;

/**
 * The volume-expansion parameters of one species (IPCC 2006 Vol. 4 ch. 4, eq. 2.8 and 4.5): carbon
 * {@code C = V × woodDensity × bef × (1 + rootShoot) × carbonFraction}, in t C for V in m³.
 *
 * @param species the species code of the forest plots layer
 * @param nameZh the species' Chinese name
 * @param woodDensity basic wood density, t dry matter per m³ of stem volume (基本木材密度)
 * @param bef biomass expansion factor from stem to above-ground biomass (生物量扩展因子)
 * @param rootShoot ratio of below- to above-ground biomass (根茎比)
 * @param carbonFraction carbon per tonne of dry matter (含碳率)
 * @param source where the values come from
 */
public record CarbonParameter(String species, String nameZh, double woodDensity, double bef, double rootShoot,
                              double carbonFraction, String source) {

    /** The ratio of the molecular masses of CO₂ and C. */
    public static final double CO2_PER_C = 44.0 / 12.0;

    /** Tonnes of carbon in one m³ of stock. */
    public double carbonPerM3() {
        return woodDensity * bef * (1 + rootShoot) * carbonFraction;
    }

    /** Tonnes of carbon in the given stock. */
    public double carbon(double stockM3) {
        return stockM3 * carbonPerM3();
    }
}
