package gatefold.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Real audio for tests that need a track without ffmpeg: a 44.1 kHz 16-bit stereo WAV of a quiet sine. */
public final class TestAudio {

    private TestAudio() {
    }

    public static byte[] wav(double seconds) {
        int rate = 44100;
        int frames = (int) (rate * seconds);
        int data = frames * 4;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(data);
        for (int i = 0; i < frames; i++) {
            short sample = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 3000);
            b.putShort(sample).putShort(sample);
        }
        return b.array();
    }
}
