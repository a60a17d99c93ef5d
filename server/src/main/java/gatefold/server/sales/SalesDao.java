package gatefold.server.sales;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Purchase.class)
public interface SalesDao {

    @SqlUpdate("""
            INSERT INTO purchases (id, release_id, artist_id, entitlement_id, email, amount_minor, currency, status, source,
                                   provider, provider_ref, list_amount_minor, discount_code, receipt_token_hash,
                                   created_at, updated_at, tax_country, tax_rate, tax_label, net_minor, tax_minor)
            VALUES (:p.id, :p.releaseId, :p.artistId, :p.entitlementId, :p.email, :p.amountMinor, :p.currency, :p.status,
                    :p.source, :p.provider, :p.providerRef, :p.listAmountMinor, :p.discountCode, :receiptHash,
                    :p.createdAt, :p.updatedAt, :p.taxCountry, :p.taxRate, :p.taxLabel, :p.netMinor, :p.taxMinor)""")
    void insert(@BindMethods("p") Purchase purchase, @Bind("receiptHash") String receiptHash);

    /** Which Stripe payment paid for the purchase, so its refunds and disputes find it. */
    @SqlUpdate("UPDATE purchases SET payment_ref = :ref WHERE id = :id AND provider = 'stripe'")
    void rememberStripePayment(@Bind("id") String purchaseId, @Bind("ref") String paymentIntentId);

    @SqlQuery("SELECT * FROM purchases WHERE receipt_token_hash = :hash")
    Optional<Purchase> byReceiptHash(@Bind("hash") String hash);

    @SqlQuery("SELECT * FROM purchases WHERE provider = :provider AND provider_ref = :ref")
    Optional<Purchase> byProviderRef(@Bind("provider") String provider, @Bind("ref") String ref);

    @SqlQuery("SELECT * FROM purchases WHERE email = :email AND status = 'confirmed' ORDER BY created_at DESC, id")
    List<Purchase> confirmedFor(@Bind("email") String email);

    @SqlUpdate("UPDATE purchases SET provider_ref = :ref, updated_at = :now WHERE id = :id")
    void setProviderRef(@Bind("id") String id, @Bind("ref") String ref, @Bind("now") Instant now);

    /** Moves a purchase from one status to another; 0 when it was not in {@code from} any more. */
    @SqlUpdate("UPDATE purchases SET status = :to, entitlement_id = COALESCE(:entitlementId, entitlement_id), updated_at = :now WHERE id = :id AND status = :from")
    int transition(@Bind("id") String id, @Bind("from") PurchaseStatus from, @Bind("to") PurchaseStatus to,
                   @Bind("entitlementId") String entitlementId, @Bind("now") Instant now);

    /** The tax a provider decided (Stripe Tax), written on the pending purchase before it is confirmed. */
    @SqlUpdate("""
            UPDATE purchases SET amount_minor = :total, net_minor = :net, tax_minor = :tax, tax_country = :country,
                                 tax_rate = :rate, tax_label = :label, updated_at = :now
            WHERE id = :id AND status = 'pending'""")
    int recordTax(@Bind("id") String id, @Bind("total") long total, @Bind("net") long net, @Bind("tax") long tax,
                  @Bind("country") String country, @Bind("rate") java.math.BigDecimal rate, @Bind("label") String label,
                  @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM purchases WHERE id = :id")
    Optional<Purchase> byId(@Bind("id") String id);

    @SqlQuery("SELECT * FROM purchases WHERE artist_id = :artistId ORDER BY created_at DESC, id")
    List<Purchase> ofArtist(@Bind("artistId") String artistId);

    @SqlQuery("SELECT * FROM purchases WHERE artist_id = :artistId AND release_id = :releaseId ORDER BY created_at DESC, id")
    List<Purchase> ofRelease(@Bind("artistId") String artistId, @Bind("releaseId") String releaseId);

    @SqlUpdate("UPDATE purchases SET status = :status, updated_at = :now WHERE id = :id")
    void setStatus(@Bind("id") String id, @Bind("status") String status, @Bind("now") Instant now);
}
