package cn.dongli.carbonmap.sample;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code sampleData} component of readiness: out of service while the first start loads the sample data; after
 * a failed load {@code SAMPLE_DATA_FAILED} with the reason — which leaves readiness up (the server serves, on the
 * database as it was) but says so to whoever looks.
 */
@Component
class SampleDataHealthIndicator implements HealthIndicator {

    /** A status of its own: not in the aggregation order, so it does not take readiness down. */
    static final String FAILED = "SAMPLE_DATA_FAILED";

    private final SampleLoad load;

    SampleDataHealthIndicator(SampleLoad load) {
        this.load = load;
    }

    @Override
    public Health health() {
        return switch (load.state()) {
            case LOADING -> Health.status(new Status(Status.OUT_OF_SERVICE.getCode(), "loading the sample data"))
                    .build();
            case FAILED -> Health.status(new Status(FAILED, "the sample data could not be loaded: " + load.reason()
                    + "; the database was left as it was")).build();
            default -> Health.up().build();
        };
    }
}
