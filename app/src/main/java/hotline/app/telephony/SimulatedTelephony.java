package hotline.app.telephony;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * A voice platform for local runs and tests: outbound calls are answered at once, and every hung-up call
 * hands over a few seconds of generated audio as its recording. Replaced by a real PBX/CTI adapter with
 * {@code hotline.telephony.gateway} set to something other than {@code simulated}.
 */
@Component
@ConditionalOnProperty(name = "hotline.telephony.gateway", havingValue = "simulated", matchIfMissing = true)
class SimulatedTelephony implements TelephonyGateway {

    static final int RECORDING_SECONDS = 3;

    // the platform reports back to the hotline; resolved lazily because the hotline also calls the platform
    private final ObjectProvider<CallService> calls;

    SimulatedTelephony(ObjectProvider<CallService> calls) {
        this.calls = calls;
    }

    @Override
    public void dial(UUID callId, String number) {
        calls.getObject().answered(callId);
    }

    @Override
    public void hangup(UUID callId) {
        calls.getObject().ended(callId, Wav.beeps(RECORDING_SECONDS, 440), RECORDING_SECONDS * 1000L);
    }
}
