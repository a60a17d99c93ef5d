-- The provider's id for the payment itself (Stripe's PaymentIntent), learnt when a checkout
-- completes: refunds and disputes name only the payment, and find their purchase by it.
ALTER TABLE purchases ADD COLUMN payment_ref VARCHAR(200);
CREATE INDEX purchases_payment_ref ON purchases (provider, payment_ref);
