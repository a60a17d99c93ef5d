package gatefold.server.sales.btcpay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.outbound.OutboundClient;
import gatefold.server.outbound.OutboundUrl;
import gatefold.server.sales.PaymentAccounts;
import gatefold.server.sales.PaymentProvider;
import gatefold.server.sales.Purchase;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bitcoin (and whatever else the artist enabled) through the artist's own BTCPay Server:
 * each checkout is a Greenfield invoice on their store, and the fan pays on the server's
 * own checkout page. The purchase is confirmed by the signed webhook, or by asking the
 * server when the fan comes back before it.
 */
public final class BtcPayPayments implements PaymentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BtcPayPayments.class);
    private final Greenfield greenfield;

    /** Calls the artist's server through {@code outbound}; each call may take up to 20 seconds. */
    public BtcPayPayments(OutboundClient outbound) {
        this(outbound, Duration.ofSeconds(20));
    }

    public BtcPayPayments(OutboundClient outbound, Duration timeout) {
        this.greenfield = new Greenfield(outbound, timeout);
    }

    @Override
    public String name() {
        return "btcpay";
    }

    @Override
    public boolean availableFor(PaymentAccounts accounts) {
        return accounts.btcpay().filter(b -> b.url() != null && b.storeId() != null && b.apiKey() != null
                && b.webhookSecret() != null).isPresent();
    }

    @Override
    public URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references) {
        PaymentAccounts.BtcPay account = accounts.btcpay()
                .orElseThrow(() -> Refusal.conflict("This artist does not take BTCPay payments yet."));
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode invoice = json.objectNode();
        invoice.put("amount", purchase.amount().amount());
        invoice.put("currency", purchase.currency());
        ObjectNode metadata = invoice.putObject("metadata");
        metadata.put("orderId", purchase.id());
        metadata.put("buyerEmail", purchase.email());
        metadata.put("itemDesc", release.title());
        ObjectNode checkout = invoice.putObject("checkout");
        checkout.put("redirectURL", urls.success().toString());
        checkout.put("redirectAutomatically", true);
        Greenfield.Invoice created;
        try {
            created = greenfield.create(account, invoice);
        } catch (Greenfield.GreenfieldException e) {
            LOG.warn("the artist's BTCPay Server at {} could not create an invoice for purchase {}: {}", where(account),
                    purchase.id(), e.getMessage());
            throw switch (e.trouble()) {
                case UNREACHABLE -> Refusal.unavailable("The payment service is not answering; try again in a moment.",
                        Duration.ofSeconds(30));
                case NOT_ALLOWED -> Refusal.upstream("The artist's payment server is at an address this store does not call;"
                        + " please let the artist know.");
                case REFUSED -> Refusal.upstream("The artist's payment server refused this checkout; please let the artist know.");
            };
        }
        URI link = checkoutLink(created);
        if (link == null) {
            LOG.warn("the artist's BTCPay Server answered invoice {} for purchase {} without a usable checkout link",
                    created.id(), purchase.id());
            throw Refusal.upstream("The payment service gave an unusable answer; try again in a moment.");
        }
        references.record(purchase.id(), created.id());
        return link;
    }

    @Override
    public Optional<Boolean> isPaid(Purchase purchase, PaymentAccounts accounts) {
        if (purchase.providerRef() == null || !availableFor(accounts)) {
            return Optional.empty();
        }
        try {
            String status = greenfield.get(accounts.btcpay().get(), purchase.providerRef()).status();
            // Processing: paid, waiting for confirmations on the chain.
            return "Processing".equals(status) ? Optional.empty() : Optional.of("Settled".equals(status));
        } catch (Greenfield.GreenfieldException e) {
            LOG.warn("could not ask the artist's BTCPay Server about purchase {}: {}", purchase.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The server's address for the log, without a path or query that could hold a token. */
    private static String where(PaymentAccounts.BtcPay account) {
        try {
            return OutboundUrl.parse(account.url()).redacted();
        } catch (OutboundUrl.Unusable e) {
            return "(an unusable URL)";
        }
    }

    /** Only an http(s) address is a place to send a fan. */
    private static URI checkoutLink(Greenfield.Invoice invoice) {
        if (invoice.checkoutLink() == null) {
            return null;
        }
        try {
            URI uri = URI.create(invoice.checkoutLink());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
