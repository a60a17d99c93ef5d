package gatefold.server.audience;

import java.time.Instant;

/**
 * A fan's email on an artist's list. {@code consentedAt} is when they clicked the confirmation
 * link (or when the artist imported them, vouching for consent); {@code leaveToken} is the
 * secret in their unsubscribe link.
 */
public record Follower(String id, String artistId, String email, FollowState state, FollowSource source, String confirmHash,
                       Instant confirmExpires, String leaveToken, Instant createdAt, Instant consentedAt, Instant leftAt) {

    public boolean isFollowing() {
        return state == FollowState.FOLLOWING;
    }
}
