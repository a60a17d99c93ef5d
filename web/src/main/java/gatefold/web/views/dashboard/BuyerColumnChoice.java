package gatefold.web.views.dashboard;

import java.util.List;

/** One column of a buyers' file: its header and what it is read as (the selected meaning; "" for nothing). */
public record BuyerColumnChoice(int index, String header, List<Choice> meanings) {
}
