package gatefold.server.cli.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Short pieces of pure tones as 16-bit stereo WAV, computed so no audio has to be committed. */
final class Tones {

    static final int RATE = 44_100;

    private Tones() {
    }

    /** Plays each chord for an equal share of {@code seconds}, with soft attacks and releases. */
    static byte[] wav(double seconds, List<List<Double>> chords) {
        int frames = (int) Math.round(seconds * RATE);
        int perChord = frames / Math.max(1, chords.size());
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            int index = Math.min(chords.size() - 1, i / Math.max(1, perChord));
            List<Double> chord = chords.get(index);
            int local = i - index * perChord;
            int length = index == chords.size() - 1 ? frames - index * perChord : perChord;
            double envelope = Math.min(1, Math.min(local / (0.05 * RATE), (length - local) / (0.3 * RATE)));
            double t = (double) i / RATE;
            double left = 0;
            double right = 0;
            for (int n = 0; n < chord.size(); n++) {
                double f = chord.get(n);
                double voice = Math.sin(2 * Math.PI * f * t) + 0.2 * Math.sin(4 * Math.PI * f * t);
                // Spread the voices across the stereo field.
                double pan = chord.size() == 1 ? 0.5 : (double) n / (chord.size() - 1);
                left += voice * (1 - pan * 0.6);
                right += voice * (0.4 + pan * 0.6);
            }
            double scale = 0.25 * Math.max(0, envelope) / chord.size();
            pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, left * scale)) * 32767));
            pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, right * scale)) * 32767));
        }
        return riff(pcm.array());
    }

    private static byte[] riff(byte[] pcm) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(RATE).putInt(RATE * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        out.writeBytes(header.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }
}
