package hotline.app.site;

import hotline.app.site.model.SiteState;
import hotline.app.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API writes at a site that must not accept them, before any work is done, and tells every client
 * which site and epoch answered ({@code Hotline-Site}, {@code Hotline-Site-Role}, {@code Hotline-Epoch}).
 * A client that sends {@code Hotline-Epoch} gets a stale-epoch refusal when the site moved on.
 *
 * <p>Exempt: the ops API (role changes are how a site becomes writable) and drafts (kept in the
 * cross-site grid, not in the database). The database trigger {@code site_write_guard} enforces the same
 * rule for anything that slips past, e.g. a write in flight while the role changes.
 */
@Component
class SiteWriteFilter extends OncePerRequestFilter {

    static final String EPOCH_HEADER = "Hotline-Epoch";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final SiteStateService site;
    private final ProblemResponses problems;

    SiteWriteFilter(SiteStateService site, ProblemResponses problems) {
        this.site = site;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SiteState state = site.current();
        response.setHeader("Hotline-Site", state.siteId());
        response.setHeader("Hotline-Site-Role", state.role().name());
        response.setHeader(EPOCH_HEADER, Long.toString(state.epoch()));
        if (guarded(request)) {
            try {
                site.requireWritable(requestEpoch(request));
            } catch (SiteNotWritableException e) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problems.write(response, SiteProblems.problem(e));
                return;
            } catch (NumberFormatException e) {
                problems.write(response, org.springframework.http.HttpStatus.BAD_REQUEST,
                        hotline.app.web.ProblemType.MALFORMED_REQUEST, EPOCH_HEADER + " must be a whole number");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean guarded(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !SAFE_METHODS.contains(request.getMethod())
                && path.startsWith("/api/")
                && !path.startsWith("/api/ops/")
                && !path.startsWith("/api/drafts/");
    }

    private static Long requestEpoch(HttpServletRequest request) {
        String header = request.getHeader(EPOCH_HEADER);
        return header == null || header.isBlank() ? null : Long.valueOf(header.trim());
    }
}
