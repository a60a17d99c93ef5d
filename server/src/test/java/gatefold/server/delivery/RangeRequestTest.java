package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRequestTest {

    static RangeRequest parse(String header) {
        return RangeRequest.parse(header, 1000);
    }

    @Test
    void singleRangesResolveAgainstTheSize() {
        assertThat(parse("bytes=0-0")).isEqualTo(new RangeRequest.Partial(0, 0));
        assertThat(parse("bytes=999-999")).isEqualTo(new RangeRequest.Partial(999, 999));
        assertThat(parse("bytes=100-199")).isEqualTo(new RangeRequest.Partial(100, 199));
        assertThat(parse("bytes=500-")).isEqualTo(new RangeRequest.Partial(500, 999));
        assertThat(parse("bytes=-10")).isEqualTo(new RangeRequest.Partial(990, 999));
        assertThat(parse("BYTES = 1-2".replace(" = ", "="))).isEqualTo(new RangeRequest.Partial(1, 2));
    }

    @Test
    void anEndPastTheSizeIsClampedAndAnOversizedSuffixMeansTheWholeFile() {
        assertThat(parse("bytes=900-5000")).isEqualTo(new RangeRequest.Partial(900, 999));
        assertThat(parse("bytes=-5000")).isEqualTo(new RangeRequest.Partial(0, 999));
    }

    @Test
    void rangesStartingAtOrPastTheEndAreUnsatisfiable() {
        assertThat(parse("bytes=1000-")).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(parse("bytes=1000-2000")).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(parse("bytes=-0")).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    }

    @Test
    void headersWeDoNotUnderstandOrSeveralRangesMeanTheWholeFile() {
        for (String header : new String[] {null, "", "items=0-1", "bytes=", "bytes=5-1", "bytes=a-b", "bytes=-",
                "bytes=0-1,5-6", "bytes=99999999999999999999-", "bytes=1-2-3"}) {
            assertThat(parse(header)).as(String.valueOf(header)).isInstanceOf(RangeRequest.Whole.class);
        }
    }
}
