package hotline.app.quarantine.model;

/** How an orphan change relates to the new active site's data. */
public enum OrphanKind {
    /**
     * Only the old active changed the row: the new active has no row with that key, or still the version it had
     * before its promotion. Also a row the old active deleted after the new active's copy of it.
     */
    ONLY_AT_OLD_ACTIVE,
    /** The old active changed the row and the new active changed the same key after its promotion: a conflict. */
    CHANGED_AT_BOTH_SITES
}
