package hotline.app.quality.model;

/** An inspection (points, fatal items) or a sampling request that the rules refuse; nothing was changed. */
public class InvalidInspectionException extends RuntimeException {

    public InvalidInspectionException(String message) {
        super(message);
    }
}
