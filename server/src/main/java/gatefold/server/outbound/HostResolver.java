package gatefold.server.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. {@link OutboundClient} asks it once per connection and
 * connects to exactly what it answered; tests replace it with one whose answer changes.
 */
@FunctionalInterface
public interface HostResolver {

    /** Every address the host stands for (an IP literal stands for itself); never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
