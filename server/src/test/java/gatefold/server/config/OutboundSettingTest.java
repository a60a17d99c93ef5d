package gatefold.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GATEFOLD_OUTBOUND_ALLOW_PRIVATE, and the older GATEFOLD_WEBHOOKS_ALLOW_PRIVATE that still works. */
class OutboundSettingTest {

    static boolean allowPrivate(String outbound, String webhooks) {
        Map<String, String> values = new HashMap<>();
        values.put("GATEFOLD_DATA_DIR", "/tmp/gatefold-outbound-setting");
        if (outbound != null) {
            values.put("GATEFOLD_OUTBOUND_ALLOW_PRIVATE", outbound);
        }
        if (webhooks != null) {
            values.put("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", webhooks);
        }
        return Config.from(Settings.of(values)).outboundAllowPrivate();
    }

    @Test
    void privateAddressesAreRefusedUnlessTheOperatorSaysOtherwise() {
        assertThat(allowPrivate(null, null)).isFalse();
        assertThat(allowPrivate("true", null)).isTrue();
        assertThat(allowPrivate("false", null)).isFalse();
    }

    @Test
    void theOldWebhookNameIsAnAliasThatTheNewNameOverrides() {
        assertThat(allowPrivate(null, "true")).isTrue();
        assertThat(allowPrivate(null, "false")).isFalse();
        assertThat(allowPrivate("false", "true")).isFalse();
        assertThat(allowPrivate("true", "false")).isTrue();
        assertThat(allowPrivate("", "true")).as("blank counts as unset").isTrue();
    }

    @Test
    void aBadValueNamesTheVariable() {
        assertThatThrownBy(() -> allowPrivate("maybe", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GATEFOLD_OUTBOUND_ALLOW_PRIVATE");
        assertThatThrownBy(() -> allowPrivate(null, "maybe")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE");
    }
}
