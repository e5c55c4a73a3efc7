package hotline.app.web;

import org.springframework.http.HttpStatus;

/** An error the API reports as a problem response of a known type. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ProblemType type;

    public ApiException(HttpStatus status, ProblemType type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemType.NOT_FOUND, what + " does not exist");
    }

    public static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.INVALID_INPUT, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, ProblemType.CONFLICT, detail);
    }

    public static ApiException staleVersion(String what, long expected, long actual) {
        return new ApiException(HttpStatus.CONFLICT, ProblemType.STALE_VERSION,
                what + " was changed by someone else (you had version " + expected + ", it is now " + actual
                        + "); reload and try again");
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemType type() {
        return type;
    }
}
