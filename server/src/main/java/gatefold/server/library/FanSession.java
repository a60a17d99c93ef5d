package gatefold.server.library;

import gatefold.server.security.Tokens;

/** A fan signed in to their library: the email their purchases are under, and the session's own form token. */
record FanSession(String tokenHash, String email) {

    /** Bound to the session, so a form from another site (or another session) cannot sign the fan out. */
    String formToken() {
        return Tokens.hash("library-form:" + tokenHash);
    }
}
