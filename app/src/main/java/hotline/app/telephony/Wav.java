package hotline.app.telephony;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A small PCM WAV writer (8 kHz, 16-bit, mono: telephone quality) for simulated recordings. */
final class Wav {

    static final int SAMPLE_RATE = 8000;

    private Wav() {
    }

    /** Beeps: {@code seconds} of alternating 0.5 s tone at {@code hz} and 0.5 s silence. */
    static byte[] beeps(int seconds, double hz) {
        int samples = SAMPLE_RATE * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            boolean tone = (i / (SAMPLE_RATE / 2)) % 2 == 0;
            double v = tone ? Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE) * 0.3 : 0;
            pcm.putShort((short) (v * Short.MAX_VALUE));
        }
        return wrap(pcm.array());
    }

    static byte[] wrap(byte[] pcm) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        out.writeBytes(h.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }
}
