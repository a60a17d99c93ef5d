package gatefold.server.audience;

import gatefold.server.common.Named;

/** Where a follower stands: asked and not yet confirmed, following, or gone for good (until they ask again). */
public enum FollowState implements Named {
    PENDING, FOLLOWING, LEFT
}
