package hotline.app.telephony;

import hotline.app.site.SiteStateService;
import hotline.app.ticket.model.Category;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadLocalRandom;

/** In the demo, citizens call in now and then ({@code hotline.demo.telephony-simulator=true}). */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "hotline.demo.telephony-simulator", havingValue = "true")
class SimulatedInboundCalls {

    private final SiteStateService site;

    private final CallService calls;

    SimulatedInboundCalls(SiteStateService site, CallService calls) {
        this.site = site;
        this.calls = calls;
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${hotline.demo.telephony-interval:PT45S}")
    void ring() {
        if (!site.takesWrites()) {
            return;  // calls ring at the active site only
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Category[] categories = Category.values();
        Category category = random.nextInt(4) == 0 ? null : categories[random.nextInt(categories.length)];
        String caller = "13" + String.format("%09d", random.nextInt(1_000_000_000));
        calls.inboundRinging(caller, category);
    }
}
