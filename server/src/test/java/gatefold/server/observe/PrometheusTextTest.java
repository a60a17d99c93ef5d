package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test's own reader of the text format reads what it should and refuses what is broken. */
class PrometheusTextTest {

    @Test
    void readsCommentsSamplesAndEscapedLabelValues() {
        PrometheusText text = PrometheusText.parse("""
                # HELP requests_total Requests
                # TYPE requests_total counter
                requests_total{route="/a/{b}",note="say \\"hi\\"\\n"} 3.0
                up 1
                latency_seconds_bucket{le="+Inf"} 7
                """);
        assertThat(text.types).containsEntry("requests_total", "counter");
        assertThat(text.help).containsEntry("requests_total", "Requests");
        assertThat(text.value("requests_total", "route", "/a/{b}")).isEqualTo(3);
        assertThat(text.find("requests_total").orElseThrow().label("note")).isEqualTo("say \"hi\"\n");
        assertThat(text.value("up")).isEqualTo(1);
        assertThat(text.value("latency_seconds_bucket", "le", "+Inf")).isEqualTo(7);
    }

    @Test
    void refusesBrokenLines() {
        assertThatThrownBy(() -> PrometheusText.parse("requests_total{route=/a} 1\n")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PrometheusText.parse("requests_total 1x\n")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> PrometheusText.parse("{route=\"a\"} 1\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
