package hotline.infra.frontdoor;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring context of the front door: one Spring Cloud Gateway (Server WebMVC) route that sends every
 * request to the {@link ActiveUpstream}, keeping the browser's Host header so that the app's
 * redirects and cookies name the front door, not the site behind it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class FrontDoorApplication {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FrontDoorApplication.class);

    @Bean
    RouterFunction<ServerResponse> activeSiteRoute(ActiveUpstream upstream) {
        return GatewayRouterFunctions.route("active-site")
                .route(RequestPredicates.all(), HandlerFunctions.http())
                .before(request -> {
                    // read per request: a switch applies to the very next request
                    MvcUtils.setRequestUrl(request, upstream.current());
                    return request;
                })
                .before(BeforeFilterFunctions.preserveHostHeader())
                .onError(error -> true, FrontDoorApplication::siteUnreachable)
                .build();
    }

    private static ServerResponse siteUnreachable(Throwable error, ServerRequest request) {
        boolean timedOut = causedBy(error, SocketTimeoutException.class) || causedBy(error, HttpTimeoutException.class);
        boolean refused = causedBy(error, ConnectException.class);
        log.warn("Front door could not forward {} {}: {}", request.method(), request.path(), error.toString());
        HttpStatus status = timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        String detail = timedOut ? "The active hotline site did not answer in time."
                : refused ? "The active hotline site is not reachable (it may be switching); retry in a moment."
                : "The active hotline site could not be reached: " + error.getClass().getSimpleName();
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", "2")
                .body("{\"type\":\"urn:hotline:frontdoor:site-unreachable\",\"title\":\"site unreachable\",\"status\":"
                        + status.value() + ",\"detail\":\"" + detail + "\"}");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
