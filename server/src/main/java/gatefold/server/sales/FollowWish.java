package gatefold.server.sales;

/** Told when a buyer ticked "tell me about new releases" at checkout (unticked by default). */
@FunctionalInterface
public interface FollowWish {

    FollowWish NONE = purchase -> { };

    void wished(Purchase purchase);
}
