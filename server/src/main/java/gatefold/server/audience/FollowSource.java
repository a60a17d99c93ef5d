package gatefold.server.audience;

import gatefold.server.common.Named;

/** Where a follower came from, as the artist sees it in the export. */
public enum FollowSource implements Named {
    PAGE, RELEASE, EMBED, RECEIPT, CHECKOUT, IMPORT;

    /** The sources a fan's form may name; checkout and import are set by the server. */
    static FollowSource fromForm(String word) {
        return Named.parse(FollowSource.class, word == null ? "page" : word)
                .filter(s -> s != CHECKOUT && s != IMPORT).orElse(PAGE);
    }
}
