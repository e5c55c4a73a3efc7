package hotline.app.roster.model;

/** Flood-season emergency response level (防汛应急响应), none or III (lowest) to I (highest). */
public enum FloodLevel {
    NONE,
    III,
    II,
    I;

    public boolean isActive() {
        return this != NONE;
    }
}
