package hotline.app.ticket;

import hotline.app.ticket.model.ActionNotPermittedException;
import hotline.app.ticket.model.IllegalTransitionException;
import hotline.app.ticket.model.InvalidTicketCommandException;
import hotline.app.web.ApiExceptionHandler;
import hotline.app.web.ProblemType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** The ticket rules' refusals as problem responses. Nothing was changed when one is answered. */
@RestControllerAdvice
@Order(0)
class TicketProblems {

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> illegalTransition(IllegalTransitionException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiExceptionHandler.problem(HttpStatus.CONFLICT, ProblemType.ILLEGAL_TRANSITION, e.getMessage()));
    }

    @ExceptionHandler(ActionNotPermittedException.class)
    ResponseEntity<ProblemDetail> notPermitted(ActionNotPermittedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ApiExceptionHandler.problem(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED, e.getMessage()));
    }

    @ExceptionHandler(InvalidTicketCommandException.class)
    ResponseEntity<ProblemDetail> invalidCommand(InvalidTicketCommandException e) {
        ProblemDetail p = ApiExceptionHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.INVALID_INPUT,
                e.getMessage());
        p.setProperty("errors", Map.of(e.field(), e.getMessage().substring(e.field().length() + 2)));
        return ResponseEntity.unprocessableContent().body(p);
    }
}
