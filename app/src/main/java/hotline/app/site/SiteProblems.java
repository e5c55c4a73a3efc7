package hotline.app.site;

import hotline.app.site.model.IllegalSiteTransitionException;
import hotline.app.web.ApiExceptionHandler;
import hotline.app.web.ProblemType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Site refusals as problem responses that name where writes go, so a client can follow the active site. */
@RestControllerAdvice
@Order(0)
class SiteProblems {

    static ProblemDetail problem(SiteNotWritableException e) {
        HttpStatus status = e.reason() == SiteNotWritableException.Reason.STALE_EPOCH
                ? HttpStatus.CONFLICT : HttpStatus.SERVICE_UNAVAILABLE;
        ProblemType type = switch (e.reason()) {
            case NOT_ACTIVE -> ProblemType.SITE_NOT_ACTIVE;
            case FENCED -> ProblemType.SITE_FENCED;
            case STALE_EPOCH -> ProblemType.STALE_EPOCH;
        };
        ProblemDetail p = ApiExceptionHandler.problem(status, type, e.getMessage() + "; nothing was changed");
        p.setProperty("site", e.state().siteId());
        p.setProperty("role", e.state().role().name());
        p.setProperty("epoch", e.state().epoch());
        p.setProperty("activeSite", e.state().activeSite());
        if (e.requestEpoch() != null) {
            p.setProperty("requestEpoch", e.requestEpoch());
        }
        return p;
    }

    @ExceptionHandler(SiteNotWritableException.class)
    ResponseEntity<ProblemDetail> notWritable(SiteNotWritableException e) {
        return ResponseEntity.status(problem(e).getStatus()).header(HttpHeaders.RETRY_AFTER, "1").body(problem(e));
    }

    @ExceptionHandler(IllegalSiteTransitionException.class)
    ResponseEntity<ProblemDetail> illegalTransition(IllegalSiteTransitionException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiExceptionHandler.problem(HttpStatus.CONFLICT, ProblemType.ILLEGAL_TRANSITION, e.getMessage()));
    }
}
