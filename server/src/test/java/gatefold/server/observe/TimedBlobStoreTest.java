package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.storage.BlobStore;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The timing wrapper passes every call on, the store's capabilities included: a default
 * method it forgot would quietly answer for the real store (no local files, no self-served
 * links) and change how downloads are made.
 */
class TimedBlobStoreTest {

    @Test
    void everyMethodOfTheStoreIsPassedOn() throws Exception {
        for (Method method : BlobStore.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method declared = TimedBlobStore.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            assertThat(declared).as(method.getName() + Arrays.toString(method.getParameterTypes())).isNotNull();
        }
    }
}
