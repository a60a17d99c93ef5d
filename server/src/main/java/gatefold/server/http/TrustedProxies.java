package gatefold.server.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reverse proxies (GATEFOLD_TRUSTED_PROXIES, address blocks in CIDR notation) whose
 * X-Forwarded-For, Forwarded and X-Forwarded-Proto headers are believed. Nobody else's are.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());
    private final List<Block> blocks;

    /** {@code network/prefix}; a bare address is a block of one. */
    record Block(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((bytes[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
        }
    }

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Reads a comma-separated list such as {@code 127.0.0.1/32, 10.0.0.0/8, fd00::/8}.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address block, and why
     */
    public static TrustedProxies parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (!entry.isEmpty()) {
                blocks.add(block(entry));
            }
        }
        return new TrustedProxies(blocks);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        if (addressText.startsWith("[") && addressText.endsWith("]")) {
            addressText = addressText.substring(1, addressText.length() - 1);
        }
        InetAddress address = IpLiteral.address(addressText).orElseThrow(() ->
                new IllegalArgumentException("'" + entry + "' is not an IP address or address block"));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = entry.substring(slash + 1);
            prefix = prefixText.matches("\\d{1,3}") ? Integer.parseInt(prefixText) : -1;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0 to " + bits);
            }
        }
        Block block = new Block(masked(address.getAddress(), prefix), prefix);
        if (!Arrays.equals(block.network(), address.getAddress())) {
            String fixed = IpLiteral.text(IpLiteral.byBytes(block.network())) + "/" + prefix;
            throw new IllegalArgumentException("'" + entry + "' has bits set past its prefix; did you mean " + fixed + "?");
        }
        return block;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    public boolean trusts(InetAddress address) {
        InetAddress plain = IpLiteral.unmapped(address);
        for (Block block : blocks) {
            if (block.contains(plain)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }
}
