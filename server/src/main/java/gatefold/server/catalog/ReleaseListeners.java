package gatefold.server.catalog;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other features hear of the catalog: every change of a release, every publish, and the
 * checks that may refuse a publish. Listeners run on the request that made the change; one that
 * fails is logged and never fails the artist's request.
 */
final class ReleaseListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseListeners.class);
    private final List<Catalog.ReleaseWatcher> watchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Release>> published = new CopyOnWriteArrayList<>();
    private final List<Function<Release, Optional<String>>> checks = new CopyOnWriteArrayList<>();

    void watch(Catalog.ReleaseWatcher watcher) {
        watchers.add(watcher);
    }

    void afterPublishing(Consumer<Release> listener) {
        published.add(listener);
    }

    void checkBeforePublishing(Function<Release, Optional<String>> check) {
        checks.add(check);
    }

    /** The first reason a check gives for not publishing the release yet. */
    Optional<String> problemWith(Release release) {
        for (var check : checks) {
            Optional<String> problem = check.apply(release);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    void changed(String releaseId) {
        for (Catalog.ReleaseWatcher watcher : watchers) {
            try {
                watcher.changed(releaseId);
            } catch (RuntimeException e) {
                LOG.warn("could not act on a change of release {}: {}", releaseId, e.toString());
            }
        }
    }

    void published(Release release) {
        for (var listener : published) {
            try {
                listener.accept(release);
            } catch (RuntimeException e) {
                LOG.warn("could not act on the publishing of release {}: {}", release.id(), e.toString());
            }
        }
    }
}
