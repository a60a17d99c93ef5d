package gatefold.web.views.dashboard;

import gatefold.web.views.Layout;

/** The frame of every dashboard page: the layout, which section is open, and the artist's public store address. */
public record Nav(Layout layout, String section, String storeUrl) {

    public boolean is(String name) {
        return name.equals(section);
    }
}
