package hotline.app.platform12345;

/** What the hotline owes the 12345 platform, and where each kind is posted. */
enum Submission {
    SIGN("sign"),
    RESULT("result"),
    RETURN_APPLICATION("return-applications"),
    EXTENSION_APPLICATION("extension-applications");

    private final String path;

    Submission(String path) {
        this.path = path;
    }

    String path(String orderId) {
        return "/api/orders/" + orderId + "/" + path;
    }
}
