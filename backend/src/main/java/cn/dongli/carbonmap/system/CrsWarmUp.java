package cn.dongli.carbonmap.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.dongli.carbonmap.geom.Crs;
import cn.dongli.carbonmap.geom.EqualAreaProjection;

/**
 * Opens the EPSG dataset (an embedded Derby database, about two seconds) in the background once the application is
 * up, so that the first import does not wait for it.
 */
@Component
class CrsWarmUp {

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread t = new Thread(() -> {
            Crs.warmUp();
            EqualAreaProjection.DONGLI.forward();
        }, "crs-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
