package hotline.app.ticket;

import hotline.app.account.CurrentActor;
import hotline.app.account.model.Actor;
import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Channel;
import hotline.app.ticket.model.Citizen;
import hotline.app.ticket.model.DepartmentRequest;
import hotline.app.ticket.model.NewTicket;
import hotline.app.ticket.model.Priority;
import hotline.app.ticket.model.Satisfaction;
import hotline.app.ticket.model.TicketAction;
import hotline.app.ticket.model.TicketCommand;
import hotline.app.ticket.model.TicketState;
import hotline.app.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ticket API of the desk. Actions are {@code POST /api/tickets/{id}/actions/{action}} with the version
 * the caller saw; the response is the ticket after the action, with the actions now possible.
 */
@RestController
@Validated
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketService service;
    private final CurrentActor currentActor;

    TicketController(TicketService service, CurrentActor currentActor) {
        this.service = service;
        this.currentActor = currentActor;
    }

    record AcceptRequest(
            @NotNull Channel channel,
            Category category,
            Priority priority,
            @NotBlank @Size(max = NewTicket.MAX_TITLE) String title,
            @NotBlank @Size(max = NewTicket.MAX_TEXT) String description,
            @Size(max = 64) String citizenName,
            @Pattern(regexp = "[0-9+\\- ]{3,20}", message = "must be a phone number of 3 to 20 digits") String citizenPhone,
            @Size(max = 300) String address,
            @Size(max = 64) String district,
            @Size(max = 100) String street,
            UUID contactId) {
    }

    @PostMapping
    ResponseEntity<TicketView> accept(@Valid @RequestBody AcceptRequest r) {
        if (r.channel() == Channel.PLATFORM_12345) {
            throw ApiException.invalid("channel: 12345 work orders arrive through the platform adapter, not the desk");
        }
        NewTicket request = new NewTicket(r.channel(), r.category(), r.priority(), r.title(), r.description(),
                new Citizen(r.citizenName(), r.citizenPhone(), r.address(), r.district(), r.street()), r.contactId());
        return ResponseEntity.status(HttpStatus.CREATED).body(service.accept(request, currentActor.get()));
    }

    /**
     * Lists: {@code view} = mine | team | to-sign | review | overdue | supervised | department | all.
     */
    @GetMapping
    List<TicketView> list(@RequestParam(defaultValue = "team") String view,
                          @RequestParam(required = false) @Size(max = 100) String q,
                          @RequestParam(required = false) TicketState state,
                          @RequestParam(required = false) Channel channel,
                          @RequestParam(required = false) @Size(max = 32) String department,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Actor actor = currentActor.get();
        Set<TicketState> states = state != null ? EnumSet.of(state)
                : TicketService.VIEW_STATES.getOrDefault(view, Set.of());
        TicketQuery query = switch (view) {
            case "mine" -> new TicketQuery(states, false, actor.username(), null, channel, false, false, q, limit);
            case "team", "to-sign", "review", "department" ->
                    new TicketQuery(states, false, null, department, channel, false, false, q, limit);
            case "overdue" -> new TicketQuery(states, false, null, department, channel, true, false, q, limit);
            case "supervised" -> new TicketQuery(states, false, null, department, channel, false, true, q, limit);
            case "all" -> new TicketQuery(states, true, null, department, channel, false, false, q, limit);
            default -> throw ApiException.invalid("view: '" + view
                    + "' is not a list; expected one of mine, team, to-sign, review, overdue, supervised, department, all");
        };
        return service.search(query, actor);
    }

    @GetMapping("/overdue")
    List<TicketView> overdue(@RequestParam(required = false) @Size(max = 32) String department) {
        return service.search(new TicketQuery(Set.of(), false, null, department, null, true, false, null, 500),
                currentActor.get());
    }

    @GetMapping("/{id}")
    TicketView get(@PathVariable String id) {
        Actor actor = currentActor.get();
        try {
            return service.get(UUID.fromString(id), actor);
        } catch (IllegalArgumentException notAUuid) {
            return service.getByNumber(id, actor);
        }
    }

    record ActionRequest(
            @NotNull @PositiveOrZero Long version,
            @Size(max = TicketCommand.MAX_NOTE) String note,
            Category category,
            Priority priority,
            @Size(max = 32) String departmentId,
            @Size(max = NewTicket.MAX_TEXT) String reply,
            UUID knowledgeArticleId,
            Boolean reached,
            Satisfaction satisfaction,
            @Min(1) @Max(30) Integer extensionWorkingDays) {
    }

    @PostMapping("/{id}/actions/{action}")
    TicketView act(@PathVariable UUID id, @PathVariable String action, @Valid @RequestBody ActionRequest r) {
        TicketCommand command = command(parseAction(action), r);
        return service.act(id, r.version(), command, currentActor.get());
    }

    static TicketAction parseAction(String path) {
        try {
            return TicketAction.valueOf(path.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("action: '" + path + "' is not an action; expected one of "
                    + Arrays.stream(TicketAction.values()).map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", ")));
        }
    }

    private static TicketCommand command(TicketAction action, ActionRequest r) {
        return switch (action) {
            case SIGN -> new TicketCommand.Sign(r.note());
            case START_VERIFICATION -> new TicketCommand.StartVerification(r.note());
            case COMPLETE_VERIFICATION -> new TicketCommand.CompleteVerification(r.note());
            case SCREEN -> new TicketCommand.Screen(r.category(), r.priority(), r.note());
            case ANSWER_DIRECTLY -> new TicketCommand.AnswerDirectly(r.knowledgeArticleId(), r.reply(), r.note());
            case ASSIGN -> new TicketCommand.Assign(r.departmentId(), r.note());
            case TRANSFER -> new TicketCommand.Transfer(r.departmentId(), r.note());
            case URGE -> new TicketCommand.Urge(r.note());
            case DEPARTMENT_REPLY -> new TicketCommand.DepartmentReply(r.reply(), r.note());
            case REQUEST_RETURN -> new TicketCommand.Request(DepartmentRequest.RETURN, r.note(), null);
            case REQUEST_EXTENSION -> new TicketCommand.Request(DepartmentRequest.EXTENSION, r.note(), r.extensionWorkingDays());
            case REQUEST_SECOND_HANDLING -> new TicketCommand.Request(DepartmentRequest.SECOND_HANDLING, r.note(), null);
            case REQUEST_EVALUATION -> new TicketCommand.Request(DepartmentRequest.THIRD_PARTY_EVALUATION, r.note(), null);
            case APPROVE_REQUEST -> new TicketCommand.ApproveRequest(r.note());
            case REJECT_REQUEST -> new TicketCommand.RejectRequest(r.note());
            case ACCEPT_REPLY -> new TicketCommand.AcceptReply(r.note());
            case SEND_BACK -> new TicketCommand.SendBack(r.note());
            case REPLY_TO_CITIZEN -> new TicketCommand.ReplyToCitizen(r.reply(), r.note());
            case RECORD_CALLBACK -> new TicketCommand.RecordCallback(r.reached(), r.satisfaction(), r.note());
            case CLOSE -> new TicketCommand.Close(r.note());
            case MARK_OVERDUE -> throw ApiException.invalid("action: mark-overdue is done by the SLA watch only");
        };
    }
}
