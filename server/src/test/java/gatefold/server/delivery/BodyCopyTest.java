package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Big copy buffers while the budget lasts, small ones after, and the budget always comes back. */
class BodyCopyTest {

    @Test
    void largeBuffersStopAtTheBudgetAndEveryReturnRefillsIt() {
        BodyCopy.Buffers buffers = new BodyCopy.Buffers(3L * BodyCopy.LARGE_BUFFER);
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            taken.add(buffers.take());
        }
        assertThat(taken).allSatisfy(b -> assertThat(b.isDirect()).isTrue());
        assertThat(taken.stream().map(ByteBuffer::capacity)).containsExactly(BodyCopy.LARGE_BUFFER, BodyCopy.LARGE_BUFFER,
                BodyCopy.LARGE_BUFFER, BodyCopy.SMALL_BUFFER, BodyCopy.SMALL_BUFFER, BodyCopy.SMALL_BUFFER);
        assertThat(buffers.largeInUse()).isEqualTo(3L * BodyCopy.LARGE_BUFFER);
        // A failed copy's buffer is not reused, but it still leaves the budget.
        buffers.giveBack(taken.get(0), false);
        buffers.giveBack(taken.get(1), true);
        assertThat(buffers.largeInUse()).isEqualTo(BodyCopy.LARGE_BUFFER);
        assertThat(buffers.take()).isSameAs(taken.get(1));
        assertThat(buffers.take().capacity()).isEqualTo(BodyCopy.LARGE_BUFFER);
        assertThat(buffers.take().capacity()).isEqualTo(BodyCopy.SMALL_BUFFER);
        buffers.giveBack(taken.get(3), true);
        assertThat(buffers.take()).isSameAs(taken.get(3));
    }
}
