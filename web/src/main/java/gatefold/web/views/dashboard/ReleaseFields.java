package gatefold.web.views.dashboard;

import java.util.List;

/** The editable fields of a release as the form shows them (strings, so a refused form keeps what was typed). */
public record ReleaseFields(String title, String slug, String description, String price, String minPrice, String currency,
                            String releaseDate, String credits, String downloadLimit, List<Choice> kinds,
                            List<Choice> pricings, List<Choice> licences, List<Choice> statuses) {
}
