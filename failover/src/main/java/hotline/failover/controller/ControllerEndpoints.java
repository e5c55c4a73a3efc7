package hotline.failover.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import hotline.failover.decision.LeaseReading;
import hotline.failover.decision.SiteObservation;
import hotline.failover.switches.OpsSwitches;

/**
 * The controller's HTTP face: the failsafe answer for the peer controller, and its status for {@code ctl status},
 * dashboards and humans. Read-only: every change goes through the lease, the sites or the switch store.
 */
@RestController
class ControllerEndpoints {

    private final FailoverController controller;

    ControllerEndpoints(FailoverController controller) {
        this.controller = controller;
    }

    /** The failsafe exchange: what this controller sees of the asking site, and whether it took or will take over. */
    @GetMapping("/api/controller/peer-report")
    ResponseEntity<Object> peerReport(@RequestParam("asking") String asking) {
        var snapshot = controller.snapshot();
        if (snapshot.isEmpty()) {
            return notYet();
        }
        if (asking.equals(controller.site())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "site " + asking + " is this controller's own site; the peer report is for the other site");
            return ResponseEntity.badRequest().body(problem);
        }
        var answer = snapshot.get().answerToPeer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("site", controller.site());
        body.put("at", snapshot.get().at().toString());
        body.put("seesYourSiteServing", answer.seesYourSiteServing());
        body.put("tookOverOrWill", answer.tookOverOrWill());
        return ResponseEntity.ok(body);
    }

    @GetMapping("/api/controller/status")
    ResponseEntity<Object> status() {
        var found = controller.snapshot();
        if (found.isEmpty()) {
            return notYet();
        }
        ControllerSnapshot s = found.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("site", s.site());
        body.put("at", s.at().toString());
        body.put("action", s.decision().action());
        body.put("reason", s.decision().reason());
        body.put("local", site(s.view().local()));
        body.put("peer", site(s.view().peer()));
        body.put("lease", lease(s.view().lease(), s.at()));
        body.put("peerControllerReachable", s.view().peerController().reachable());
        body.put("paused", s.switches().pause().map(OpsSwitches.Setting::describe).orElse(null));
        Map<String, String> fenced = new LinkedHashMap<>();
        s.switches().fencedSites().forEach((site, setting) -> fenced.put(site, setting.describe()));
        body.put("fencedByOperator", fenced);
        body.put("switchesFresh", s.switchesFresh());
        body.put("lastRenewal", s.facts().lastRenewal().map(Instant::toString).orElse(null));
        body.put("procedure", s.procedure().orElse(null));
        body.put("timings", controller.config().timings().toString());
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> site(SiteObservation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", o.site());
        m.put("reachable", o.reachable());
        if (o.reachable()) {
            m.put("role", o.role().name());
            m.put("epoch", o.epoch());
            m.put("fenced", o.fenced());
            m.put("writable", o.writable());
            m.put("cdcState", o.cdcState().name());
            o.lagSeconds().ifPresent(lag -> m.put("lagSeconds", lag));
        }
        return m;
    }

    private static Map<String, Object> lease(LeaseReading reading, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (reading instanceof LeaseReading.Stored stored) {
            var lease = stored.lease();
            m.put("holder", lease.holderSite());
            m.put("epoch", lease.epoch());
            m.put("renewedAt", lease.renewedAt().toString());
            m.put("expired", lease.expiredAt(now));
            m.put("expiresInSeconds", Duration.between(now, lease.renewedAt().plus(lease.duration())).toMillis() / 1000.0);
        } else if (reading instanceof LeaseReading.StoreUnreachable unreachable) {
            m.put("unreachable", unreachable.detail());
        } else {
            m.put("holder", null);
        }
        return m;
    }

    private static ResponseEntity<Object> notYet() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the controller has not finished its first cycle yet");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }
}
