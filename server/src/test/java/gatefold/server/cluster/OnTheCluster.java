package gatefold.server.cluster;

import gatefold.server.ApiClient;
import org.junit.jupiter.api.BeforeAll;

/** The shared two-instance cluster, with a client for the proxy in front and one for each instance. */
abstract class OnTheCluster {

    static Cluster cluster;
    static ApiClient proxy;
    static ApiClient one;
    static ApiClient two;

    @BeforeAll
    static void join() throws Exception {
        cluster = Cluster.shared();
        proxy = cluster.proxy();
        one = cluster.one.api();
        two = cluster.two.api();
    }
}
