package hotline.app.quarantine;

/** The quarantine could not do what it had to; the message says what and where. */
class QuarantineException extends RuntimeException {

    QuarantineException(String message) {
        super(message);
    }

    QuarantineException(String message, Throwable cause) {
        super(message, cause);
    }
}
