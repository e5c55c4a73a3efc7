package hotline.app.roster.model;

import java.time.LocalDate;

/** A roster slot that breaks a rule: which slot, and a sentence saying what is missing and why. */
public record Violation(LocalDate day, Shift shift, String message) {

    @Override
    public String toString() {
        return day + " " + shift + ": " + message;
    }
}
