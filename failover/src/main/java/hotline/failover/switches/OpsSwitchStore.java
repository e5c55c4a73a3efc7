package hotline.failover.switches;

/**
 * Where the ops switches live: next to the lease, in the place both controllers read every cycle. Every method
 * throws {@link OpsSwitchStoreUnavailableException} when the store does not answer; controllers then keep the
 * switches they read last.
 */
public interface OpsSwitchStore {

    OpsSwitches read();

    /** Pauses automatic failover (idempotent: an existing pause keeps its original setter). */
    void pause(OpsSwitches.Setting setting);

    void resume();

    /** Marks {@code site} as fenced by an operator (idempotent). */
    void fence(String site, OpsSwitches.Setting setting);

    void unfence(String site);
}
