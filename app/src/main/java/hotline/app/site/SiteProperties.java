package hotline.app.site;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This site's identity. {@code id} is a short lowercase name ("a", "b") recorded in every history entry
 * and used as the ticket-number prefix, so numbers never collide between sites.
 */
@Validated
@ConfigurationProperties("hotline.site")
public record SiteProperties(
        @Pattern(regexp = "[a-z][a-z0-9]{0,7}", message = "must be 1-8 lowercase letters or digits, starting with a letter")
        String id) {

    public SiteProperties {
        id = id == null ? "a" : id;
    }
}
