package hotline.app.channel;

import hotline.app.contact.ContactService;
import hotline.app.contact.ContactView;
import hotline.app.contact.NewContact;
import hotline.app.contact.model.ContactChannel;
import hotline.app.ticket.model.Category;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Web and WeChat messages from the channel gateway. Each message becomes a queued contact; the gateway
 * retries until it gets a 2xx, so delivery is idempotent by (channel, externalId): 201 the first time,
 * 200 with the same contact after.
 */
@RestController
@RequestMapping("/api/channels")
class ChannelMessageController {

    static final int MAX_TEXT = 4000;

    private final ContactService contacts;

    ChannelMessageController(ContactService contacts) {
        this.contacts = contacts;
    }

    enum MessageChannel {
        WEB, WECHAT
    }

    record MessageRequest(
            @NotNull MessageChannel channel,
            @NotBlank @Size(max = 128) String externalId,
            @NotBlank @Size(max = 64) String senderName,
            @Pattern(regexp = "[0-9+\\- ]{3,20}", message = "must be a phone number of 3 to 20 digits") String senderPhone,
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = MAX_TEXT) String text,
            Category category) {
    }

    /** What the gateway needs back: the contact's id and where it is. */
    record MessageReceipt(java.util.UUID contactId, String state, String priority) {
        static MessageReceipt of(ContactView c) {
            return new MessageReceipt(c.id(), c.state().name(), c.priority().name());
        }
    }

    @PostMapping("/messages")
    ResponseEntity<MessageReceipt> receive(@Valid @RequestBody MessageRequest r) {
        ContactChannel channel = r.channel() == MessageChannel.WEB ? ContactChannel.WEB : ContactChannel.WECHAT;
        ContactService.Received received = contacts.enqueue(new NewContact(channel, r.category(), r.senderPhone(),
                r.senderName(), r.externalId().strip(), r.subject(), r.text()));
        return ResponseEntity.status(received.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(MessageReceipt.of(received.contact()));
    }
}
