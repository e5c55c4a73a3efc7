package hotline.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses API bodies larger than the configured limit with a 413 problem before anything reads them.
 * Field limits (@Size) catch long text inside a body that fits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemResponses problems;

    RequestSizeLimitFilter(@Value("${hotline.api.max-request-bytes:65536}") long maxBytes, ProblemResponses problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes) {
            problems.write(response, HttpStatus.CONTENT_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE,
                    "the body has " + length + " bytes; at most " + maxBytes + " are accepted");
            return;
        }
        if (chunked) {
            // a body of unknown length could be of any size: ask for a Content-Length instead
            problems.write(response, HttpStatus.LENGTH_REQUIRED, ProblemType.MALFORMED_REQUEST,
                    "send a Content-Length; API bodies of unknown length are not accepted");
            return;
        }
        chain.doFilter(request, response);
    }
}
