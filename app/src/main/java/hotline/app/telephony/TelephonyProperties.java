package hotline.app.telephony;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param hotlineNumber the number citizens dial and callbacks show (default 96891)
 */
@ConfigurationProperties("hotline.telephony")
public record TelephonyProperties(String hotlineNumber) {

    public TelephonyProperties {
        hotlineNumber = hotlineNumber == null ? "96891" : hotlineNumber;
    }
}
