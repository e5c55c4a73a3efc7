package hotline.app.web;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fallback for every refusal: framework errors and {@link ApiException}. Features map their own domain
 * exceptions in an advice of higher precedence (see {@code TicketProblems}). Turns every refusal into an RFC 9457 problem with a stable {@link ProblemType}. A refused request has
 * changed nothing: handlers run after the transaction rolled back.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    public static ProblemDetail problem(HttpStatusCode status, ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(problem(e.status(), e.type(), e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED,
                "your role does not allow this request"));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> optimisticLock(OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, ProblemType.STALE_VERSION,
                "changed by someone else at the same time; reload and try again"));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getConstraintViolations().forEach(v -> errors.put(leaf(v.getPropertyPath().toString()), v.getMessage()));
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemType.INVALID_INPUT, describe(errors));
        p.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(p);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String detail = "'" + e.getValue() + "' is not a valid " + e.getName();
        Class<?> type = e.getRequiredType();
        if (type != null && type.isEnum()) {
            detail += "; expected one of " + Arrays.toString(type.getEnumConstants());
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ProblemType.INVALID_INPUT, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemType.INVALID_INPUT, describe(errors));
        p.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                        ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
            }
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST,
                explainUnreadable(ex)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // the framework's own problems (405, 415, 406, 404 for no handler...) get our stable types too
        ProblemType type = switch (statusCode.value()) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> ProblemType.MALFORMED_REQUEST;
        };
        if (body instanceof ProblemDetail p) {
            p.setType(type.uri());
            if (p.getTitle() == null) {
                p.setTitle(type.title());
            }
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        ProblemDetail refusedByDatabase = siteGuardRefusal(e);
        if (refusedByDatabase != null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(refusedByDatabase);
        }
        log.error("unexpected error", e);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; nothing was changed. The log has the details."));
    }

    /**
     * The database's own site guard (trigger {@code site_write_guard}, SQLSTATE HL001 fenced / HL002 not active)
     * refused a write that reached it while the role changed: the transaction rolled back, nothing changed.
     */
    static ProblemDetail siteGuardRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("HL")) {
                ProblemType type = "HL001".equals(sql.getSQLState()) ? ProblemType.SITE_FENCED : ProblemType.SITE_NOT_ACTIVE;
                String message = sql.getMessage();
                int newline = message == null ? -1 : message.indexOf('\n');
                String detail = (newline < 0 ? message : message.substring(0, newline)).replaceFirst("^ERROR: ", "");
                return problem(HttpStatus.SERVICE_UNAVAILABLE, type, detail + "; nothing was changed");
            }
        }
        return null;
    }

    static String explainUnreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof InvalidFormatException ife) {
            String field = path(ife);
            Class<?> target = ife.getTargetType();
            if (target != null && target.isEnum()) {
                return "'" + ife.getValue() + "' is not a valid value for " + field + "; expected one of "
                        + Arrays.stream(target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            }
            return "'" + ife.getValue() + "' is not a valid value for " + field;
        }
        if (cause instanceof UnrecognizedPropertyException upe) {
            return "unknown field '" + upe.getPropertyName() + "'";
        }
        if (cause instanceof MismatchedInputException mie) {
            return "wrong type of value for " + path(mie);
        }
        if (cause instanceof JacksonException) {
            return "the body is not valid JSON";
        }
        return "the request body is missing or unreadable";
    }

    private static String path(JacksonException e) {
        String joined = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return joined.isEmpty() ? "the body" : "'" + joined + "'";
    }

    private static String describe(Map<String, String> errors) {
        return errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
