package gatefold.server.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty's address lookup, replaced: the host is resolved once, every address it stands for is
 * checked, and Jetty connects to exactly those addresses. Nothing looks the host up again, so a
 * DNS answer that changes between a check and a connect (DNS rebinding) cannot slip through.
 * The addresses carry the host name, so TLS still sends it and checks the certificate against it.
 */
final class CheckedResolver implements SocketAddressResolver {

    /** The host stands for an address that may not be called. */
    static final class AddressRefused extends Exception {
        AddressRefused(String host, InetAddress address, String range) {
            super(host + " is " + address.getHostAddress() + " (" + range + ")", null, false, false);
        }
    }

    private final HostResolver resolver;
    private final AddressRules rules;
    private final Executor executor;

    CheckedResolver(HostResolver resolver, AddressRules rules, Executor executor) {
        this.resolver = resolver;
        this.rules = rules;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        try {
            // A lookup can block for seconds: never on the thread that asked (it may be a selector).
            executor.execute(() -> {
                try {
                    promise.succeeded(addresses(host).stream().map(a -> new InetSocketAddress(a, port)).toList());
                } catch (Throwable failure) {
                    promise.failed(failure);
                }
            });
        } catch (RuntimeException rejected) {
            promise.failed(rejected);
        }
    }

    /** The checked addresses of a host; one refused address refuses the host. */
    List<InetAddress> addresses(String host) throws UnknownHostException, AddressRefused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> found = resolver.resolve(bare);
        if (found == null || found.isEmpty()) {
            throw new UnknownHostException(bare);
        }
        for (InetAddress address : found) {
            Optional<String> refusal = rules.refusal(address);
            if (refusal.isPresent()) {
                throw new AddressRefused(bare, address, refusal.get());
            }
        }
        List<InetAddress> named = new ArrayList<>();
        for (InetAddress address : found) {
            named.add(named(bare, address));
        }
        return List.copyOf(named);
    }

    /**
     * The same address, carrying the host name: Jetty takes the TLS peer name (SNI and the
     * certificate check) from the socket address it connects to, so it must be the URL's host.
     */
    private static InetAddress named(String host, InetAddress address) throws UnknownHostException {
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return Inet6Address.getByAddress(host, v6.getAddress(), v6.getScopeId());
        }
        return InetAddress.getByAddress(host, address.getAddress());
    }
}
