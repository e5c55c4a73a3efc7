package hotline.infra.platform12345;

/** Keeps personal data out of logs and status pages. */
public final class Masking {

    private Masking() {
    }

    /** {@code 13800138000} → {@code 138******00}: first 3 and last 2 digits stay. */
    public static String phone(String phone) {
        if (phone == null || phone.length() <= 5) {
            return "*****";
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    /** {@code 张伟} → {@code 张*}. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
    }
}
