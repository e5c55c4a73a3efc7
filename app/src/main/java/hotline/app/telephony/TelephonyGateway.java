package hotline.app.telephony;

import java.util.UUID;

/**
 * The boundary to the voice platform (PBX / CTI). The hotline asks it to place and end calls; the platform
 * reports back through {@link CallService}: {@code inboundRinging} for a new inbound call,
 * {@code answered} when an outbound call is answered, {@code ended} with the call's audio when it ends.
 * {@link SimulatedTelephony} is the implementation for local runs and tests.
 */
public interface TelephonyGateway {

    /** Places an outbound call identified by {@code callId} to {@code number}. */
    void dial(UUID callId, String number);

    /** Ends the call; the platform then reports {@code ended} with the recording. */
    void hangup(UUID callId);
}
