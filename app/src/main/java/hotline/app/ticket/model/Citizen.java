package hotline.app.ticket.model;

/**
 * Who asked and where. Personal data: never logged unmasked ({@link #maskedPhone()}).
 */
public record Citizen(String name, String phone, String address, String district, String street) {

    public static final Citizen ANONYMOUS = new Citizen(null, null, null, null, null);

    public Citizen {
        phone = phone == null ? null : phone.replaceAll("[\\s-]", "");
    }

    public String maskedPhone() {
        return maskPhone(phone);
    }

    /** Keeps the first 3 and last 2 digits: 138******00. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return "";
        }
        if (phone.length() <= 5) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    /** A comparable key for "the same place": district, street and address without spaces and punctuation. */
    public String locationKey() {
        String joined = String.join("|", nz(district), nz(street), nz(address));
        String key = joined.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\p{Punct}，。、（）·]", "");
        return key.isEmpty() ? null : key;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
