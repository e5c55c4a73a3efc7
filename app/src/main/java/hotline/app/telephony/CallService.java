package hotline.app.telephony;

import hotline.app.account.model.Actor;
import hotline.app.account.model.Role;
import hotline.app.contact.ContactConnected;
import hotline.app.contact.ContactEnded;
import hotline.app.contact.ContactService;
import hotline.app.contact.NewContact;
import hotline.app.contact.model.ContactChannel;
import hotline.app.recording.Recording;
import hotline.app.recording.RecordingStore;
import hotline.app.site.SiteProperties;
import hotline.app.ticket.TicketService;
import hotline.app.ticket.model.Category;
import hotline.app.ticket.model.Citizen;
import hotline.app.ticket.model.Ticket;
import hotline.app.web.ApiException;
import hotline.app.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.util.UUID;

/**
 * Calls: the hotline's side of the {@link TelephonyGateway}. Inbound calls join the contact queue; the
 * agent's accept answers them and completing the contact hangs them up. Outbound callbacks are placed
 * from a ticket or a number. When a call ends, the platform hands over its audio and the recording is
 * stored ({@link RecordingStore}).
 */
@Service
public class CallService {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    private final CallRepository calls;
    private final ContactService contacts;
    private final TicketService tickets;
    private final RecordingStore recordings;
    private final TelephonyGateway gateway;
    private final TelephonyProperties properties;
    private final SiteProperties site;
    private final Clock clock;

    CallService(CallRepository calls, ContactService contacts, TicketService tickets, RecordingStore recordings,
                TelephonyGateway gateway, TelephonyProperties properties, SiteProperties site, Clock clock) {
        this.calls = calls;
        this.contacts = contacts;
        this.tickets = tickets;
        this.recordings = recordings;
        this.gateway = gateway;
        this.properties = properties;
        this.site = site;
        this.clock = clock;
    }

    public record InboundCall(CallRecord call, UUID contactId, String priority) {
    }

    /** The platform reports a ringing inbound call: it joins the contact queue. */
    @Transactional
    public InboundCall inboundRinging(String caller, Category category) {
        ContactService.Received r = contacts.enqueue(new NewContact(ContactChannel.PHONE_IN, category, caller, null,
                null, "来电 inbound call", null));
        CallRecord call = new CallRecord(UUID.randomUUID(), r.contact().id(), CallRecord.Direction.IN, null, caller,
                properties.hotlineNumber(), null, null, clock.instant(), null, null, null);
        calls.insert(call, site.id());
        log.info("inbound call {} ringing from {}", call.id(), Citizen.maskPhone(caller));
        return new InboundCall(call, r.contact().id(), r.contact().priority().name());
    }

    /** An agent calls a citizen back: from a ticket (its citizen's phone) or a number. */
    @Transactional
    public CallRecord outbound(UUID ticketId, String number, String purpose, Actor actor) {
        String callee = number;
        if (ticketId != null) {
            Ticket ticket = tickets.findById(ticketId).orElseThrow(() -> ApiException.notFound("ticket " + ticketId));
            callee = callee != null ? callee : ticket.citizen().phone();
            if (callee == null) {
                throw ApiException.invalid("ticketId: ticket " + ticket.number() + " has no citizen phone; give a number");
            }
        }
        if (callee == null) {
            throw ApiException.invalid("number: give a ticketId or a number to call");
        }
        CallRecord call = new CallRecord(UUID.randomUUID(), null, CallRecord.Direction.OUT, purpose,
                properties.hotlineNumber(), callee, actor.username(), ticketId, clock.instant(), null, null, null);
        calls.insert(call, site.id());
        log.info("outbound call {} ({}) by {} to {}", call.id(), purpose, actor.username(), Citizen.maskPhone(callee));
        gateway.dial(call.id(), callee);
        return calls.find(call.id()).orElseThrow();
    }

    /** The agent (or the lead) hangs up a call; the platform reports the end and the recording. */
    public CallRecord hangup(UUID callId, Actor actor) {
        CallRecord call = get(callId, actor);
        if (!call.ended()) {
            gateway.hangup(callId);
        }
        return calls.find(callId).orElseThrow();
    }

    public CallRecord get(UUID callId, Actor actor) {
        CallRecord call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call " + callId));
        if (actor.role() != Role.LEAD && !actor.username().equals(call.agentUsername())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED, "call " + callId + " is not yours");
        }
        return call;
    }

    /** The platform reports an outbound call answered. */
    @Transactional
    public void answered(UUID callId) {
        calls.answered(callId, null, clock.instant());
    }

    /** The platform reports the end of a call with its audio (null when nothing was recorded). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ended(UUID callId, byte[] audio, long durationMs) {
        CallRecord call = calls.lock(callId).orElseThrow(() -> ApiException.notFound("call " + callId));
        if (call.ended()) {
            return;
        }
        UUID recordingId = null;
        if (audio != null && call.answeredAt() != null) {
            Recording r = recordings.store(new RecordingStore.NewRecording(callId, call.contactId(), call.agentUsername(),
                    audio, durationMs, call.answeredAt()));
            recordingId = r.id();
        }
        calls.ended(callId, clock.instant(), recordingId);
        log.info("call {} ended, recording {}", callId, recordingId);
    }

    /** The caller hung up: a call still waiting in the queue is abandoned. */
    public void callerHungUp(UUID callId) {
        CallRecord call = calls.find(callId).orElseThrow(() -> ApiException.notFound("call " + callId));
        if (call.contactId() != null && call.answeredAt() == null) {
            contacts.abandon(call.contactId());
        } else {
            gateway.hangup(callId);
        }
    }

    /** The agent accepted a phone contact: the call is answered by them. */
    @EventListener
    void contactConnected(ContactConnected e) {
        if (e.channel().isCall()) {
            calls.findByContact(e.contactId()).ifPresent(c -> calls.answered(c.id(), e.agentUsername(), e.at()));
        }
    }

    /** A phone contact ended (completed or abandoned): hang up once that is committed. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void contactEnded(ContactEnded e) {
        if (!e.channel().isCall()) {
            return;
        }
        calls.findByContact(e.contactId()).filter(c -> !c.ended()).ifPresent(c -> {
            try {
                gateway.hangup(c.id());
            } catch (RuntimeException failure) {
                // the contact is already completed; the call end is retried by the platform's own report
                log.error("hanging up call {} failed", c.id(), failure);
            }
        });
    }
}
