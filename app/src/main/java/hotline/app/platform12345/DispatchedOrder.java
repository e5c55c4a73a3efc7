package hotline.app.platform12345;

import hotline.app.ticket.model.Category;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A work order as the 12345 platform dispatches it (派件). */
public record DispatchedOrder(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only") String orderId,
        Instant dispatchedAt,
        Instant dueAt,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 4000) String content,
        Category category,
        @Size(max = 64) String citizenName,
        @Pattern(regexp = "[0-9+\\- ]{3,20}", message = "must be a phone number of 3 to 20 digits") String citizenPhone,
        @Size(max = 300) String address,
        @Size(max = 64) String district,
        @Size(max = 100) String street) {
}
