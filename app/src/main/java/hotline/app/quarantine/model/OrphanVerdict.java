package hotline.app.quarantine.model;

/**
 * What the rule says about one key.
 *
 * @param kind             null: not an orphan
 * @param deletedAtOldActive the orphan change is a deletion at the old active
 * @param reason           one sentence, no row content (it is logged and stored with the entry)
 */
public record OrphanVerdict(OrphanKind kind, boolean deletedAtOldActive, String reason) {

    public boolean orphan() {
        return kind != null;
    }

    static OrphanVerdict none(String reason) {
        return new OrphanVerdict(null, false, reason);
    }

    static OrphanVerdict orphan(OrphanKind kind, String reason) {
        return new OrphanVerdict(kind, false, reason);
    }

    static OrphanVerdict deletion(String reason) {
        return new OrphanVerdict(OrphanKind.ONLY_AT_OLD_ACTIVE, true, reason);
    }
}
