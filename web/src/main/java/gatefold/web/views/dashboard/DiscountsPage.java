package gatefold.web.views.dashboard;

import java.util.List;

/** The artist's discount codes and the form to add one. */
public record DiscountsPage(Nav nav, List<DiscountRow> discounts, List<Choice> releases, String error) {
}
