package gatefold.server.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Currency;

/** A money field of a JSON body: {@code {"amount": "7.00", "currency": "EUR"}}, or a bare decimal string in the fallback currency. */
public final class MoneyField {

    private MoneyField() {
    }

    public static Money parse(JsonNode node, Currency fallback, String field) {
        if (node.isTextual()) {
            return Money.parse(node.textValue(), fallback);
        }
        JsonNode code = node.get("currency");
        boolean wellFormed = node.isObject() && node.path("amount").isTextual()
                && (code == null ? node.size() == 1 : code.isTextual() && node.size() == 2);
        if (!wellFormed) {
            throw Refusal.invalid("'" + field + "' must be {\"amount\": \"7.00\", \"currency\": \"EUR\"} or a decimal string.");
        }
        Currency currency = code == null ? fallback : Money.currency(code.textValue());
        return Money.parse(node.get("amount").textValue(), currency);
    }
}
